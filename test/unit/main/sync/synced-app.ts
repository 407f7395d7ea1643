// The app's parts below the shell (openAppParts) on a temp folder, with sync's timers in the
// test's hand: what a team sync test starts from.
import { join } from 'node:path';
import { openAppParts } from '../../../fakes/app-parts.ts';
import { TEST_LOCALE } from '../../../fakes/clock.ts';
import type { FakeSafeStorage } from '../../../fakes/safe-storage.ts';
import { createManualTimers, newClock, removeDir, tempDir } from '../../core/sync/sync-fixture.ts';

export async function openSyncedApp(options: { safeStorage?: FakeSafeStorage } = {}) {
  const dir = await tempDir();
  const clock = newClock();
  const timers = createManualTimers(clock);
  const parts = await openAppParts({
    dataDir: join(dir, 'data'),
    settingsDir: dir,
    clock,
    locale: TEST_LOCALE,
    timers: timers.timers,
    ...options,
  });
  const sync = parts.teamSync;
  return {
    ...parts,
    dir,
    clock,
    timers,
    /** Lets the core's change reach the engine, then runs the debounced push. */
    async push(): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      while (timers.delays().some((d) => d <= 2000)) {
        timers.fireNext();
        await sync.engine.whenIdle();
      }
    },
    async close(): Promise<void> {
      await sync.close();
      await parts.core.close();
      await parts.store.close();
      await removeDir(dir);
    },
  };
}
export type SyncedApp = Awaited<ReturnType<typeof openSyncedApp>>;
