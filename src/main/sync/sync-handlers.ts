// The `sync` and `team` IPC areas over the sync engine: given parsed input, one engine call each.
import type { SyncEngine } from '../../core/sync/sync-engine.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';

export function createSyncHandlers(engine: SyncEngine): Pick<IpcHandlers, 'sync' | 'team'> {
  return {
    sync: {
      status: async () => engine.status(),
      configure: (input) => engine.configure(input),
      setEnabled: (input) => engine.setEnabled(input.enabled),
      preview: (input) => engine.preview(input),
    },
    team: {
      view: () => engine.team(),
      cheer: async (input) => ({ cheers: await engine.cheer(input.missionId) }),
    },
  };
}
