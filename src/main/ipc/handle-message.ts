// The IPC boundary, without Electron: who sent it, is the input valid, call, typed result.
// `registerIpc` (register-ipc.ts) is the thin `ipcMain.handle` wiring around this.
import type { z } from 'zod';
import { MissionTrayError } from '../../core/kernel/errors.ts';
import { firstIssue } from '../../shared/mission.ts';
import type { IpcError, Result } from '../../shared/ipc.ts';

/** The part of Electron's IpcMainInvokeEvent the boundary reads. */
export interface SenderEvent {
  senderFrame: { url: string } | null;
}

export interface Route {
  channel: string;
  input: z.ZodType;
  output: z.ZodType;
  handler: (input: unknown) => Promise<unknown>;
}

export interface BoundaryDeps {
  isTrustedSender(url: string): boolean;
  /** Errors the rep cannot cause, with enough context to fix them. */
  log(message: string, cause: unknown): void;
}

export const INTERNAL_MESSAGE =
  'Something went wrong inside Mission Tray. Try again; if it keeps happening, restart the app.';
export const FORBIDDEN_MESSAGE = 'This request did not come from a Mission Tray window.';

export async function handleMessage(
  route: Route,
  event: SenderEvent,
  payload: unknown,
  deps: BoundaryDeps,
): Promise<Result<unknown>> {
  const url = event.senderFrame?.url;
  if (url === undefined || !deps.isTrustedSender(url)) {
    deps.log(`Refused ${route.channel} from ${url ?? 'a destroyed frame'}`, null);
    return failure({ code: 'forbidden', message: FORBIDDEN_MESSAGE });
  }
  const input = route.input.safeParse(payload);
  if (!input.success) {
    return failure({
      code: 'invalid',
      message: firstIssue(input.error),
      path: pathOf(input.error.issues[0]?.path ?? []),
    });
  }
  try {
    const value = await route.handler(input.data);
    const output = route.output.safeParse(value);
    if (output.success) return { ok: true, value: output.data };
    deps.log(`${route.channel} returned a value outside the contract`, output.error);
    return failure({ code: 'internal', message: INTERNAL_MESSAGE });
  } catch (error) {
    if (error instanceof MissionTrayError) {
      const path = error.path ? { path: error.path } : {};
      return failure({ code: error.code, message: error.message, ...path });
    }
    deps.log(`${route.channel} failed`, error);
    return failure({ code: 'internal', message: INTERNAL_MESSAGE });
  }
}

const failure = (error: IpcError): Result<never> => ({ ok: false, error });

// zod paths may hold symbols; the renderer only needs field names and indexes.
const pathOf = (path: PropertyKey[]): (string | number)[] =>
  path.filter((p): p is string | number => typeof p !== 'symbol');

/** The app's own renderer: the origin of app:// or the dev server, or exactly a file:// index.html. */
export function isAppRendererUrl(url: string, rendererUrl: string): boolean {
  let sender: URL;
  let own: URL;
  try {
    sender = new URL(url);
    own = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (sender.protocol !== own.protocol || sender.host !== own.host) return false;
  // Scheme and host (with port) are the origin — compared by hand, since URL#origin is "null"
  // for both file: and custom schemes like app:, which would make them all equal.
  return own.protocol === 'file:' ? sender.pathname === own.pathname : true;
}
