// What `import … from 'electron'` gives in the tests, where the Electron binary never runs:
// vitest aliases it here (vitest.config.ts), and the main-bundle smoke test maps it here with a
// module hook (electron-hooks.ts) to start the real main process in Node. The objects are the
// strict fakes of electron-views.ts (each `implements` Electron's shape), put together as one
// desktop: `fakeElectron` records what the app did and lets a test act as the OS would, and
// `resetFakeElectron` starts a fresh desktop for the next launch (platform, theme, taken keys).
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import {
  createFakeNotificationClass,
  FakeBrowserWindow,
  FakeGlobalShortcut,
  FakeIpcMain,
  FakeMenu,
  FakeNativeTheme,
  FakeNotificationCenter,
  FakeOsShortcuts,
  FakeTray,
  type FakePlatform,
} from './electron-views.ts';
import { FakeSafeStorage } from './safe-storage.ts';

type Listener = (...args: unknown[]) => unknown;

const platformOf = (value: string | undefined): FakePlatform =>
  value === 'darwin' || value === 'win32' ? value : 'linux';

const initialPlatform = platformOf(process.env['FAKE_ELECTRON_PLATFORM']);

export const fakeElectron = {
  platform: initialPlatform,
  userData: process.env['FAKE_ELECTRON_USER_DATA'] ?? join(tmpdir(), 'mission-tray-fake-electron'),
  lockTaken: process.env['FAKE_ELECTRON_SECOND_INSTANCE'] === '1',
  /** The OS's regional format, what app.getSystemLocale() answers. */
  systemLocale: process.env['FAKE_ELECTRON_LOCALE'] ?? 'en-GB',
  calls: [] as string[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  trays: [] as FakeTray[],
  windows: [] as FakeBrowserWindow[],
  permissionHandler: null as Listener | null,
  headersListener: null as Listener | null,
  /** What the other apps on this desktop hold. */
  osShortcuts: new FakeOsShortcuts(initialPlatform),
  notifications: new FakeNotificationCenter(),
  /** Every URL the app fetched through Chromium's network stack (net.fetch). */
  netFetches: [] as string[],
  /** Set once 'quit' was emitted: the process would end here. */
  exited: false,
  /** What each app.requestSingleInstanceLock(additionalData) sent, as the first instance gets it. */
  lockRequests: [] as unknown[],
  /** Every app.setAsDefaultProtocolClient call: [protocol, path?, args?]. */
  protocolClients: [] as unknown[][],
  /**
   * Another launch of the app while this one holds the lock, as Electron reports it: after
   * 'ready', argv with a Chromium switch added (docs: "additional arguments might be appended"),
   * additionalData cloned as it crosses processes.
   */
  secondInstance(argv: string[], additionalData?: Record<string, unknown>): void {
    if (!app.isReady()) throw new Error("Electron emits 'second-instance' only after 'ready'");
    const data = additionalData === undefined ? null : structuredClone(additionalData);
    const event = { preventDefault: () => undefined };
    app.emit('second-instance', event, [...argv, '--original-process-start-time=1'], '/', data);
  },
  /** macOS only: the OS hands the running app a link (Finder, a browser, `open missiontray://…`). */
  openUrl(url: string): void {
    if (fakeElectron.platform !== 'darwin') throw new Error("'open-url' is emitted on macOS only");
    app.emit('open-url', { preventDefault: () => undefined }, url);
  },
};

class FakeApp
  extends EventEmitter
  implements
    Pick<
      App,
      | 'quit'
      | 'exit'
      | 'whenReady'
      | 'isReady'
      | 'requestSingleInstanceLock'
      | 'getPath'
      | 'getAppPath'
      | 'getVersion'
      | 'getSystemLocale'
      | 'setAppUserModelId'
      | 'setLoginItemSettings'
      | 'setAsDefaultProtocolClient'
    >
{
  isPackaged = false;
  private ready = false;
  get dock() {
    if (fakeElectron.platform !== 'darwin') return undefined;
    return { hide: () => void fakeElectron.calls.push('dock.hide') };
  }
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    // Electron sends it as JSON-like data (structured clone): functions and the like fail here too.
    fakeElectron.lockRequests.push(
      additionalData === undefined ? undefined : structuredClone(additionalData),
    );
    return !fakeElectron.lockTaken;
  }
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    fakeElectron.protocolClients.push([protocol, path, args].filter((a) => a !== undefined));
    // Electron (docs/api/app.md): a scheme name only; "missiontray://" would not register.
    return /^[a-z][a-z0-9+.-]*$/i.test(protocol);
  }
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    return Promise.resolve().then(() => {
      this.ready = true;
    });
  }
  getPath(name: string): string {
    const dir =
      name === 'userData' ? fakeElectron.userData : join(fakeElectron.userData, `fake-${name}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  getAppPath(): string {
    return process.cwd();
  }
  getVersion(): string {
    return '0.1.0';
  }
  /** electron.d.ts: "This API must be called after the `ready` event is emitted." */
  getSystemLocale(): string {
    if (!this.ready)
      throw new Error('app.getSystemLocale() is only available once the app is ready');
    return fakeElectron.systemLocale;
  }
  setDesktopName(name: string): void {
    fakeElectron.calls.push(`setDesktopName ${name}`);
  }
  setAppUserModelId(id: string): void {
    fakeElectron.calls.push(`setAppUserModelId ${id}`);
  }
  setLoginItemSettings(settings: unknown): void {
    fakeElectron.calls.push(`setLoginItemSettings ${JSON.stringify(settings)}`);
  }
  /**
   * Electron's order (docs/api/app.md): 'before-quit' at once; then every window is asked to
   * close — after its page's beforeunload, so on a later task — and a window that cancels
   * 'close' cancels the quit; once all are closed, 'will-quit' (cancellable), then 'quit'.
   */
  quit(): void {
    if (fakeElectron.exited) return;
    fakeElectron.calls.push('app.quit');
    const preventable = () => {
      const state = { prevented: false };
      return { state, event: { preventDefault: () => (state.prevented = true) } };
    };
    const before = preventable();
    this.emit('before-quit', before.event);
    if (before.state.prevented) return;
    const finish = () => {
      const will = preventable();
      this.emit('will-quit', will.event);
      if (will.state.prevented) return;
      fakeElectron.calls.push('quit');
      fakeElectron.exited = true;
      this.emit('quit', {}, 0);
    };
    const open = fakeElectron.windows.filter((w) => !w.isDestroyed());
    if (open.length === 0) return finish();
    setImmediate(() => {
      for (const window of open) {
        if (window.isDestroyed()) continue;
        window.close();
        if (!window.isDestroyed()) return; // a window kept itself open: no quit
      }
      finish();
    });
  }
  exit(code = 0): void {
    fakeElectron.calls.push(`app.exit ${code}`);
    fakeElectron.exited = true;
  }
}
export const app = new FakeApp();

export class Tray extends FakeTray {
  constructor(image: string) {
    super(fakeElectron.platform);
    this.setImage(image);
    fakeElectron.trays.push(this);
  }
}
export const Menu = {
  buildFromTemplate: (template: MenuItemConstructorOptions[]) => new FakeMenu(template),
};

export class BrowserWindow extends FakeBrowserWindow {
  constructor(options: BrowserWindowConstructorOptions) {
    super(options);
    fakeElectron.windows.push(this);
  }
}

export const Notification = createFakeNotificationClass(fakeElectron.notifications);

export const ipcMain = new FakeIpcMain();
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) =>
    fakeElectron.privilegedSchemes.push(...schemes),
  handle: (scheme: string, handler: (request: { url: string }) => Promise<Response> | Response) => {
    if (fakeElectron.protocolHandlers.has(scheme))
      throw new Error(`Failed to register protocol: ${scheme}`);
    fakeElectron.protocolHandlers.set(scheme, handler);
  },
};
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (l: Listener) => (fakeElectron.headersListener = l) },
    setPermissionRequestHandler: (h: Listener) => (fakeElectron.permissionHandler = h),
    setPermissionCheckHandler: (_h: Listener) => undefined,
  },
};
export const globalShortcut = new FakeGlobalShortcut(fakeElectron.osShortcuts);
export const nativeTheme = new FakeNativeTheme(fakeElectron.platform, {
  appsDark: process.env['FAKE_ELECTRON_DARK'] === '1',
});
export const powerMonitor = new EventEmitter();
const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
export const screen = {
  getDisplayMatching: () => display,
  getDisplayNearestPoint: () => display,
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
};
export const dialog = {
  showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  showErrorBox: (title: string, content: string) =>
    fakeElectron.calls.push(`showErrorBox ${title}: ${content}`),
};
export const shell = {
  // As Electron's: never rejects; resolves '' once the file manager has it, or the error message.
  openPath: async (path: string): Promise<string> => {
    fakeElectron.calls.push(`shell.openPath ${path}`);
    return stat(path).then(
      () => '',
      () => 'Failed to open path',
    );
  },
  openExternal: async (_url: string): Promise<void> => undefined,
};
export const net = {
  isOnline: (): boolean => true,
  /** Chromium's network stack; here it records the request and goes through Node's fetch. */
  fetch: (input: string | Request, init?: RequestInit): Promise<Response> => {
    fakeElectron.netFetches.push(typeof input === 'string' ? input : input.url);
    return fetch(input, init);
  },
};
export const safeStorage = new FakeSafeStorage(fakeElectron.platform);
export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = new EventEmitter();

/**
 * A fresh desktop for the next launch in the same process: no listeners, handlers, windows or
 * trays left from the last one. The exported objects stay the same ones (the app imported them).
 */
export function resetFakeElectron(
  options: {
    platform?: FakePlatform;
    userData?: string;
    system?: { appsDark: boolean; panelDark?: boolean };
    takenShortcuts?: string[];
    /** app.getSystemLocale(); en-GB unless a test says. */
    systemLocale?: string;
  } = {},
): void {
  const platform = options.platform ?? 'linux';
  Object.assign(fakeElectron, {
    platform,
    systemLocale: options.systemLocale ?? 'en-GB',
    userData: options.userData ?? fakeElectron.userData,
    calls: [],
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    trays: [],
    windows: [],
    permissionHandler: null,
    headersListener: null,
    osShortcuts: new FakeOsShortcuts(platform, options.takenShortcuts),
    netFetches: [],
    exited: false,
    lockRequests: [],
    protocolClients: [],
  });
  fakeElectron.notifications.delivered = [];
  fakeElectron.notifications.refusal = null;
  app.removeAllListeners();
  ipcMain.handlers.clear();
  globalShortcut.unregisterAll();
  globalShortcut.os = fakeElectron.osShortcuts;
  nativeTheme.removeAllListeners();
  nativeTheme.reset(platform, options.system ?? { appsDark: false });
  powerMonitor.removeAllListeners();
  safeStorage.platform = platform;
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
};
