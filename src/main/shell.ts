// The tray app, assembled from its parts. Everything Electron arrives through `deps` as a narrow
// view (electron-app.ts adapts the real objects; tests pass fakes), so this runs in plain Node.
// Data flows one way: a click → one handler → one core command → a new snapshot to every view.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ClickableNotifierPort } from '../core/notifications/notification-port.ts';
import { createRemoteCommands } from '../core/remote/remote-commands.ts';
import type { ClockPort, StorePort } from '../core/kernel/ports.ts';
import { createScheduler } from '../core/notifications/scheduler.ts';
import type { MissionTrayCore } from '../core/mission-tray.ts';
import { sameView } from '../core/today/same-view.ts';
import type { TrayPlatform } from '../core/tray/tray-menu.ts';
import { inviteLink, type Invite } from '../shared/invite.ts';
import { eventChannelOf } from '../shared/ipc.ts';
import { REVOKED_DETAIL } from '../shared/team-access.ts';
import type { IpcHandlers } from '../shared/ipc.ts';
import type { SettingsPort } from '../shared/settings.ts';
import type { TodaySnapshot } from '../shared/snapshot.ts';
import type { SyncStatus } from '../shared/team.ts';
import type { UpdateOffer } from '../shared/updates.ts';
import { createAppHandlers } from './ipc/app-handlers.ts';
import { createDataHandlers } from './ipc/data-handlers.ts';
import { isAppRendererUrl } from './ipc/handle-message.ts';
import { registerIpc } from './ipc/register-ipc.ts';
import type { IpcMainLike } from './ipc/register-ipc.ts';
import { createSettingsHandlers } from './ipc/settings-handlers.ts';
import { createRemoteIntake } from './remote/remote-intake.ts';
import type { Reply } from './remote/reply-files.ts';
import { createShortcut } from './shortcut.ts';
import type { ShortcutRegistry } from './shortcut.ts';
import { createTrayActions } from './tray/tray-actions.ts';
import { createTrayController } from './tray/tray-controller.ts';
import type { TrayView } from './tray/tray-controller.ts';
import type { Rect } from './window/compact-placement.ts';
import { createMainWindow } from './window/main-window.ts';
import type { WindowLike } from './window/main-window.ts';

export const POLL_MS = 30_000;

export interface ShellDeps {
  platform: TrayPlatform;
  core: MissionTrayCore;
  store: StorePort;
  settings: SettingsPort;
  clock: ClockPort;
  notifier: ClickableNotifierPort;
  ipcMain: IpcMainLike;
  tray: TrayView & { onClick(listener: () => void): void; bounds(): Rect | null };
  createWindow(options: BrowserWindowConstructorOptions): WindowLike;
  workArea(trayBounds: Rect | null): Rect;
  globalShortcut: ShortcutRegistry;
  loginItem: {
    apply(enabled: boolean): Promise<void>;
    /** Why launch at login is not offered in this run (a development build), or null. */
    unavailable?: string | null;
  };
  /** The log file's folder, and Electron's shell.openPath on it ('' or an error message). */
  logs?: { folder: string; open(): Promise<string> };
  chooseSavePath(defaultName: string): Promise<string | null>;
  writeFile(path: string, content: string): Promise<void>;
  isDark(): boolean;
  /** Resume from sleep and screen unlock: time may have jumped. */
  onWake(listener: () => void): void;
  onThemeChange(listener: () => void): void;
  preload: string;
  /** The renderer's URL: app://mission-tray/index.html, or the dev server. */
  rendererUrl: string;
  iconDir: string;
  quit(): void;
  log(message: string, cause?: unknown): void;
  /** Intervals for the notification check and the core's day roll-over; tests pass 0 (off). */
  pollMs?: number;
  /**
   * Areas of the IPC contract the shell does not build itself (e.g. team sync's `sync` and
   * `team`): adding one to the contract makes this required, so it cannot be forgotten.
   */
  areas: Omit<IpcHandlers, 'missions' | 'wins' | 'data' | 'settings' | 'app' | 'updates'>;
  /** Updates (src/main/updates), where the app updates itself; absent: none is ever offered. */
  updates?: {
    handlers: IpcHandlers['updates'];
    subscribe(listener: (offer: UpdateOffer | null) => void): () => void;
  };
  /** Team sync in the tray menu, once it is set up: its switch state and the toggle. */
  traySync?: { state(): { enabled: boolean } | undefined; toggle(): Promise<void> };
  /** Team sync's status as it changes, for the window and the tray; returns the unsubscribe. */
  onSyncStatus?: (listener: (status: SyncStatus) => void) => () => void;
  /** Links and the command line: the answer a waiting `mission-tray …` prints (reply-files.ts). */
  reply?: (id: string, reply: Reply) => Promise<void>;
  /**
   * Joining a team: where a missiontray://join link's invite waits for the window's confirm
   * screen, and the one-time news that the team's manager removed this rep.
   */
  teamJoin?: {
    offer(invite: Invite): void;
    onRevoked(listener: (message: string) => void): () => void;
  };
}

const noUpdates: IpcHandlers['updates'] = {
  offer: async () => null,
  restartNow: async () => null,
  later: async () => null,
};

export function startShell(deps: ShellDeps) {
  const { core, settings, clock, notifier, log } = deps;
  let quitting = false;

  const window = createMainWindow({
    createWindow: deps.createWindow,
    preload: deps.preload,
    url: deps.rendererUrl,
    settings,
    trayBounds: deps.tray.bounds,
    workArea: deps.workArea,
    isQuitting: () => quitting,
    log,
  });

  // Settings notices (a damaged preferences file) join the store's in every snapshot.
  const withNotices = (snapshot: TodaySnapshot): TodaySnapshot => ({
    ...snapshot,
    notices: [...snapshot.notices, ...settings.notices()],
  });
  const scheduler = createScheduler({
    store: deps.store,
    clock,
    settings: settings.get,
    today: core.today,
    completed: core.recentlyCompleted,
    notifier,
    log,
  });
  // The latest check (checks run one after another): quitting waits for it, so a decision it
  // made is written before the store closes, and a reminder shown is never shown again.
  let checking: Promise<void> = Promise.resolve();
  let stopped = false;
  const check = () => {
    if (stopped) return;
    checking = scheduler
      .check()
      .then(() => undefined)
      .catch((error: unknown) => log('Notification check failed', error));
  };

  // The shortcut fires only after start-up, once `actions` (below) exists.
  const shortcut = createShortcut(deps.globalShortcut, () => void actions.logFocusWin());
  const app = createAppHandlers({
    settings,
    clock,
    openWindow: (mode) => window.open(mode),
    hideWindow: () => window.hide(),
    quit: () => {
      quitting = true;
      deps.quit();
    },
    desktop: () => ({
      shortcut: shortcut.status(settings.get().shortcut),
      launchAtLogin: { unavailable: deps.loginItem.unavailable ?? null },
      logsFolder: deps.logs?.folder ?? null,
    }),
    ...(deps.logs ? { openLogsFolder: deps.logs.open } : {}),
  });
  const { missions, wins } = core.handlers;
  const handlers: IpcHandlers = {
    ...deps.areas,
    updates: deps.updates?.handlers ?? noUpdates,
    missions: {
      ...missions,
      today: async () => withNotices(await missions.today(undefined)),
      dismissNotice: async (input) => {
        if (settings.notices().some((n) => n.id === input.id)) {
          settings.dismissNotice(input.id);
          return withNotices(core.today());
        }
        return withNotices(await missions.dismissNotice(input));
      },
    },
    wins: {
      log: async (input) => withNotices(await wins.log(input)),
      undo: async () => withNotices(await wins.undo(undefined)),
    },
    data: createDataHandlers({
      exportData: core.exportData,
      chooseSavePath: deps.chooseSavePath,
      writeFile: deps.writeFile,
      clock,
    }),
    settings: createSettingsHandlers(settings, { shortcut, loginItem: deps.loginItem }),
    app,
  };
  const actions = createTrayActions({
    handlers,
    today: core.today,
    settings,
    openWindow: () => window.open(),
    openReflection: (missionId) => {
      window.open();
      window.request(eventChannelOf('reflect'), missionId);
    },
    ...(deps.traySync ? { toggleSync: deps.traySync.toggle } : {}),
    notifier,
    log,
  });

  // Links and the command line run over the same handlers as the tray and the window.
  const remote = createRemoteIntake({
    remote: createRemoteCommands({
      wins: handlers.wins,
      today: core.today,
      now: () => clock.now().getTime(),
    }),
    notifier,
    openWindow: (missionId) => {
      window.open();
      // showMission brings the window to Today itself: a 'navigate' as well would move the focus
      // from the mission's card to the view.
      if (missionId === null) window.request(eventChannelOf('navigate'), 'today');
      else window.request(eventChannelOf('showMission'), missionId);
    },
    // The window asks the rep: nothing is joined until they say Join there.
    openJoin: (invite) => {
      deps.teamJoin?.offer(invite);
      window.open();
      window.request(eventChannelOf('join'), { invite: inviteLink(invite.server, invite.secret) });
    },
    reply: deps.reply ?? (async () => undefined),
    log,
  });

  const tray = createTrayController({
    view: deps.tray,
    platform: deps.platform,
    iconDir: deps.iconDir,
    isDark: deps.isDark,
    now: () => clock.now(),
    dispatch: (action) => void actions.dispatch(action),
    ...(deps.traySync ? { sync: deps.traySync.state } : {}),
  });
  const render = () => tray.render(core.today(), settings.get());

  const unregister = registerIpc(deps.ipcMain, handlers, {
    isTrustedSender: (url) => isAppRendererUrl(url, deps.rendererUrl),
    log,
  });
  /** The last snapshot sent to the window: the poll compares with it (a win does not). */
  let lastPushed: TodaySnapshot | null = null;
  const push = (snapshot: TodaySnapshot) => {
    lastPushed = snapshot;
    window.send(eventChannelOf('today'), snapshot);
  };
  const unsubscribe = [
    core.subscribe((snapshot) => {
      push(withNotices(snapshot));
      tray.render(snapshot, settings.get());
      check();
    }),
    settings.subscribe((next) => {
      window.send(eventChannelOf('settings'), next);
      render();
    }),
    deps.onSyncStatus?.((status) => {
      window.send(eventChannelOf('sync'), status);
      render();
    }) ?? (() => undefined),
    deps.updates?.subscribe((offer) => window.send(eventChannelOf('update'), offer)) ??
      (() => undefined),
    deps.teamJoin?.onRevoked((message) => {
      void notifier
        .show({ title: 'Mission Tray', body: `${message} ${REVOKED_DETAIL}` })
        .catch((error: unknown) => log('Could not say that team access was removed', error));
    }) ?? (() => undefined),
  ];
  // macOS and Windows: a left click opens the compact window. Linux trays only open the menu.
  deps.tray.onClick(() => window.toggle());
  // Every notification is about today's missions, their reflection or a notice the window shows:
  // a click opens the window on Today (a reflection awaiting shows over it).
  notifier.onClick((notification) => {
    try {
      window.open();
      window.request(eventChannelOf('navigate'), 'today');
    } catch (error) {
      log(`Could not open the window for the notification "${notification.title}"`, error);
    }
  });
  deps.onThemeChange(render);
  // Time alone changes the picture (a milestone falls behind, a deadline passes): after each
  // tick, the tray redraws and the window gets the snapshot if anything but its instant changed.
  const refresh = () => {
    const snapshot = withNotices(core.today());
    tray.render(snapshot, settings.get());
    if (!sameView(snapshot, lastPushed)) push(snapshot);
  };
  /** One periodic check: the core catches up with the clock, the views redraw, notifications fire. */
  const wake = (): Promise<void> =>
    core
      .tick()
      .catch((error: unknown) => log('Day roll-over failed', error))
      .finally(() => {
        refresh();
        check();
      })
      .then(() => checking);
  deps.onWake(() => void wake());

  const problem = shortcut.apply(settings.get().shortcut);
  if (problem) void notifier.show({ title: 'Mission Tray', body: problem }).catch(() => undefined);
  for (const body of [...settings.notices().map((n) => n.message), ...settings.upgrades()]) {
    void notifier.show({ title: 'Mission Tray', body }).catch(() => undefined);
  }
  render();
  check();
  const pollMs = deps.pollMs ?? POLL_MS;
  const timer = pollMs > 0 ? setInterval(() => void wake(), pollMs) : undefined;

  return {
    handlers,
    /** Redraws the tray (e.g. after sync state changes outside a snapshot). */
    render,
    dispatch: actions.dispatch,
    logFocusWin: actions.logFocusWin,
    /** Where links and command lines arrive (second instance, open-url, the app's own argv). */
    remote,
    window,
    scheduler,
    /** What the poll timer and a wake from sleep run, resolved once its notifications are out. */
    tick: wake,
    /** Marks the app as quitting so the window really closes (app 'before-quit'). */
    quitting: () => {
      quitting = true;
    },
    /** Resolves once the notification check under way (if any) has finished. */
    idle: () => checking,
    stop(): void {
      stopped = true;
      quitting = true;
      clearInterval(timer);
      unregister();
      unsubscribe.forEach((u) => u());
      window.destroy();
    },
  };
}
