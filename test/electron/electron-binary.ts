// Where Electron's binary is, or why it is not there: one sentence.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** The test build's folder (an app folder with its own package.json), beside out/. */
export const TEST_APP_DIR = 'out-electron-test';

export type ElectronBinary = { ok: true; path: string } | { ok: false; why: string };

export function electronBinary(): ElectronBinary {
  const exec = process.env['ELECTRON_EXEC_PATH'];
  if (exec) {
    return existsSync(exec)
      ? { ok: true, path: exec }
      : { ok: false, why: `ELECTRON_EXEC_PATH names ${exec}, which does not exist` };
  }
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('electron/package.json'));
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
  const pathTxt = join(dir, 'path.txt');
  const exe = existsSync(pathTxt) ? join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim()) : null;
  return exe && existsSync(exe)
    ? { ok: true, path: exe }
    : { ok: false, why: `Electron ${version}'s binary is not installed` };
}
