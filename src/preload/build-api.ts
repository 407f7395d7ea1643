// `window.missionTray`, built from the IPC's names: one function per call grouped by area, and
// `on.<event>(listener)` returning its unsubscribe. The page never sees ipcRenderer itself.
// Only names, never the schemas: main validates every call, and the preload starts small.
import type { IpcRendererEvent } from 'electron';
import type { MissionTrayApi } from '../shared/ipc.ts';
import { channelOf, eventChannelOf, ipcCallNames, ipcEventNames } from '../shared/ipc-names.ts';

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
    Object.entries(ipcCallNames).map(([area, names]) => [
      area,
      Object.fromEntries(
        names.map((name) => [
          name,
          (input?: unknown): Promise<unknown> => ipc.invoke(channelOf(area, name), input),
        ]),
      ),
    ]),
  );
  const on = Object.fromEntries(
    ipcEventNames.map((event) => [
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
  // Built from the names the contract is checked against; main validates every call and answers
  // with a Result, so the shape is sound though TypeScript cannot follow the mapping.
  return { ...areas, on } as unknown as MissionTrayApi;
}
