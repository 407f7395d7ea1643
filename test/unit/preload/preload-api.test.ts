import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { buildApi } from '../../../src/preload/build-api.ts';
import type { IpcRendererLike } from '../../../src/preload/build-api.ts';
import { channelOf, eventChannelOf, ipcContract, ipcEvents } from '../../../src/shared/ipc.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';

/** Electron's ipcRenderer as the preload sees it: invoke records, events come from `emit`. */
function fakeIpcRenderer() {
  const emitter = new EventEmitter();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return { ok: true, value: channel };
    },
    on(channel, listener) {
      emitter.on(channel, listener);
      return this;
    },
    removeListener(channel, listener) {
      emitter.removeListener(channel, listener);
      return this;
    },
  };
  return { ipc, emitter, invoked };
}

describe('window.missionTray', () => {
  it('has one function per call of the contract, grouped by area, and nothing else', () => {
    const api = buildApi(fakeIpcRenderer().ipc);
    const shape = Object.fromEntries(
      Object.entries(api).map(([area, calls]) => [area, Object.keys(calls).sort()]),
    );
    const contract = Object.fromEntries(
      Object.entries(ipcContract).map(([area, calls]) => [area, Object.keys(calls).sort()]),
    );
    expect(shape).toEqual({ ...contract, on: Object.keys(ipcEvents).sort() });
  });

  it("sends each call on its own channel with the page's input", async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = buildApi(ipc);
    await api.wins.log({ missionId: 'm1', source: 'window' });
    await api.settings.get();
    expect(invoked).toEqual([
      { channel: channelOf('wins', 'log'), args: [{ missionId: 'm1', source: 'window' }] },
      { channel: channelOf('settings', 'get'), args: [undefined] },
    ]);
  });

  it('delivers pushed events to subscribers until they unsubscribe', () => {
    const { ipc, emitter } = fakeIpcRenderer();
    const api = buildApi(ipc);
    const seen: string[] = [];
    const unsubscribe = api.on.settings((s) => seen.push(s.theme));
    emitter.emit(eventChannelOf('settings'), {}, { ...DEFAULT_SETTINGS, theme: 'dark' });
    unsubscribe();
    emitter.emit(eventChannelOf('settings'), {}, { ...DEFAULT_SETTINGS, theme: 'light' });
    expect(seen).toEqual(['dark']);
    expect(emitter.listenerCount(eventChannelOf('settings'))).toBe(0);
  });
});
