// `window.missionTray`, built from the IPC contract: one function per call grouped by area, and
// `on.<event>(listener)` returning its unsubscribe. The page never sees ipcRenderer itself.
import type { IpcRendererEvent } from 'electron';
import { channelOf, eventChannelOf, ipcContract, ipcEvents } from '../shared/ipc.ts';
import type { MissionTrayApi } from '../shared/ipc.ts';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(
    channel: string,
    listener: (event: IpcRendererEvent, ...args: unknown[]) => void,
  ): unknown;
}

export function buildApi(ipc: IpcRendererLike): MissionTrayApi {
  const areas = Object.fromEntries(
    Object.entries(ipcContract).map(([area, calls]) => [
      area,
      Object.fromEntries(
        Object.keys(calls).map((name) => [
          name,
          (input?: unknown): Promise<unknown> => ipc.invoke(channelOf(area, name), input),
        ]),
      ),
    ]),
  );
  const on = Object.fromEntries(
    Object.keys(ipcEvents).map((event) => [
      event,
      (listener: (value: unknown) => void) => {
        const channel = eventChannelOf(event);
        const relay = (_event: IpcRendererEvent, value: unknown) => listener(value);
        ipc.on(channel, relay);
        return () => {
          ipc.removeListener(channel, relay);
        };
      },
    ]),
  );
  // Built by walking the same contract the type is derived from; main validates every call and
  // answers with a Result, so the shape is sound though TypeScript cannot follow the mapping.
  return { ...areas, on } as unknown as MissionTrayApi;
}
