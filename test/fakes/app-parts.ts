// The app's parts below the shell, put together as main does: the real store, preferences, core
// and team sync over a data directory, with a fake clock and a fake safeStorage. The shell
// harness and the end-to-end launcher both start their shell on these.
import { createMissionTray } from '../../src/core/mission-tray.ts';
import { createSettingsStore } from '../../src/main/settings/settings-store.ts';
import { openStore } from '../../src/main/store/index.ts';
import type { TimerPort } from '../../src/core/sync/sync-ports.ts';
import { createTeamSync } from '../../src/main/sync/team-sync.ts';
import type { FakeClock } from './clock.ts';
import { FakeSafeStorage } from './safe-storage.ts';

export async function openAppParts(options: {
  dataDir: string;
  /** Where preferences.json lives. */
  settingsDir: string;
  clock: FakeClock;
  /** The OS locale (the shell reads Electron's app.getSystemLocale()). */
  locale: string;
  /** Sync's timers; real ones unless a test drives them. */
  timers?: TimerPort;
  /** The OS keychain; one that encrypts unless a test says otherwise. */
  safeStorage?: FakeSafeStorage;
}) {
  const { clock } = options;
  const store = await openStore(options.dataDir, { clock, log: () => undefined });
  const settings = createSettingsStore({ cwd: options.settingsDir, clock });
  const core = await createMissionTray({
    store,
    clock,
    locale: options.locale,
    reminderLeadMinutes: () => settings.get().reminderLeadMinutes,
  });
  const teamSync = createTeamSync({
    store,
    clock,
    settings,
    safeStorage: options.safeStorage ?? new FakeSafeStorage(),
    platform: 'linux',
    onCoreChange: (listener) => core.subscribe(listener),
    ...(options.timers ? { timers: options.timers } : {}),
    log: () => undefined,
  });
  return { store, settings, core, teamSync };
}
