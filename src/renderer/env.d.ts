import type { MissionTrayApi } from '../shared/ipc.ts';

declare global {
  interface Window {
    /** The one API the preload exposes (src/preload); the window talks to nothing else. */
    readonly missionTray: MissionTrayApi;
  }
}
