// One `ipcMain.handle` per call in the contract, each through `handleMessage`.
import { channelOf, ipcContract } from '../../shared/ipc.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';
import { handleMessage } from './handle-message.ts';
import type { BoundaryDeps, Route, SenderEvent } from './handle-message.ts';

/** What registration needs of Electron's ipcMain. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: SenderEvent, payload: unknown) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Every call of the contract paired with its handler; `IpcHandlers` makes a missing one a type error. */
export function routesOf(handlers: IpcHandlers): Route[] {
  const routes: Route[] = [];
  for (const [area, calls] of Object.entries(ipcContract)) {
    const areaHandlers: Record<string, unknown> = handlers[area as keyof IpcHandlers];
    for (const [name, call] of Object.entries(calls)) {
      const handler = areaHandlers[name];
      if (typeof handler !== 'function') throw new Error(`No IPC handler for ${area}.${name}`);
      routes.push({
        channel: channelOf(area, name),
        input: call.input,
        output: call.output,
        // Sound: the handler is only ever called with `call.input`'s parsed output, its own type.
        handler: (input) => Promise.resolve(handler(input)),
      });
    }
  }
  return routes;
}

export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  deps: BoundaryDeps,
): () => void {
  const routes = routesOf(handlers);
  for (const route of routes) {
    ipcMain.handle(route.channel, (event, payload: unknown) =>
      handleMessage(route, event, payload, deps),
    );
  }
  return () => routes.forEach((route) => ipcMain.removeHandler(route.channel));
}
