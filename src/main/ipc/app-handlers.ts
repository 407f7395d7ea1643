// The `app` area: what the tray menu offers, reachable from the window too.
import { pausedUntilFor } from '../../core/notifications/notification-pause.ts';
import type { ClockPort } from '../../core/kernel/ports.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { SettingsPort } from '../../shared/settings.ts';

export interface AppHandlersDeps {
  settings: SettingsPort;
  clock: ClockPort;
  openWindow(mode: 'compact' | 'normal'): void;
  hideWindow(): void;
  quit(): void;
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
  };
}
