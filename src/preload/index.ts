// Runs sandboxed, as CommonJS (electron.vite.config.ts), before the page: expose one object.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './build-api.ts';

contextBridge.exposeInMainWorld('missionTray', buildApi(ipcRenderer));
