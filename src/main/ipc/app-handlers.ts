// The `app` area: what the tray menu offers, reachable from the window too.
import { pausedUntilFor } from '../../core/notifications/notification-pause.ts';
import type { ClockPort } from '../../core/kernel/ports.ts';
import { MissionTrayError } from '../../core/kernel/errors.ts';
import type { DesktopStatus } from '../../shared/desktop.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { SettingsPort } from '../../shared/settings.ts';

export interface AppHandlersDeps {
  settings: SettingsPort;
  clock: ClockPort;
  openWindow(mode: 'compact' | 'normal'): void;
  hideWindow(): void;
  quit(): void;
  desktop(): DesktopStatus;
  /** Electron's shell.openPath on the logs folder: '' when it opened, else an error message. */
  openLogsFolder?: () => Promise<string>;
}

export function createAppHandlers(deps: AppHandlersDeps): IpcHandlers['app'] {
  return {
    pauseNotifications: async ({ for: choice }) =>
      deps.settings.update({
        pausedUntil: pausedUntilFor(choice, deps.clock.now(), deps.clock.timeZone()),
      }),
    openWindow: async ({ mode }) => {
      deps.openWindow(mode);
      return null;
    },
    hideWindow: async () => {
      deps.hideWindow();
      return null;
    },
    quit: async () => {
      deps.quit();
      return null;
    },
    desktop: async () => deps.desktop(),
    openLogsFolder: async () => {
      const folder = deps.desktop().logsFolder;
      if (!deps.openLogsFolder || folder === null) {
        throw new MissionTrayError('not-found', 'This copy of Mission Tray keeps no log file.');
      }
      const failure = await deps.openLogsFolder();
      if (failure) {
        throw new MissionTrayError(
          'not-found',
          `Mission Tray could not open its logs folder (${folder}): ${failure}`,
        );
      }
      return null;
    },
  };
}
