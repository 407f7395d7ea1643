// Small fakes of the Electron objects the shell receives (through the narrow types it declares).
// They record what the shell did and let a test fire the events Electron would.
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { SenderEvent } from '../../src/main/ipc/handle-message.ts';
import type { Rect } from '../../src/main/window/compact-placement.ts';
import type { WindowLike } from '../../src/main/window/main-window.ts';
import type { SecuredSession, SecuredWebContents } from '../../src/main/window/security.ts';
import type { TrayView } from '../../src/main/tray/tray-controller.ts';

export class FakeWebContents extends EventEmitter implements SecuredWebContents {
  sent: { channel: string; value: unknown }[] = [];
  private openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, value: args[0] });
  }
  /** Fires an event Electron lets the app cancel; true when the shell cancelled it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
  openWindow(url: string): { action: string } | null {
    return this.openHandler ? this.openHandler({ url }) : null;
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

export class FakeBrowserWindow extends EventEmitter implements WindowLike {
  loaded: string[] = [];
  visible = false;
  focused = false;
  destroyed = false;
  bounds: Rect;
  webContents = new FakeWebContents();

  readonly options: BrowserWindowConstructorOptions;

  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    this.bounds = { x: 0, y: 0, width: options.width ?? 800, height: options.height ?? 600 };
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
  focus() {
    this.focused = true;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setBounds(bounds: Rect) {
    this.bounds = bounds;
  }
  getSize() {
    return [this.bounds.width, this.bounds.height];
  }
  destroy() {
    this.destroyed = true;
    this.visible = false;
  }
  /** The rep drags the window's edge. */
  resize(width: number, height: number) {
    this.bounds = { ...this.bounds, width, height };
  }
  /** The rep clicks the close button: did the shell hide the window or let it close? */
  tryClose(): 'hidden' | 'closed' {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
    return prevented ? 'hidden' : 'closed';
  }
}

export class FakeTray implements TrayView {
  image = '';
  tooltip = '';
  title = '';
  menu: MenuItemConstructorOptions[] = [];
  setImage(path: string) {
    this.image = path;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setMenu(template: MenuItemConstructorOptions[]) {
    this.menu = template;
  }
  /** The rep clicks the menu item with this label (searching submenus too). */
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
    const item = find(this.menu);
    if (!item?.click) throw new Error(`No clickable menu item "${label}"`);
    if (item.enabled === false) throw new Error(`Menu item "${label}" is disabled`);
    // Electron passes (menuItem, window, event); the shell's handlers ignore them.
    (item.click as () => void)();
  }
  labels(): string[] {
    return this.menu.map((i) => (i.type === 'separator' ? '—' : (i.label ?? '')));
  }
}

/** ipcMain: keeps the registered handlers; `invoke` plays a renderer frame at `url` calling one. */
export class FakeIpcMain {
  handlers = new Map<string, (event: SenderEvent, payload: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: SenderEvent, payload: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`Second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, url: string, payload?: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return handler({ senderFrame: { url } }, payload);
  }
}

/** globalShortcut: which accelerators the app holds; `press` plays the rep pressing one. */
export class FakeGlobalShortcut {
  held = new Map<string, () => void>();
  private readonly taken: string[];
  constructor(taken: string[] = []) {
    this.taken = taken;
  }
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.includes(accelerator)) return false;
    this.held.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
  press(accelerator: string): void {
    const callback = this.held.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}
