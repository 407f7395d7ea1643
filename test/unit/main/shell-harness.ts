// The whole shell in plain Node: the real core over a real store in a temp dir, real preferences
// file, a fake clock, and fakes only for what Electron and the desktop provide.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DesktopNotification } from '../../../src/core/notifications/notification-port.ts';
import type { StorePort } from '../../../src/core/kernel/ports.ts';
import type { MissionTrayCore } from '../../../src/core/mission-tray.ts';
import type { TrayPlatform } from '../../../src/core/tray/tray-menu.ts';
import { startShell } from '../../../src/main/shell.ts';
import { APP_INDEX_URL } from '../../../src/main/window/app-protocol.ts';
import type { SettingsPort } from '../../../src/shared/settings.ts';
import { weekDraft } from '../week-draft.ts';
import { openAppParts } from '../../fakes/app-parts.ts';
import { createFakeClock, TEST_LOCALE } from '../../fakes/clock.ts';
import type { FakeClock } from '../../fakes/clock.ts';
import { createTrayView, trayHandleOf } from '../../../src/main/tray/tray-view.ts';
import {
  FakeBrowserWindow,
  FakeGlobalShortcut,
  FakeIpcMain,
  FakeMenu,
  FakeOsShortcuts,
  FakeTray,
  type FakeWindowBehaviour,
} from '../../fakes/electron-views.ts';

export interface Harness {
  dir: string;
  clock: FakeClock;
  store: StorePort;
  core: MissionTrayCore;
  settings: SettingsPort;
  shell: ReturnType<typeof startShell>;
  tray: FakeTray;
  windows: FakeBrowserWindow[];
  ipcMain: FakeIpcMain;
  shortcuts: FakeGlobalShortcut;
  shown: DesktopNotification[];
  logged: string[];
  loginItems: boolean[];
  quits: number;
  wake(): void;
  /** A left click on the tray icon (on Linux, and on macOS with a menu attached, it opens the menu). */
  clickTrayIcon(): void;
  /** The rep clicks a notification the desktop showed (macOS, Windows). */
  clickNotification(notification: DesktopNotification): void;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    platform?: TrayPlatform;
    now?: string;
    /** Accelerators other apps on this desktop hold. */
    takenShortcuts?: string[];
    /** How the windows the shell creates behave (e.g. a page that fails to load). */
    window?: FakeWindowBehaviour;
    /** Runs before the shell starts (e.g. to damage the preferences file). */
    prepare?: (dir: string) => void;
    traySync?: { state(): { enabled: boolean } | undefined; toggle(): Promise<void> };
    logs?: { folder: string; open(): Promise<string> };
    loginUnavailable?: string;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'mt-shell-'));
  options.prepare?.(dir);
  const clock = createFakeClock({
    now: options.now ?? '2026-11-23T08:00:00Z', // Monday, 09:00 in Berlin
    timeZone: 'Europe/Berlin',
  });
  const { store, settings, core, teamSync } = await openAppParts({
    dataDir: join(dir, 'data'),
    settingsDir: dir,
    clock,
    locale: TEST_LOCALE,
  });
  const platform = options.platform ?? 'linux';
  const tray = new FakeTray(platform);
  const windows: FakeBrowserWindow[] = [];
  const ipcMain = new FakeIpcMain();
  const shortcuts = new FakeGlobalShortcut(new FakeOsShortcuts(platform, options.takenShortcuts));
  const shown: DesktopNotification[] = [];
  const logged: string[] = [];
  const loginItems: boolean[] = [];
  const wakers: (() => void)[] = [];
  const notificationClicks: ((notification: DesktopNotification) => void)[] = [];
  let closed = false;
  const harness: Harness = {
    dir,
    clock,
    store,
    core,
    settings,
    tray,
    windows,
    ipcMain,
    shortcuts,
    shown,
    logged,
    loginItems,
    quits: 0,
    wake: () => wakers.forEach((w) => w()),
    clickTrayIcon: () => tray.clickIcon(),
    clickNotification: (notification) => {
      if (!shown.includes(notification)) throw new Error('That notification was never shown');
      notificationClicks.forEach((c) => c(notification));
    },
    shell: startShell({
      platform,
      core,
      store,
      settings,
      clock,
      notifier: {
        show: async (n) => void shown.push(n),
        onClick: (listener) => notificationClicks.push(listener),
      },
      ipcMain,
      tray: createTrayView(trayHandleOf(tray), (template) => new FakeMenu(template), platform),
      createWindow: (opts) => {
        const w = new FakeBrowserWindow(opts, options.window);
        windows.push(w);
        return w;
      },
      workArea: () => ({ x: 0, y: 0, width: 1920, height: 1080 }),
      globalShortcut: shortcuts,
      loginItem: {
        apply: async (enabled) => void loginItems.push(enabled),
        unavailable: options.loginUnavailable ?? null,
      },
      ...(options.logs ? { logs: options.logs } : {}),
      chooseSavePath: async () => null,
      writeFile: async () => undefined,
      isDark: () => false,
      onWake: (listener) => wakers.push(listener),
      onThemeChange: () => undefined,
      preload: '/app/out/preload/index.cjs',
      rendererUrl: APP_INDEX_URL,
      iconDir: '/app/resources',
      quit: () => harness.quits++,
      log: (message) => logged.push(message),
      pollMs: 0,
      areas: teamSync.areas,
      teamJoin: teamSync.join,
      ...(options.traySync ? { traySync: options.traySync } : {}),
    }),
    async close() {
      if (closed) return;
      closed = true;
      harness.shell.stop();
      await harness.shell.idle();
      await core.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A week-long meetings mission with milestones at noon and 17:00. */
export const meetingsDraft = weekDraft();

/** Resolves once queued promise callbacks (tray clicks, subscriptions) have run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Retries an assertion until it holds (clicks and subscriptions run asynchronously). */
export async function eventually(assertion: () => void, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
