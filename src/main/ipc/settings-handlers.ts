// The `settings` area of the IPC contract. Input arrives parsed (SettingsPatch); the port merges
// it and parses the whole again, so a view can never write a preference the schema rejects.
// Preferences the OS must accept are tried first: a refused shortcut changes nothing.
import { MissionTrayError } from '../../core/kernel/errors.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { SettingsPort } from '../../shared/settings.ts';

export interface SettingsEffects {
  /** Registers the global shortcut; returns why the OS refused it, or null. */
  shortcut?: { apply(accelerator: string): string | null };
  loginItem?: {
    apply(enabled: boolean): Promise<void>;
    /** Why launch at login is not offered in this run (a development build), or null. */
    unavailable?: string | null;
  };
}

export function createSettingsHandlers(
  settings: SettingsPort,
  effects: SettingsEffects = {},
): IpcHandlers['settings'] {
  return {
    get: async () => settings.get(),
    update: async (patch) => {
      const notHere = effects.loginItem?.unavailable;
      if (patch.launchAtLogin !== undefined && notHere) {
        throw new MissionTrayError('conflict', notHere, { path: ['launchAtLogin'] });
      }
      if (patch.shortcut !== undefined && effects.shortcut) {
        const problem = effects.shortcut.apply(patch.shortcut.trim());
        if (problem) throw new MissionTrayError('conflict', problem, { path: ['shortcut'] });
      }
      const before = settings.get();
      const next = settings.update(patch);
      if (effects.loginItem && next.launchAtLogin !== before.launchAtLogin) {
        await effects.loginItem.apply(next.launchAtLogin).catch((cause: unknown) => {
          settings.update({ launchAtLogin: before.launchAtLogin });
          throw new MissionTrayError(
            'storage',
            'Mission Tray could not change whether it starts at login. Check that your user folder is writable.',
            { cause },
          );
        });
      }
      return next;
    },
  };
}
