// Fakes of the Electron objects the shell receives, each held by `implements Pick<Electron.X, …>`
// to Electron's own signatures (node_modules/electron/electron.d.ts) and never more lenient than
// Electron: IPC structured-clones, a destroyed window throws, a second handler throws, a taken or
// unparsable shortcut is refused, the tray behaves per platform. They record what the shell did
// and let a test act as the OS and the rep would.
import { EventEmitter } from 'node:events';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  GlobalShortcut,
  HandlerDetails,
  IpcMain,
  MenuItemConstructorOptions,
  Notification,
  NativeTheme,
  Rectangle,
  Tray,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import type { SenderEvent } from '../../src/main/ipc/handle-message.ts';
import type { SecuredSession } from '../../src/main/window/security.ts';

export type FakePlatform = 'darwin' | 'win32' | 'linux';

/** Electron's "Object has been destroyed", thrown by every call on a destroyed window. */
const destroyedError = () => new TypeError('Object has been destroyed');

/**
 * What Electron's IPC does to a value crossing processes: the HTML structured clone. Functions,
 * symbols and promises throw; a class instance arrives as a plain object, its prototype dropped.
 */
export function ipcClone<T>(value: T, failure: string): T {
  try {
    return structuredClone(value);
  } catch (error) {
    throw new Error(failure, { cause: error });
  }
}

export class FakeWebContents
  extends EventEmitter
  implements Pick<WebContents, 'send' | 'setWindowOpenHandler' | 'isDestroyed' | 'isLoading'>
{
  /** What the page received: only what was sent once it had finished loading. */
  sent: { channel: string; value: unknown }[] = [];
  /**
   * What was sent before the page had finished loading (did-finish-load): Electron delivers it
   * to no listener, since the page's scripts have not subscribed yet. Recorded so a test can
   * tell a message lost from one never sent.
   */
  dropped: { channel: string; value: unknown }[] = [];
  private pageLoaded = false;
  private destroyed = false;
  private openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw destroyedError();
    // Electron: "Failed to serialize arguments" for a value the structured clone rejects.
    const message = { channel, value: ipcClone(args[0], 'Failed to serialize arguments') };
    (this.pageLoaded ? this.sent : this.dropped).push(message);
  }
  /** The page has loaded (its scripts ran): what is sent from now on reaches it. */
  finishLoad(): void {
    this.pageLoaded = true;
    this.emit('did-finish-load');
  }
  /** A new navigation starts: the old page and its listeners are gone. */
  startLoad(): void {
    this.pageLoaded = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return !this.pageLoaded;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Fires an event Electron lets the app cancel; true when the shell cancelled it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
  /** The page calls window.open(url); returns what the shell's handler answered. */
  openWindow(url: string): WindowOpenHandlerResponse | null {
    return this.openHandler
      ? this.openHandler({
          url,
          frameName: '',
          features: '',
          disposition: 'new-window',
          referrer: { url: '', policy: 'strict-origin-when-cross-origin' },
        })
      : null;
  }
}

export class FakeSession implements SecuredSession {
  private requestHandler: Parameters<SecuredSession['setPermissionRequestHandler']>[0] | null =
    null;
  private checkHandler: (() => boolean) | null = null;
  private headersListener: Parameters<SecuredSession['webRequest']['onHeadersReceived']>[0] | null =
    null;
  webRequest = {
    onHeadersReceived: (
      listener: Parameters<SecuredSession['webRequest']['onHeadersReceived']>[0],
    ) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(
    handler: Parameters<SecuredSession['setPermissionRequestHandler']>[0],
  ) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: () => boolean) {
    this.checkHandler = handler;
  }
  /** A page asks for a permission; resolves with what the shell granted. */
  request(permission: string): boolean | null {
    let granted: boolean | null = null;
    this.requestHandler?.(null, permission, (ok) => (granted = ok));
    return granted;
  }
  check(_permission: string): boolean | null {
    return this.checkHandler ? this.checkHandler() : null;
  }
  /** A response arrives; returns the headers the shell passed on. */
  respond(responseHeaders: Record<string, string[]>): Record<string, string[]> {
    let out: Record<string, string[]> = {};
    this.headersListener?.({ responseHeaders }, (r) => (out = r.responseHeaders));
    return out;
  }
}

export interface FakeWindowBehaviour {
  /** loadURL rejects with this (Electron: e.g. "ERR_CONNECTION_REFUSED (-102) loading '…'"). */
  loadError?: string;
}

export class FakeBrowserWindow
  extends EventEmitter
  implements
    Pick<
      BrowserWindow,
      | 'loadURL'
      | 'show'
      | 'hide'
      | 'focus'
      | 'isVisible'
      | 'isDestroyed'
      | 'setBounds'
      | 'getSize'
      | 'destroy'
      | 'close'
    >
{
  loaded: string[] = [];
  private shown = false;
  focused = false;
  private dead = false;
  private rect: Rectangle;
  private readonly contents = new FakeWebContents();
  readonly options: BrowserWindowConstructorOptions;
  private readonly behaviour: FakeWindowBehaviour;

  constructor(options: BrowserWindowConstructorOptions, behaviour: FakeWindowBehaviour = {}) {
    super();
    this.options = options;
    this.behaviour = behaviour;
    this.shown = options.show ?? true;
    this.rect = { x: 0, y: 0, width: options.width ?? 800, height: options.height ?? 600 };
  }
  private alive(): void {
    if (this.dead) throw destroyedError();
  }
  get webContents(): FakeWebContents {
    this.alive();
    return this.contents;
  }
  /** What the test reads (without touching a destroyed window's methods). */
  get visible(): boolean {
    return !this.dead && this.shown;
  }
  get destroyed(): boolean {
    return this.dead;
  }
  get bounds(): Rectangle {
    return this.rect;
  }
  /**
   * As Electron's: resolves once the page has finished loading (did-finish-load), which is never
   * at once; rejects when it fails (did-fail-load). Until then the page takes no messages.
   */
  async loadURL(url: string): Promise<void> {
    this.alive();
    this.loaded.push(url);
    this.contents.startLoad();
    await new Promise((resolve) => setImmediate(resolve));
    if (this.behaviour.loadError !== undefined) {
      this.contents.emit('did-fail-load', {}, -102, this.behaviour.loadError, url, true);
      throw new Error(`${this.behaviour.loadError} loading '${url}'`);
    }
    // A window destroyed while loading has no page to finish.
    if (this.dead) return;
    this.contents.finishLoad();
  }
  show(): void {
    this.alive();
    this.shown = true;
  }
  hide(): void {
    this.alive();
    this.shown = false;
  }
  focus(): void {
    this.alive();
    this.focused = true;
  }
  isVisible(): boolean {
    this.alive();
    return this.shown;
  }
  isDestroyed(): boolean {
    return this.dead;
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.alive();
    this.rect = { ...this.rect, ...bounds };
  }
  getSize(): number[] {
    this.alive();
    return [this.rect.width, this.rect.height];
  }
  /** Electron: no 'close' event, but 'closed' is guaranteed. */
  destroy(): void {
    if (this.dead) return;
    this.dead = true;
    this.shown = false;
    this.contents.destroy();
    this.emit('closed');
  }
  /** As the close button: 'close' (cancellable), then the window goes. */
  close(): void {
    this.alive();
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  /** The rep drags the window's edge. */
  resize(width: number, height: number) {
    this.rect = { ...this.rect, width, height };
  }
  /** The rep clicks the close button: did the shell hide the window or let it close? */
  tryClose(): 'hidden' | 'closed' {
    this.close();
    return this.dead ? 'closed' : 'hidden';
  }
}

/** Menu.buildFromTemplate's result as the fakes see it: the template it was built from. */
export class FakeMenu {
  readonly template: MenuItemConstructorOptions[];
  constructor(template: MenuItemConstructorOptions[]) {
    this.template = template;
  }
}

const TRAY_BOUNDS: Record<FakePlatform, Rectangle> = {
  // A menu-bar icon near the right of a 1920×1080 screen; a taskbar icon at its bottom right;
  // Linux trays report no bounds (electron.d.ts: getBounds is darwin and win32).
  darwin: { x: 1500, y: 0, width: 22, height: 24 },
  win32: { x: 1850, y: 1042, width: 24, height: 36 },
  linux: { x: 0, y: 0, width: 0, height: 0 },
};

/**
 * Electron's Tray as each OS drives it. macOS: a left click on an icon with a context menu opens
 * that menu and emits no 'click' (electron/electron#4796); a right click emits 'right-click'.
 * Windows: left click 'click', right click opens the context menu. Linux (AppIndicator): any
 * click opens the menu and no click event arrives. popUpContextMenu is darwin and win32 only.
 */
export class FakeTray
  extends EventEmitter
  implements Pick<Tray, 'setImage' | 'setToolTip' | 'setTitle' | 'getBounds' | 'destroy'>
{
  image = '';
  tooltip = '';
  title = '';
  private contextMenu: FakeMenu | null = null;
  private shownMenu: FakeMenu | null = null;
  readonly platform: FakePlatform;
  private readonly rect: Rectangle;

  constructor(platform: FakePlatform = 'linux', bounds?: Rectangle) {
    super();
    this.platform = platform;
    this.rect = bounds ?? TRAY_BOUNDS[platform];
  }
  setImage(image: string) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    if (this.platform === 'darwin') this.title = text;
  }
  getBounds(): Rectangle {
    return this.rect;
  }
  destroy() {}
  // Typed to the fake menu: Electron's are `(menu: Menu | null)` and `(menu?: Menu, position?)`.
  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: FakeMenu): void {
    if (this.platform === 'linux') return;
    this.shownMenu = menu ?? this.contextMenu;
  }
  private bounds = () => this.rect;

  /** The rep left-clicks the icon. */
  clickIcon(): void {
    this.shownMenu = null;
    if (this.platform === 'linux') this.shownMenu = this.contextMenu;
    else if (this.platform === 'darwin' && this.contextMenu) this.shownMenu = this.contextMenu;
    else this.emit('click', {}, this.bounds(), { x: this.rect.x, y: this.rect.y });
  }
  /** The rep right-clicks the icon. */
  rightClickIcon(): void {
    this.shownMenu = null;
    if (this.platform === 'linux') {
      this.shownMenu = this.contextMenu;
      return;
    }
    this.emit('right-click', {}, this.bounds());
    if (this.shownMenu === null) this.shownMenu = this.contextMenu;
  }
  /** Opens the menu as a rep does on this OS (Linux: a click; macOS, Windows: a right click). */
  openMenu(): MenuItemConstructorOptions[] {
    if (this.platform === 'linux') this.clickIcon();
    else this.rightClickIcon();
    const shown = this.shownMenu;
    this.shownMenu = null;
    if (!shown) throw new Error(`Opening the tray menu on ${this.platform} shows no menu`);
    return shown.template;
  }
  /** The menu the rep sees when opening it. */
  get menu(): MenuItemConstructorOptions[] {
    return this.openMenu();
  }
  /** The rep opens the menu and clicks the item with this label (searching submenus too). */
  click(label: string): void {
    const find = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        if (Array.isArray(item.submenu)) {
          const inner = find(item.submenu);
          if (inner) return inner;
        }
      }
      return undefined;
    };
    const item = find(this.openMenu());
    if (!item?.click) throw new Error(`No clickable menu item "${label}"`);
    if (item.enabled === false) throw new Error(`Menu item "${label}" is disabled`);
    // Electron passes (menuItem, window, event); the shell's handlers ignore them.
    (item.click as () => void)();
  }
  labels(): string[] {
    return this.openMenu().map((i) => (i.type === 'separator' ? '—' : (i.label ?? '')));
  }
}

type InvokeListener = (event: SenderEvent, ...args: unknown[]) => unknown;

/** What registration needs of ipcMain (register-ipc.ts's IpcMainLike, widened to Electron's rest args). */
interface IpcHandleLike {
  handle(channel: string, listener: InvokeListener): void;
}

/**
 * ipcMain: one handler per channel (Electron throws on a second); `invoke` plays a renderer frame
 * at `url` calling one, with Electron's structured clone both ways and its rejections. Its
 * listeners get the fields of IpcMainInvokeEvent the boundary reads (senderFrame), not a whole
 * event with a WebContents, so `handle` is typed to those; electron-app.ts passing the real
 * ipcMain where register-ipc wants this shape is what holds it to Electron's.
 */
export class FakeIpcMain
  extends EventEmitter
  implements IpcHandleLike, Pick<IpcMain, 'removeHandler'>
{
  handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, url: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler)
      throw new Error(
        `Error invoking remote method '${channel}': No handler registered for '${channel}'`,
      );
    const sent = ipcClone(args, 'An object could not be cloned.');
    try {
      const result = await handler({ senderFrame: { url } }, ...sent);
      return ipcClone(result, 'An object could not be cloned.');
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, {
        cause: error,
      });
    }
  }
}

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);
const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);
const isKey = (token: string) =>
  /^[a-z0-9]$/.test(token) ||
  /^f([1-9]|1[0-9]|2[0-4])$/.test(token) ||
  /^num[0-9]$/.test(token) ||
  NAMED_KEYS.has(token) ||
  /^[)!@#$%^&*(:;:+=<,_\->.?/~`{\][|\\}"']$/.test(token);

/**
 * An accelerator as Electron parses it (docs/api/accelerator.md): modifiers and exactly one key,
 * case-insensitive; CommandOrControl is Command on macOS and Control elsewhere. Returns the
 * canonical form two spellings of one combination share, or null where Electron throws
 * "conversion failure" (modifiers only, an unknown key such as Pause, two keys).
 */
export function parseAccelerator(accelerator: string, platform: FakePlatform): string | null {
  const tokens = accelerator.toLowerCase().split(/\+(?!$)/);
  const modifiers = new Set<string>();
  let key: string | null = null;
  for (const token of tokens) {
    if (MODIFIERS.has(token)) {
      const canonical =
        token === 'commandorcontrol' || token === 'cmdorctrl'
          ? platform === 'darwin'
            ? 'command'
            : 'control'
          : (({ cmd: 'command', ctrl: 'control', option: 'alt', meta: 'super' } as const)[
              token as 'cmd'
            ] ?? token);
      modifiers.add(canonical);
    } else if (isKey(token) && key === null) {
      key = token === 'enter' ? 'return' : token === 'esc' ? 'escape' : token;
    } else {
      return null;
    }
  }
  if (key === null) return null;
  return [...[...modifiers].sort(), key].join('+');
}

/** What the OS's other apps hold: a test fills it to take an accelerator away from the app. */
export class FakeOsShortcuts {
  private readonly taken = new Set<string>();
  readonly platform: FakePlatform;
  constructor(platform: FakePlatform, takenByOthers: string[] = []) {
    this.platform = platform;
    for (const accelerator of takenByOthers) this.take(accelerator);
  }
  take(accelerator: string): void {
    const canonical = parseAccelerator(accelerator, this.platform);
    if (canonical) this.taken.add(canonical);
  }
  isTaken(canonical: string): boolean {
    return this.taken.has(canonical);
  }
}

/**
 * globalShortcut: `register` throws Electron's TypeError on an accelerator it cannot parse and
 * returns false when another app (the OS registry) or this app already holds the combination.
 * `press` plays the rep pressing one.
 */
export class FakeGlobalShortcut implements Pick<
  GlobalShortcut,
  'register' | 'unregister' | 'unregisterAll' | 'isRegistered'
> {
  /** Held by the app: canonical accelerator → its callback. */
  private readonly heldBy = new Map<string, { accelerator: string; callback: () => void }>();
  os: FakeOsShortcuts;
  constructor(os: FakeOsShortcuts = new FakeOsShortcuts('linux')) {
    this.os = os;
  }
  private canonical(accelerator: string): string {
    const canonical = parseAccelerator(accelerator, this.os.platform);
    if (canonical === null)
      throw new TypeError(
        `Error processing argument at index 0, conversion failure from ${accelerator}`,
      );
    return canonical;
  }
  register(accelerator: string, callback: () => void): boolean {
    const canonical = this.canonical(accelerator);
    if (this.heldBy.has(canonical) || this.os.isTaken(canonical)) return false;
    this.heldBy.set(canonical, { accelerator, callback });
    return true;
  }
  unregister(accelerator: string): void {
    this.heldBy.delete(this.canonical(accelerator));
  }
  unregisterAll(): void {
    this.heldBy.clear();
  }
  isRegistered(accelerator: string): boolean {
    return this.heldBy.has(this.canonical(accelerator));
  }
  /** The accelerators the app holds, as it registered them. */
  get held(): string[] {
    return [...this.heldBy.values()].map((h) => h.accelerator);
  }
  press(accelerator: string): void {
    const held = this.heldBy.get(this.canonical(accelerator));
    if (!held) throw new Error(`${accelerator} is not registered`);
    held.callback();
  }
}

/**
 * nativeTheme: `themeSource` overrides `shouldUseDarkColors` (electron.d.ts), and setting it
 * emits 'updated' asynchronously, as Electron posts it. The OS has its own settings the override
 * does not change: the apps' light/dark preference, and the taskbar's (Windows' "Windows mode",
 * which `shouldUseDarkColorsForSystemIntegratedUI` reports; on macOS that equals
 * shouldUseDarkColors; Linux has no such property — reading it there throws, so a caller that
 * relies on it fails loudly).
 */
export class FakeNativeTheme
  extends EventEmitter
  implements
    Pick<
      NativeTheme,
      'shouldUseDarkColors' | 'shouldUseDarkColorsForSystemIntegratedUI' | 'themeSource'
    >
{
  private source: NativeTheme['themeSource'] = 'system';
  private system: { appsDark: boolean; panelDark: boolean };
  platform: FakePlatform;
  constructor(
    platform: FakePlatform,
    system: { appsDark: boolean; panelDark?: boolean } = { appsDark: false },
  ) {
    super();
    this.platform = platform;
    this.system = { appsDark: system.appsDark, panelDark: system.panelDark ?? system.appsDark };
  }
  get themeSource(): NativeTheme['themeSource'] {
    return this.source;
  }
  set themeSource(source: NativeTheme['themeSource']) {
    this.source = source;
    setImmediate(() => this.emit('updated'));
  }
  get shouldUseDarkColors(): boolean {
    return this.source === 'system' ? this.system.appsDark : this.source === 'dark';
  }
  get shouldUseDarkColorsForSystemIntegratedUI(): boolean {
    if (this.platform === 'darwin') return this.shouldUseDarkColors;
    if (this.platform === 'win32') return this.system.panelDark;
    throw new Error(
      'nativeTheme.shouldUseDarkColorsForSystemIntegratedUI is darwin and win32 only',
    );
  }
  /** A fresh desktop (the module fake's reset): theme source back to 'system'. */
  reset(platform: FakePlatform, system: { appsDark: boolean; panelDark?: boolean }): void {
    this.platform = platform;
    this.source = 'system';
    this.system = { appsDark: system.appsDark, panelDark: system.panelDark ?? system.appsDark };
  }
  /** The rep changes the OS's appearance. */
  setSystem(system: { appsDark: boolean; panelDark?: boolean }): void {
    this.system = { appsDark: system.appsDark, panelDark: system.panelDark ?? system.appsDark };
    setImmediate(() => this.emit('updated'));
  }
  /** The panel's (menu bar's, taskbar's) real colour, for a test to compare with the icon. */
  get panelIsDark(): boolean {
    return this.system.panelDark;
  }
}

type NotificationOptions = ConstructorParameters<typeof Notification>[0];

/**
 * The desktop behind Electron's main-process Notification: what it delivered, and whether it
 * refuses (macOS: notifications turned off for the app, or an unsigned build) — Electron then
 * emits 'failed' with the reason, on macOS and Windows. Events arrive asynchronously, as the OS
 * answers. `createFakeNotificationClass` gives a class with Electron's constructor and statics.
 */
export class FakeNotificationCenter {
  delivered: FakeNotification[] = [];
  refusal: string | null = null;
  supported = true;
  /** The rep clicks a delivered notification (its 'click' event, as Electron emits it). */
  click(notification: FakeNotification): void {
    if (!this.delivered.includes(notification))
      throw new Error('That notification was never shown');
    notification.emit('click', { preventDefault: () => undefined });
  }
}

export class FakeNotification
  extends EventEmitter
  implements Pick<Notification, 'show' | 'close' | 'title' | 'body' | 'silent' | 'subtitle'>
{
  title: string;
  body: string;
  subtitle: string;
  silent: boolean;
  readonly options: NotificationOptions;
  readonly center: FakeNotificationCenter;
  constructor(center: FakeNotificationCenter, options: NotificationOptions = {}) {
    super();
    this.center = center;
    this.options = options;
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.subtitle = options.subtitle ?? '';
    this.silent = options.silent ?? false;
  }
  show(): void {
    const refusal = this.center.refusal;
    setImmediate(() => {
      if (refusal !== null) {
        this.emit('failed', { preventDefault: () => undefined }, refusal);
        return;
      }
      this.center.delivered.push(this);
      this.emit('show', { preventDefault: () => undefined });
    });
  }
  close(): void {
    this.center.delivered = this.center.delivered.filter((n) => n !== this);
  }
}

/** Electron's `Notification` class as the app uses it: the constructor and `isSupported`. */
export interface FakeNotificationClass {
  new (options?: NotificationOptions): FakeNotification;
  isSupported(): boolean;
}

/** A class shaped as Electron's `Notification` over one center. */
export function createFakeNotificationClass(center: FakeNotificationCenter): FakeNotificationClass {
  return class extends FakeNotification {
    constructor(options?: NotificationOptions) {
      super(center, options);
    }
    static isSupported(): boolean {
      return center.supported;
    }
  };
}
