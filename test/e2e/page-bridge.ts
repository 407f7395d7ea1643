// Runs in the page before the renderer (bundled by the harness, injected with addInitScript):
// builds `window.missionTray` with the preload's own `buildApi`, over a stand-in for ipcRenderer
// whose invoke crosses to the test process through Playwright's exposed binding. Written without
// DOM types (this file typechecks with the Node project), so it speaks to `globalThis`.
import type { IpcRendererEvent } from 'electron';
import { buildApi, type IpcRendererLike } from '../../src/preload/build-api.ts';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

const listeners = new Map<string, Set<Listener>>();
// The relay in buildApi ignores the event; Electron's own carries the sender, which the page lacks.
const event = Object.freeze({}) as IpcRendererEvent;

const ipc: IpcRendererLike = {
  invoke(channel, ...args) {
    const invoke: unknown = Reflect.get(globalThis, '__missionTrayInvoke');
    if (typeof invoke !== 'function') return Promise.reject(new Error('The harness is not bound'));
    const asked = performance.now();
    // The harness answers with JSON text (launch-mission-tray.ts says why).
    return Promise.resolve(invoke(channel, args[0])).then((answer: unknown) => {
      // For the bench: when the page's first call was asked and answered.
      if (Reflect.get(globalThis, '__missionTrayFirstCall') === undefined)
        Reflect.set(globalThis, '__missionTrayFirstCall', [asked, performance.now()]);
      if (typeof answer !== 'string') throw new Error('The harness answers with JSON text');
      return JSON.parse(answer) as unknown;
    });
  },
  on(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener(channel, listener) {
    listeners.get(channel)?.delete(listener);
  },
};

Object.defineProperty(globalThis, 'missionTray', { value: Object.freeze(buildApi(ipc)) });
// What `webContents.send(channel, value)` does in the shell.
Object.defineProperty(globalThis, '__missionTrayEmit', {
  value: (channel: string, value: unknown) => {
    // When the last push arrived, so the bench can tell the window's time from the transport's.
    Reflect.set(globalThis, '__missionTrayPushedAt', performance.now());
    for (const listener of listeners.get(channel) ?? []) listener(event, value);
  },
});
