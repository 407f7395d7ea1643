// The window's only way out: the preload's `window.missionTray` (src/preload, built from
// src/shared/ipc.ts). Read on each call, so nothing touches it before the page is ready.
import type { MissionTrayApi } from '../shared/ipc.ts';

export const api = (): MissionTrayApi => window.missionTray;
