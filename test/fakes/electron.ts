// What `import … from 'electron'` gives in the tests, where the Electron binary never runs:
// vitest aliases it here (vitest.config.ts, for electron-store), and the main-bundle smoke test
// maps it here with a module hook (electron-hooks.ts) to start the real main process in Node.
// Each object records what the app did with it in `fakeElectron`, and lets a test act as the
// OS would (click a tray item, fire a power event, call a protocol handler).
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: unknown[]) => unknown;
export interface MenuItemLike {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItemLike[];
  click?: Listener;
}

const userData =
  process.env['FAKE_ELECTRON_USER_DATA'] ?? join(tmpdir(), 'mission-tray-fake-electron');

export const fakeElectron = {
  lockTaken: process.env['FAKE_ELECTRON_SECOND_INSTANCE'] === '1',
  calls: [] as string[],
  ipcHandlers: new Map<string, Listener>(),
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  trays: [] as FakeTrayObject[],
  windows: [] as FakeWindowObject[],
  shortcuts: new Map<string, Listener>(),
  permissionHandler: null as Listener | null,
  headersListener: null as Listener | null,
};

class FakeAppObject extends EventEmitter {
  isPackaged = false;
  dock = { hide: () => fakeElectron.calls.push('dock.hide') };
  private readyResolve: (() => void) | null = null;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  requestSingleInstanceLock(): boolean {
    return !fakeElectron.lockTaken;
  }
  whenReady(): Promise<void> {
    queueMicrotask(() => this.readyResolve?.());
    return this.ready;
  }
  getPath(name: string): string {
    const dir = name === 'userData' ? userData : join(userData, `fake-${name}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  getAppPath(): string {
    return process.cwd();
  }
  getVersion(): string {
    return '0.1.0';
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
  quit(): void {
    fakeElectron.calls.push('app.quit');
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    this.emit('before-quit', event);
    if (prevented) return;
    this.emit('will-quit', event);
    if (prevented) return;
    fakeElectron.calls.push('quit');
    this.emit('quit');
  }
  exit(code: number): void {
    fakeElectron.calls.push(`app.exit ${code}`);
  }
}
export const app = new FakeAppObject();

export class FakeTrayObject extends EventEmitter {
  image: string;
  tooltip = '';
  title = '';
  menu: MenuItemLike[] = [];
  constructor(image: string) {
    super();
    this.image = image;
    fakeElectron.trays.push(this);
  }
  setImage(image: string) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setContextMenu(menu: { items: MenuItemLike[] }) {
    this.menu = menu.items;
  }
  getBounds() {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  destroy() {}
}
export const Tray = FakeTrayObject;
export const Menu = { buildFromTemplate: (items: MenuItemLike[]) => ({ items }) };

class FakeWebContentsObject extends EventEmitter {
  sent: { channel: string; value: unknown }[] = [];
  openHandler: Listener | null = null;
  setWindowOpenHandler(handler: Listener) {
    this.openHandler = handler;
  }
  send(channel: string, value: unknown) {
    this.sent.push({ channel, value });
  }
}
export class FakeWindowObject extends EventEmitter {
  options: Record<string, unknown>;
  loaded: string[] = [];
  visible = false;
  destroyed = false;
  bounds = { x: 0, y: 0, width: 360, height: 560 };
  webContents = new FakeWebContentsObject();
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    fakeElectron.windows.push(this);
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }) {
    this.bounds = bounds;
  }
  getSize() {
    return [this.bounds.width, this.bounds.height];
  }
  destroy() {
    this.destroyed = true;
  }
}
export const BrowserWindow = FakeWindowObject;

export const ipcMain = Object.assign(new EventEmitter(), {
  handle: (channel: string, listener: Listener) => fakeElectron.ipcHandlers.set(channel, listener),
  removeHandler: (channel: string) => fakeElectron.ipcHandlers.delete(channel),
});
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) =>
    fakeElectron.privilegedSchemes.push(...schemes),
  handle: (scheme: string, handler: (request: { url: string }) => Promise<Response> | Response) =>
    fakeElectron.protocolHandlers.set(scheme, handler),
};
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (l: Listener) => (fakeElectron.headersListener = l) },
    setPermissionRequestHandler: (h: Listener) => (fakeElectron.permissionHandler = h),
    setPermissionCheckHandler: (_h: Listener) => undefined,
  },
};
export const globalShortcut = {
  register: (accelerator: string, callback: Listener) => {
    fakeElectron.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister: (accelerator: string) => fakeElectron.shortcuts.delete(accelerator),
  unregisterAll: () => fakeElectron.shortcuts.clear(),
};
export const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  shouldUseDarkColorsForSystemIntegratedUI: false,
  themeSource: 'system',
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
  openPath: async (_path: string): Promise<string> => '',
  openExternal: async (_url: string): Promise<void> => undefined,
};
export const net = { isOnline: (): boolean => true };
// The OS keychain, as a reversible stand-in (team sync keeps its token here).
export const safeStorage = {
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
  isAsyncEncryptionAvailable: async (): Promise<boolean> => true,
  encryptStringAsync: async (plainText: string): Promise<Buffer> =>
    Buffer.from(`fake:${Buffer.from(plainText).toString('base64')}`),
  decryptStringAsync: async (encrypted: Buffer) => ({
    shouldReEncrypt: false,
    result: Buffer.from(encrypted.toString().replace(/^fake:/, ''), 'base64').toString(),
  }),
};
export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = new EventEmitter();

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
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
};
