// `npm test`'s security step: @doyensec/electronegativity's scanner over src/, failing on any HIGH
// or MEDIUM finding, always offline (`got` replaced by one that fails at once). Why not its CLI,
// and why offline: docs/decisions/0006-electron-never-runs-in-tests.md.
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const fromPackage = createRequire(resolve(packageDir, 'package.json'));
const offline = () => Promise.reject(new Error('electronegativity runs offline here'));
offline.head = offline;
offline.get = offline;
const gotPath = fromPackage.resolve('got');
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };

const run = fromPackage('./dist/runner.js');
const { severity } = fromPackage('./dist/finder/attributes.js');

const input = resolve(process.argv[2] ?? 'src');
// The Electron major the app is built on (package.json devDependencies), for version checks.
const electronVersion = require('electron/package.json').version;
const log = console.log;
console.log = () => undefined; // the scanner's own chatter ("Could not retrieve translations")
let result;
try {
  result = await run({
    input,
    output: null,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    severitySet: null,
    confidenceSet: null,
    isRelative: true,
    isVerbose: true,
    electronUpgrade: null,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} finally {
  console.log = log;
}

const blocking = result.issues.filter((i) => i.severity.value >= severity.MEDIUM.value);
for (const error of result.errors) console.error(`could not scan ${error.file}: ${error.message}`);
for (const issue of result.issues) {
  const where = `${relative(process.cwd(), resolve(input, issue.file))}:${issue.location.line}`;
  const level = issue.severity.name ?? String(issue.severity.value);
  console.log(`${level.padEnd(13)} ${issue.id} ${where}\n              ${issue.description}`);
}
console.log(
  `electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${relative(process.cwd(), input) || '.'}, ` +
    `${result.issues.length} findings, ${blocking.length} high or medium`,
);
process.exit(blocking.length > 0 || result.errors.length > 0 ? 1 : 0);
