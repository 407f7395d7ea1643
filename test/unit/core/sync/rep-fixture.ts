// One rep's app for sync tests: a real data directory, the real sync engine over the real fetch
// adapter, pointed at a real team server (or a fault proxy in front of it).
import type { StorePort } from '../../../../src/core/kernel/ports.ts';
import { TOKEN_SECRET } from '../../../../src/core/sync/account.ts';
import { createSyncEngine, type SyncEngineDeps } from '../../../../src/core/sync/sync-engine.ts';
import { createStoreSyncSource } from '../../../../src/core/sync/sync-source.ts';
import { createFetchHttp } from '../../../../src/main/sync/fetch-http.ts';
import type { FakeClock } from '../../../fakes/clock.ts';
import {
  createManualTimers,
  createRepData,
  memorySecrets,
  memorySettings,
  newClock,
  openRepStore,
  removeDir,
  tempDir,
} from './sync-fixture.ts';

export async function startRep(options: {
  endpoint: string;
  token: string;
  clock?: FakeClock;
  dir?: string;
  engine?: Partial<SyncEngineDeps>;
}) {
  const clock = options.clock ?? newClock();
  const dir = options.dir ?? (await tempDir());
  const store: StorePort = await openRepStore(dir, clock);
  const data = await createRepData(store, clock);
  const manual = createManualTimers(clock);
  const settings = memorySettings({ enabled: true, endpoint: options.endpoint });
  const secrets = memorySecrets();
  await secrets.set(TOKEN_SECRET, options.token);
  const engine = createSyncEngine({
    store,
    clock,
    http: createFetchHttp(),
    secrets,
    settings,
    source: createStoreSyncSource({ store, clock }),
    timers: manual.timers,
    random: () => 0.5,
    log: () => undefined,
    ...options.engine,
  });
  return {
    dir,
    clock,
    store,
    data,
    engine,
    settings,
    secrets,
    timers: manual,
    /** Fires the soonest timer (debounce or retry) and waits for the pass it starts. */
    async fire(): Promise<boolean> {
      const fired = manual.fireNext();
      await engine.whenIdle();
      return fired;
    },
    async close(keepDir = false) {
      await engine.close();
      await store.close();
      if (!keepDir) await removeDir(dir);
    },
  };
}
export type RepApp = Awaited<ReturnType<typeof startRep>>;
