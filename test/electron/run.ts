// `npm run test:electron`: the real-Electron suite (app.spec.ts), for machines where Electron's
// binary can be installed and run (a contributor's desktop; not .ci/run, whose machine reaches only
// the npm registry and Debian's packages, and neither ships the binary). Checks the binary first and says in one line when it is missing; builds the
// test build (its hooks defined in, src/main/test-build.ts) into out-electron-test/, so out/
// and every installer stay free of them; then runs Playwright with this folder's config.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { electronBinary, TEST_APP_DIR } from './electron-binary.ts';

const root = resolve(import.meta.dirname, '../..');
const pkg = z
  .record(z.string(), z.unknown())
  .parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
const node = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;

let binary = electronBinary();
if (!binary.ok && !process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) {
  // Electron's own installer (as `npm start` does); its output is kept for the one line below.
  const install = spawnSync(process.execPath, [join(root, 'scripts/ensure-electron.js')], {
    cwd: root,
    encoding: 'utf8',
  });
  binary = electronBinary();
  // ensure-electron.js says why in one sentence: "…: could not download … ; …".
  const reason = /(could not download[^;]*)/.exec(install.stderr)?.[1];
  if (!binary.ok && reason) binary.why += ` (${reason})`;
}
if (!binary.ok) {
  console.error(`test:electron: ${binary.why}; this suite needs it, npm test does not.`);
  process.exit(1);
}

rmSync(join(root, TEST_APP_DIR), { recursive: true, force: true });
const built = node(
  [
    join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
    'build',
    // Absolute: electron-vite resolves a relative outDir against each part's root (src/renderer).
    '--outDir',
    join(root, TEST_APP_DIR),
  ],
  { ...process.env, MISSION_TRAY_TEST_BUILD: '1' },
);
if (built !== 0) process.exit(built);
// The test app's own package.json and resources, as `electron .` would find them at the root.
writeFileSync(
  join(root, TEST_APP_DIR, 'package.json'),
  JSON.stringify({ ...pkg, main: 'main/index.js', scripts: {} }, null, 2),
);
cpSync(join(root, 'resources'), join(root, TEST_APP_DIR, 'resources'), { recursive: true });
if (!existsSync(join(root, TEST_APP_DIR, 'main/index.js'))) {
  console.error(`test:electron: the build left no ${TEST_APP_DIR}/main/index.js`);
  process.exit(1);
}

process.exit(
  node([
    join(root, 'node_modules/@playwright/test/cli.js'),
    'test',
    '--config',
    join(root, 'test/electron/playwright.config.ts'),
    ...process.argv.slice(2),
  ]),
);
