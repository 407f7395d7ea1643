// The real Electron objects, adapted to the narrow views startShell takes. This file and
// index.ts are the only ones in src/main that load Electron at run time (eslint.config.js keeps it
// so). Only `npm run test:electron` runs them, where the binary can be installed (npm test never
// does), so they hold no decisions — those live in the modules they wire.
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell as electronShell,
  Tray,
} from 'electron';
import electronUpdater from 'electron-updater';
import { systemClock } from '../core/kernel/ports.ts';
import { createMissionTray } from '../core/mission-tray.ts';
import type { TrayPlatform } from '../core/tray/tray-menu.ts';
import { APP_ID, PRODUCT_NAME } from './app-identity.ts';
import { createFileLog } from './log/file-log.ts';
import { createDesktopNotifier } from './notify/desktop-notifier.ts';
import { createElectronSettings } from './settings/electron-settings.ts';
import { createLoginItem } from './settings/login-item.ts';
import { startShell } from './shell.ts';
import { createFetchHttp } from './sync/fetch-http.ts';
import { TEST_BUILD } from './test-build.ts';
import { installTestHooks } from './test-hooks.ts';
import { createTeamSync } from './sync/team-sync.ts';
import { protocolClientCall } from './remote/protocol-client.ts';
import type { createLinkInbox } from './remote/remote-intake.ts';
import { removeStaleReplies, replyFolder, writeReply } from './remote/reply-files.ts';
import { createPanelTheme } from './tray/panel-theme.ts';
import { createTrayView, trayHandleOf } from './tray/tray-view.ts';
import { createUpdates } from './updates/updates.ts';
import { openStore } from './store/index.ts';
import { APP_INDEX_URL, APP_SCHEME, createAppProtocolHandler } from './window/app-protocol.ts';
import { createReopenOnActivate } from './window/reopen-on-activate.ts';
import { contentSecurityPolicy, secureSession } from './window/security.ts';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export async function launch(
  options: {
    /** process.platform; tests pass another to run that OS's branches on the fake Electron. */
    platform?: NodeJS.Platform;
    now?: () => number;
    /** The words this instance was started with (`mission-tray status`, or a link): done once up. */
    command?: readonly string[];
    /** macOS links that came (open-url) before the app was up, and those after. */
    links?: ReturnType<typeof createLinkInbox>;
  } = {},
): Promise<() => void> {
  const os = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const platform: TrayPlatform = os === 'darwin' || os === 'win32' ? os : 'linux';
  // A packaged app has no terminal: every line also goes to main.log in Electron's logs folder.
  const logsFolder = app.getPath('logs');
  const log = createFileLog({ dir: logsFolder });
  app.setAppUserModelId(APP_ID);
  if (platform === 'darwin') app.dock?.hide();

  const devUrl = app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null);
  const csp = contentSecurityPolicy(devUrl);
  secureSession(session.defaultSession, csp);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(fileURLToPath(new URL('../renderer', import.meta.url)), csp),
  );
  const resources = app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources');

  const userData = app.getPath('userData');
  // index.ts took Electron's single-instance lock, keyed by userData, before launching.
  const store = await openStore(join(userData, 'data'), { log, singleInstance: userData });
  const settings = createElectronSettings(userData);
  // The window's prefers-color-scheme follows the rep's theme preference; the tray icon
  // follows the panel's own colour (panel-theme.ts).
  const panelTheme = createPanelTheme(nativeTheme, os);
  panelTheme.apply(settings.get().theme);
  settings.subscribe((next) => panelTheme.apply(next.theme));
  const core = await createMissionTray({
    store,
    clock: systemClock,
    // The region's format (Windows' and macOS's regional settings), not the UI language that
    // app.getLocale() and the page's default follow: times read as the rep's other apps show them.
    locale: app.getSystemLocale(),
    reminderLeadMinutes: () => settings.get().reminderLeadMinutes,
  });
  const teamSync = createTeamSync({
    store,
    clock: systemClock,
    settings,
    safeStorage,
    platform: os,
    // Chromium's network stack: the system's proxies, PAC files and certificate store.
    http: createFetchHttp((url, init) => net.fetch(url, init)),
    onCoreChange: (listener) => core.subscribe(listener),
    log,
  });
  const tray = new Tray(join(resources, 'tray-idle-light.png'));
  /** The tray's current menu, for the test build's hooks. */
  let trayMenu: Menu | null = null;
  let openWindow: () => void = () => undefined;
  if (TEST_BUILD && process.env['MISSION_TRAY_TEST_HOOKS'] === '1') {
    installTestHooks({ app, openWindow: () => openWindow(), trayMenu: () => trayMenu });
  }
  const notifier = createDesktopNotifier({
    appName: PRODUCT_NAME,
    appId: APP_ID,
    iconPath: join(resources, 'icon.png'),
    platform: os,
    Notification,
  });
  const updates = createUpdates({
    // Read only in a packaged build with updates on: the getter sets up the platform's updater.
    updater: () => electronUpdater.autoUpdater,
    packaged: app.isPackaged,
    settings,
    clock: systemClock,
    notifier,
    productName: PRODUCT_NAME,
    log,
  });
  const shell = startShell({
    platform,
    core,
    store,
    settings,
    clock: systemClock,
    notifier,
    ipcMain,
    tray: createTrayView(
      {
        ...trayHandleOf(tray),
        setContextMenu: (menu: Menu) => {
          trayMenu = menu;
          tray.setContextMenu(menu);
        },
      },
      (template) => Menu.buildFromTemplate(template),
      platform,
    ),
    createWindow: (options) =>
      new BrowserWindow({
        ...options,
        webPreferences: {
          ...options.webPreferences,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          disableBlinkFeatures: 'Auxclick',
        },
      }),
    workArea: (bounds) =>
      (bounds && bounds.width > 0
        ? screen.getDisplayMatching(bounds)
        : screen.getDisplayNearestPoint(screen.getCursorScreenPoint())
      ).workArea,
    globalShortcut,
    loginItem: createLoginItem({
      platform: os,
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
      packaged: app.isPackaged,
      autostartDir: join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'autostart'),
      name: PRODUCT_NAME,
      exec: process.execPath,
      appImage: process.env['APPIMAGE'],
      icon: join(resources, 'icon.png'),
      lastingIcon: join(userData, 'autostart-icon.png'),
    }),
    logs: {
      folder: logsFolder,
      // Nothing may have been logged yet: the folder must exist for the file manager to open it.
      open: async () => {
        await mkdir(logsFolder, { recursive: true });
        return electronShell.openPath(logsFolder);
      },
    },
    chooseSavePath: async (defaultName) => {
      const result = await dialog.showSaveDialog({
        defaultPath: join(app.getPath('documents'), defaultName),
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    writeFile: (path, content) => writeFile(path, content, 'utf8'),
    isDark: panelTheme.isDark,
    onWake: (listener) => {
      powerMonitor.on('resume', listener);
      powerMonitor.on('unlock-screen', listener);
    },
    onThemeChange: (listener) => nativeTheme.on('updated', listener),
    preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    rendererUrl: devUrl ?? APP_INDEX_URL,
    iconDir: resources,
    quit: () => app.quit(),
    log,
    areas: teamSync.areas,
    teamJoin: teamSync.join,
    traySync: teamSync.traySync,
    onSyncStatus: (listener) => teamSync.engine.subscribe(listener),
    updates,
    reply: (id, reply) => writeReply(replyFolder(userData), id, reply),
  });
  openWindow = () => shell.window.open();
  updates.start();
  // Wake and a network that comes back retry sync at once.
  powerMonitor.on('resume', () => {
    void teamSync.resume();
    updates.tick();
  });
  let online = net.isOnline();
  const network = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) void teamSync.resume();
    online = now;
  }, 15_000);
  void teamSync.start().catch((error: unknown) => log('Team sync failed to start', error));
  app.on('before-quit', () => shell.quitting());
  // Quitting waits for running commands to finish and the store to release its lock, then quits
  // for real (the second 'will-quit' passes through).
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    globalShortcut.unregisterAll();
    clearInterval(network);
    updates.stop();
    shell.stop();
    shell
      .idle()
      .then(() => teamSync.close())
      .then(() => core.close())
      .then(() => store.close())
      .catch((error: unknown) => log('Closing the data folder failed', error))
      .finally(() => app.quit());
  });
  // Links (Windows, Linux) and command lines come from a second instance; a bare second launch
  // opens the window. macOS hands links to this instance (open-url).
  app.on('second-instance', (_event, argv, _workingDirectory, additionalData) => {
    void shell.remote.secondInstance(argv, additionalData);
  });
  options.links?.deliverTo((url) => void shell.remote.link(url));
  void removeStaleReplies(replyFolder(userData));
  const client = protocolClientCall({
    platform: os,
    packaged: app.isPackaged,
    execPath: process.execPath,
    appFolder: process.argv[1] === undefined ? undefined : resolve(process.argv[1]),
  });
  // Only the arguments given: Electron's defaults stand for the ones left out. Reviewed against
  // electronegativity's PROTOCOL_HANDLER_JS_CHECK: a link reaches only core/remote's zod parser,
  // which logs a bounded win at most, never undoes or reads, 5 a minute (docs/decisions/0009).
  const registered =
    client?.path === undefined
      ? client && app.setAsDefaultProtocolClient(client.scheme) // eng-disable PROTOCOL_HANDLER_JS_CHECK
      : app.setAsDefaultProtocolClient(client.scheme, client.path, client.args); // eng-disable PROTOCOL_HANDLER_JS_CHECK
  if (client && !registered) {
    log(`Could not register ${client.scheme}:// links with the OS`);
  }
  if (options.command && options.command.length > 0) {
    void shell.remote.ownCommand(options.command, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
  }
  if (platform === 'darwin') {
    app.on(
      'activate',
      createReopenOnActivate({ openWindow: () => shell.window.open(), now, startedAt }),
    );
  }
  return shell.stop;
}
