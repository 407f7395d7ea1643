// The one window: a frameless compact popover next to the tray (hides on blur), or a normal
// window. Its size is remembered in preferences. Switching mode recreates it, since a window's
// frame cannot change after creation.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { SettingsPort } from '../../shared/settings.ts';
import { compactWindowBounds } from './compact-placement.ts';
import type { Rect } from './compact-placement.ts';
import { secureWebContents, secureWebPreferences } from './security.ts';
import type { SecuredWebContents } from './security.ts';

type Mode = 'compact' | 'normal';

/** What the controller needs of Electron's BrowserWindow (adapted in electron-views.ts). */
export interface WindowLike {
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  setBounds(bounds: Rect): void;
  getSize(): number[];
  destroy(): void;
  on(event: 'blur', listener: () => void): unknown;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  webContents: SecuredWebContents & { send(channel: string, ...args: unknown[]): void };
}

export interface MainWindowDeps {
  createWindow(options: BrowserWindowConstructorOptions): WindowLike;
  preload: string;
  /** app://mission-tray/index.html, or the dev server. */
  url: string;
  settings: SettingsPort;
  /** The tray icon's bounds; null where the OS does not tell (Linux). */
  trayBounds(): Rect | null;
  /** The work area of the display nearest the tray (or the pointer, without tray bounds). */
  workArea(trayBounds: Rect | null): Rect;
  isQuitting(): boolean;
  log(message: string): void;
  /** Milliseconds, for telling a click on the tray icon from the blur it caused; Date.now. */
  now?: () => number;
}

export function windowOptions(
  mode: Mode,
  size: { width: number; height: number },
  preload: string,
) {
  const common: BrowserWindowConstructorOptions = {
    width: size.width,
    height: size.height,
    minWidth: 320,
    minHeight: 400,
    show: false,
    title: 'Mission Tray',
    webPreferences: secureWebPreferences(preload),
  };
  if (mode === 'normal') return { ...common, frame: true };
  return {
    ...common,
    frame: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    fullscreenable: false,
    minimizable: false,
    maximizable: false,
  };
}

/** A tray click this soon after the popover hid on blur is the click that blurred it. */
const BLUR_CLICK_MS = 300;

export function createMainWindow(deps: MainWindowDeps) {
  const now = deps.now ?? Date.now;
  let hiddenByBlurAt = -Infinity;
  let win: WindowLike | null = null;
  let loadFailed = false;
  /** Whether `win`'s page has finished loading: before that, a message reaches no listener. */
  let pageLoaded = false;
  /** Requests for the page (show this mission) made while it loads, in order. */
  let waiting: { channel: string; value: unknown }[] = [];
  let mode: Mode = deps.settings.get().window.mode;

  const alive = (): WindowLike | null => (win && !win.isDestroyed() ? win : null);

  function create(next: Mode): WindowLike {
    alive()?.destroy();
    mode = next;
    const created = deps.createWindow(
      windowOptions(next, deps.settings.get().window, deps.preload),
    );
    secureWebContents(created.webContents, deps.log);
    // Remember the size when the rep moves on (blur) or closes it: no timer, no write per pixel.
    const rememberSize = () => {
      const [width = 0, height = 0] = created.getSize();
      const current = deps.settings.get().window;
      if (width === current.width && height === current.height) return;
      try {
        deps.settings.update({ window: { ...current, width, height } });
      } catch {
        deps.log('Could not remember the window size');
      }
    };
    created.on('blur', () => {
      rememberSize();
      if (mode !== 'compact') return;
      created.hide();
      hiddenByBlurAt = now();
    });
    // The tray app keeps running: closing the window hides it, until the rep quits.
    created.on('close', (event) => {
      rememberSize();
      if (deps.isQuitting()) return;
      event.preventDefault();
      created.hide();
    });
    // A page that failed to load (the dev server not up yet, a missing file) would stay blank:
    // the next open makes a new window, which loads it again.
    loadFailed = false;
    pageLoaded = false;
    // loadURL resolves on did-finish-load: the page's scripts have run and subscribed, so the
    // requests made meanwhile (a link's "show this mission") can reach it now.
    created.loadURL(deps.url).then(
      () => {
        if (win !== created || created.isDestroyed()) return;
        pageLoaded = true;
        for (const { channel, value } of waiting.splice(0))
          created.webContents.send(channel, value);
      },
      (error: unknown) => {
        if (win === created) {
          loadFailed = true;
          waiting = [];
        }
        deps.log(`Could not load ${deps.url}: ${String(error)}`);
      },
    );
    win = created;
    return created;
  }

  function open(next: Mode = mode): void {
    if (next !== deps.settings.get().window.mode) {
      deps.settings.update({ window: { ...deps.settings.get().window, mode: next } });
    }
    const target = alive() && mode === next && !loadFailed ? alive() : create(next);
    if (!target) return;
    if (next === 'compact') {
      const trayBounds = deps.trayBounds();
      const { width, height } = deps.settings.get().window;
      target.setBounds(
        compactWindowBounds({
          trayBounds,
          workArea: deps.workArea(trayBounds),
          size: { width, height },
        }),
      );
    }
    target.show();
    target.focus();
  }

  return {
    open,
    toggle(): void {
      if (alive()?.isVisible()) alive()?.hide();
      // Clicking the tray icon to close the popover first blurs (and hides) it; that click
      // must not reopen it.
      else if (now() - hiddenByBlurAt > BLUR_CLICK_MS) open();
    },
    hide(): void {
      alive()?.hide();
    },
    /**
     * Pushes the app's state (a snapshot, preferences) to the window, if it exists. A page still
     * loading misses it, which is fine: a page asks for the current state itself once it starts.
     */
    send(channel: string, value: unknown): void {
      alive()?.webContents.send(channel, value);
    },
    /**
     * Asks the window for something once (show this mission, this reflection): at once if its
     * page has loaded, else as soon as it has. Electron drops what is sent before.
     */
    request(channel: string, value: unknown): void {
      const target = alive();
      if (!target) return;
      if (pageLoaded) target.webContents.send(channel, value);
      else waiting.push({ channel, value });
    },
    destroy(): void {
      alive()?.destroy();
      win = null;
    },
  };
}
