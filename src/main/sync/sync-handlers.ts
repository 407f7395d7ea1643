// The `sync`, `team` and `join` IPC areas over the sync engine: given parsed input, one engine call each.
import type { Join } from '../../core/sync/join.ts';
import type { SyncEngine } from '../../core/sync/sync-engine.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';

export function createSyncHandlers(
  engine: SyncEngine,
  join: Join,
): Pick<IpcHandlers, 'sync' | 'team' | 'join'> {
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
    join: {
      preview: (input) => join.preview(input),
      accept: (input) => join.accept(input),
      pending: async () => join.pending(),
      dismiss: async () => {
        join.dismiss();
        return null;
      },
    },
  };
}
