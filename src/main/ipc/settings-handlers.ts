// The `settings` area of the IPC contract. Input arrives parsed (SettingsPatch); the port merges
// it and parses the whole again, so a view can never write a preference the schema rejects.
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { SettingsPort } from '../../shared/settings.ts';

export function createSettingsHandlers(settings: SettingsPort): IpcHandlers['settings'] {
  return {
    get: async () => settings.get(),
    update: async (patch) => settings.update(patch),
  };
}
