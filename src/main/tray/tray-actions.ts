// What each tray menu item (and the global shortcut) does. Failures the rep can act on come back
// as a notification, since a menu has nowhere else to say it.
import { MissionTrayError } from '../../core/kernel/errors.ts';
import type { NotifierPort } from '../../core/notifications/notification-port.ts';
import type { TrayAction } from '../../core/tray/tray-menu.ts';
import { focusMission } from '../../core/tray/tray-state.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';
import { LogWinInput } from '../../shared/mission.ts';
import type { WinSource } from '../../shared/mission.ts';
import type { SettingsPort } from '../../shared/settings.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';

export interface TrayActionsDeps {
  handlers: Pick<IpcHandlers, 'missions' | 'wins' | 'app'>;
  today: () => TodaySnapshot;
  settings: SettingsPort;
  openWindow: () => void;
  /** Opens the window on this mission's reflection, even if the rep said "Later" to it. */
  openReflection: (missionId: string) => void;
  toggleSync?: () => Promise<void>;
  notifier: NotifierPort;
  log: (message: string, cause: unknown) => void;
}

export function createTrayActions(deps: TrayActionsDeps) {
  const { handlers } = deps;

  async function report(work: Promise<unknown>): Promise<void> {
    try {
      await work;
    } catch (error) {
      const known = error instanceof MissionTrayError;
      if (!known) deps.log('A tray action failed', error);
      const body = known ? error.message : 'That did not work. Try again, or open Mission Tray.';
      await deps.notifier.show({ title: 'Mission Tray', body }).catch(() => undefined);
    }
  }

  const logWin = (missionId: string, source: WinSource) =>
    handlers.wins.log(LogWinInput.parse({ missionId, source }));

  /** The global shortcut: a win on the focus mission (or the first active one). */
  function logFocusWin(): Promise<void> {
    const focus = focusMission(deps.today(), deps.settings.get().focusMissionId);
    if (!focus) {
      return report(
        Promise.reject(
          new MissionTrayError('not-found', 'There is no active mission to log a win on yet.'),
        ),
      );
    }
    return report(logWin(focus.mission.id, 'shortcut'));
  }

  function dispatch(action: TrayAction): Promise<void> {
    switch (action.type) {
      case 'log-win':
        return report(logWin(action.missionId, 'tray'));
      case 'undo':
        return report(handlers.wins.undo(undefined));
      case 'open-window':
        deps.openWindow();
        return Promise.resolve();
      case 'reflect':
        deps.openReflection(action.missionId);
        return Promise.resolve();
      case 'pause':
        return report(handlers.app.pauseNotifications({ for: action.for }));
      case 'pause-today':
        return report(handlers.missions.pauseToday({ paused: action.paused }));
      case 'toggle-sync':
        return report(deps.toggleSync?.() ?? Promise.resolve());
      case 'quit':
        return report(handlers.app.quit(undefined));
    }
  }

  return { dispatch, logFocusWin };
}
