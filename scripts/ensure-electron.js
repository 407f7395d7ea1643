// `npm start` / `npm run dev` step: make sure Electron's binary is there before electron-vite looks
// for it. Since Electron 42 `npm install electron` downloads nothing; electron-vite 6 only reads
// node_modules/electron/path.txt and stops with "Error: Electron uninstall" when it is missing.
// This runs Electron's own installer (its `install-electron` bin, which honours ELECTRON_MIRROR and
// the download cache) only when the binary is missing. It is deliberately not a postinstall step:
// `npm ci` and `npm test` never need the network.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version, bin } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
const target = `${process.env.ELECTRON_INSTALL_PLATFORM ?? process.platform}-${process.env.ELECTRON_INSTALL_ARCH ?? process.arch}`;

/** What electron-vite needs: path.txt naming an executable in dist/, of this package's version. */
function installed() {
  try {
    const exe = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    const distVersion = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim();
    return distVersion.replace(/^v/, '') === version && existsSync(join(electronDir, 'dist', exe));
  } catch {
    return false;
  }
}

const notNeeded = '`npm test` does not need it';
const mirrorHint =
  'to start the app, set ELECTRON_MIRROR to a reachable mirror of Electron releases (a URL ending in /) and run it again';

function fail(what) {
  console.error(`Mission Tray: ${what}; ${notNeeded}; ${mirrorHint}.`);
  process.exit(1);
}

// A binary the developer points at themselves (electron-vite reads ELECTRON_EXEC_PATH first).
if (process.env.ELECTRON_EXEC_PATH || installed()) process.exit(0);

// CI (.ci/run) and offline setups set ELECTRON_SKIP_BINARY_DOWNLOAD to keep installs off the network.
// Starting the app needs the binary all the same, so say why it is missing rather than let
// electron-vite fail with "Electron uninstall".
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  fail(
    `Electron ${version}'s binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not downloaded (unset it to download)`,
  );
}

const source = process.env.ELECTRON_MIRROR
  ? `ELECTRON_MIRROR (${process.env.ELECTRON_MIRROR})`
  : "Electron's GitHub releases";
console.log(`Downloading Electron ${version} for ${target} (first start only)…`);
const run = spawnSync(process.execPath, [join(electronDir, bin['install-electron'])], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
});
if (run.status !== 0 || !installed()) {
  // The installer prints a whole stack; its first line says what went wrong.
  const reason =
    (run.stderr || run.error?.message || '').trim().split('\n')[0] || 'no reason given';
  fail(`could not download Electron ${version} for ${target} from ${source}: ${reason}`);
}
