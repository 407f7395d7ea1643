// Team sync assembled for the shell: the engine over the real adapters (Node's fetch, the store
// shared with the core, safeStorage for the token, the rep's settings), its IPC areas and its
// tray switch. Plain Node: Electron's safeStorage arrives as a narrow view, so tests pass a fake.
import type { ClockPort, StorePort } from '../../core/kernel/ports.ts';
import { createJoin } from '../../core/sync/join.ts';
import { createSyncEngine, type SyncEngine } from '../../core/sync/sync-engine.ts';
import type { HttpPort, SyncSettingsPort, TimerPort } from '../../core/sync/sync-ports.ts';
import { createStoreSyncSource } from '../../core/sync/sync-source.ts';
import type { SettingsPort } from '../../shared/settings.ts';
import { createFetchHttp } from './fetch-http.ts';
import { createSafeStorageSecrets, type SafeStorageLike } from './safe-storage-secrets.ts';
import { createSyncHandlers } from './sync-handlers.ts';

export interface TeamSyncDeps {
  store: StorePort;
  clock: ClockPort;
  settings: SettingsPort;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** Called after every change the core makes (its `subscribe`). */
  onCoreChange(listener: () => void): () => void;
  http?: HttpPort;
  timers?: TimerPort;
  log(message: string, cause?: unknown): void;
}

/** The `sync` part of the rep's settings; the token is kept apart, in the secret store. */
export function syncSettingsOf(settings: SettingsPort): SyncSettingsPort {
  return {
    read: () => settings.get().sync,
    write: async (next) => {
      settings.update({ sync: next });
    },
  };
}

/** How long an invite's preview or exchange may take. */
const JOIN_TIMEOUT_MS = 15_000;

export function createTeamSync(deps: TeamSyncDeps) {
  const http = deps.http ?? createFetchHttp();
  const secrets = createSafeStorageSecrets({
    safeStorage: deps.safeStorage,
    store: deps.store,
    platform: deps.platform,
  });
  const settings = syncSettingsOf(deps.settings);
  const source = createStoreSyncSource({ store: deps.store, clock: deps.clock });
  const engine: SyncEngine = createSyncEngine({
    store: deps.store,
    clock: deps.clock,
    http,
    secrets,
    settings,
    source,
    ...(deps.timers ? { timers: deps.timers } : {}),
    log: deps.log,
  });
  const join = createJoin({
    http,
    secrets,
    settings,
    source,
    configure: (input) => engine.configure(input),
    timeoutMs: JOIN_TIMEOUT_MS,
    log: deps.log,
  });
  const unsubscribe = deps.onCoreChange(() => void engine.changed());

  return {
    engine,
    /** For ShellDeps.areas. */
    areas: createSyncHandlers(engine, join),
    /** For ShellDeps.teamJoin: a link's invite to confirm, and the news of a removed access. */
    join: { offer: join.offer, onRevoked: engine.onRevoked },
    /** For ShellDeps.traySync: the switch shows once an endpoint is set up. */
    traySync: {
      state: () => {
        const { enabled, endpoint } = deps.settings.get().sync;
        return endpoint ? { enabled } : undefined;
      },
      toggle: async () => {
        await engine.setEnabled(!deps.settings.get().sync.enabled);
      },
    },
    start: () => engine.start(),
    /** Wake from sleep or network back: retry at once. */
    resume: () => engine.resume(),
    async close() {
      unsubscribe();
      await engine.close();
    },
  };
}
export type TeamSync = ReturnType<typeof createTeamSync>;
