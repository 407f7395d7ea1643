// The window's only way out: the preload's `window.missionTray` (src/preload, built from
// src/shared/ipc.ts). Helpers here turn its Results into what views need.
import type { IpcError, MissionTrayApi, Result } from '../shared/ipc.ts';

export const api = (): MissionTrayApi => window.missionTray;

/** A failed call's sentence for the rep, or null on success. */
export const errorOf = <T>(result: Result<T>): IpcError | null => (result.ok ? null : result.error);
