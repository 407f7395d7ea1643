// What `import … from 'electron'` gives in vitest (aliased in vitest.config.ts): the Electron
// binary cannot run here (TOOLCHAIN.md). Only packages that import electron themselves need it —
// electron-store reads `app` and `ipcMain` at construction; the shell's own code receives narrow
// fakes instead (electron-views.ts).
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const app = {
  getPath: (name: string): string => join(tmpdir(), 'mission-tray-fake-electron', name),
  getVersion: (): string => '0.1.0',
};
export const ipcMain = new EventEmitter();
export const shell = {
  openPath: async (_path: string): Promise<string> => '',
  openExternal: async (_url: string): Promise<void> => undefined,
};

export default { app, ipcMain, shell };
