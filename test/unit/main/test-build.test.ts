// The real-Electron suite's hooks (src/main/test-hooks.ts) exist only in its test build: the main
// process bundled with the production define has none of their code or names, and with the test
// define it has them (so the grep below can fail). Also `npm run test:electron` says in one line
// when Electron's binary is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBuildDefine } from '../../../electron.vite.config.ts';

const HOOK_MARKS = [
  '__missionTrayTestHooks',
  'installTestHooks',
  'MISSION_TRAY_TEST_HOOKS',
  'MISSION_TRAY_TEST_USER_DATA',
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** src/main bundled as electron-vite bundles it, with the given environment's define. */
async function bundleMain(env: NodeJS.ProcessEnv): Promise<string> {
  const outDir = mkdtempSync(resolve('node_modules/.cache/mission-tray-test-build-'));
  dirs.push(outDir);
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'silent',
    define: testBuildDefine(env),
    build: {
      ssr: resolve('src/main/index.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node22',
      rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
    },
  });
  return allJs(outDir);
}

function allJs(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

describe('test hooks', () => {
  it('are not in the production bundle of the main process', async () => {
    const code = await bundleMain({});
    expect(code).toContain('requestSingleInstanceLock');
    for (const mark of HOOK_MARKS) expect(code, mark).not.toContain(mark);
  }, 60_000);

  it('are in the test build, so the check above can fail', async () => {
    const code = await bundleMain({ MISSION_TRAY_TEST_BUILD: '1' });
    for (const mark of HOOK_MARKS) expect(code, mark).toContain(mark);
  }, 60_000);

  it("are not in out/main, npm test's own electron-vite build", () => {
    // npm test builds before the unit tests (scripts/test.js); a lone vitest run may find none.
    const out = resolve('out/main');
    const code = existsSync(out) ? allJs(out) : '';
    for (const mark of HOOK_MARKS) expect(code, mark).not.toContain(mark);
  });
});

describe('npm run test:electron without the Electron binary', () => {
  it('says so in one line and exits non-zero', () => {
    const run = spawnSync(process.execPath, [resolve('test/electron/run.ts')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_EXEC_PATH: resolve('no-such-electron') },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `test:electron: ELECTRON_EXEC_PATH names ${resolve('no-such-electron')}, which does not exist; this suite needs it, npm test does not.`,
    ]);
  });
});
