import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  appFileFor,
  createAppProtocolHandler,
} from '../../../../src/main/window/app-protocol.ts';
import { compactWindowBounds } from '../../../../src/main/window/compact-placement.ts';
import { createMainWindow, type MainWindowDeps } from '../../../../src/main/window/main-window.ts';
import {
  contentSecurityPolicy,
  createExternalLinks,
  secureSession,
  secureWebContents,
} from '../../../../src/main/window/security.ts';
import { createSettingsStore } from '../../../../src/main/settings/settings-store.ts';
import type { SettingsPort } from '../../../../src/shared/settings.ts';
import { FakeBrowserWindow, FakeSession, FakeWebContents } from '../../../fakes/electron-views.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-window-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('compact window placement', () => {
  const size = { width: 360, height: 560 };

  it('macOS: just below the menu-bar icon, centred on it', () => {
    expect(
      compactWindowBounds({
        trayBounds: { x: 1200, y: 0, width: 22, height: 24 },
        workArea: { x: 0, y: 25, width: 1440, height: 875 },
        size,
      }),
    ).toEqual({ x: 1031, y: 30, width: 360, height: 560 });
  });

  it('Windows, taskbar at the bottom: above the icon, kept inside the screen', () => {
    expect(
      compactWindowBounds({
        trayBounds: { x: 1850, y: 1042, width: 24, height: 36 },
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
        size,
      }),
    ).toEqual({ x: 1560, y: 476, width: 360, height: 560 });
  });

  it('Windows, taskbar on the left: beside it, level with the icon', () => {
    expect(
      compactWindowBounds({
        trayBounds: { x: 10, y: 900, width: 40, height: 30 },
        workArea: { x: 60, y: 0, width: 1860, height: 1080 },
        size,
      }),
    ).toEqual({ x: 66, y: 520, width: 360, height: 560 });
  });

  it('Linux, where the tray has no bounds: centred on the work area', () => {
    const workArea = { x: 1920, y: 32, width: 2560, height: 1408 };
    const centred = { x: 3020, y: 456, width: 360, height: 560 };
    expect(compactWindowBounds({ trayBounds: null, workArea, size })).toEqual(centred);
    const zero = { x: 0, y: 0, width: 0, height: 0 };
    expect(compactWindowBounds({ trayBounds: zero, workArea, size })).toEqual(centred);
  });

  it('shrinks to fit a small screen', () => {
    expect(
      compactWindowBounds({
        trayBounds: null,
        workArea: { x: 0, y: 0, width: 800, height: 500 },
        size,
      }),
    ).toEqual({ x: 220, y: 0, width: 360, height: 500 });
  });
});

describe('window security', () => {
  it('blocks navigation and webviews, and denies new windows', () => {
    const contents = new FakeWebContents();
    const logged: string[] = [];
    secureWebContents(contents, (m) => logged.push(m));
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-attach-webview')).toBe(true);
    expect(contents.openWindow('https://evil.example/popup')).toEqual({ action: 'deny' });
    expect(logged).toEqual([
      'Blocked navigation to https://evil.example/',
      'Blocked a new window for https://evil.example/popup',
    ]);
  });

  it('denies every permission and adds the CSP to every response', () => {
    const session = new FakeSession();
    secureSession(session, contentSecurityPolicy(null));
    expect(session.request('notifications')).toBe(false);
    expect(session.request('media')).toBe(false);
    expect(session.check('clipboard-read')).toBe(false);
    const headers = session.respond({ 'Content-Type': ['text/html'] });
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']?.[0]).toMatch(
      /default-src 'none'; script-src 'self';/,
    );
  });

  it('has a production CSP without inline script, and a dev one for the dev server only', () => {
    expect(contentSecurityPolicy(null)).not.toMatch(/unsafe|ws:|http/);
    const dev = contentSecurityPolicy('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
  });

  it('opens only http(s) links in the browser', async () => {
    const opened: string[] = [];
    const links = createExternalLinks({ openExternal: async (url) => void opened.push(url) });
    await links.open('https://team.example.com/board');
    await expect(links.open('file:///etc/passwd')).rejects.toThrow(/Only web links/);
    await expect(links.open('javascript:alert(1)')).rejects.toThrow(/Only web links/);
    await expect(links.open('not a url')).rejects.toThrow(/Not a link/);
    expect(opened).toEqual(['https://team.example.com/board']);
  });
});

describe('app:// protocol', () => {
  it('serves files of the renderer build only, with the CSP header', async () => {
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Mission Tray</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for the page');
    const handle = createAppProtocolHandler(root, contentSecurityPolicy(null));

    const index = await handle({ url: APP_INDEX_URL });
    expect(index.status).toBe(200);
    expect(index.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy(null));
    expect(await index.text()).toContain('Mission Tray');
    expect(
      (await handle({ url: 'app://mission-tray/assets/app.js' })).headers.get('Content-Type'),
    ).toBe('text/javascript; charset=utf-8');

    for (const url of [
      'app://mission-tray/../secret.txt',
      'app://mission-tray/%2e%2e/secret.txt',
      'app://mission-tray/assets/..%2f..%2fsecret.txt',
      'app://other-host/index.html',
      'app://mission-tray/missing.js',
    ]) {
      expect((await handle({ url })).status, url).toBe(404);
    }
    expect(appFileFor(root, 'app://mission-tray/')).toBe(join(root, 'index.html'));
  });
});

describe('the main window', () => {
  let settings: SettingsPort;
  let windows: FakeBrowserWindow[];
  let quitting: boolean;
  const trayBounds = { x: 1200, y: 0, width: 22, height: 24 };
  const make = (
    bounds: typeof trayBounds | null = trayBounds,
    extra: Partial<MainWindowDeps> = {},
  ) =>
    createMainWindow({
      createWindow: (options) => {
        const w = new FakeBrowserWindow(options);
        windows.push(w);
        return w;
      },
      preload: '/app/out/preload/index.cjs',
      url: APP_INDEX_URL,
      settings,
      trayBounds: () => bounds,
      workArea: () => ({ x: 0, y: 25, width: 1440, height: 875 }),
      isQuitting: () => quitting,
      log: () => undefined,
      ...extra,
    });
  beforeEach(() => {
    settings = createSettingsStore({ cwd: dir });
    windows = [];
    quitting = false;
  });

  it('opens compact and locked down, next to the tray, and hides when the rep clicks away', () => {
    const main = make();
    main.open();
    const [w] = windows;
    expect(w?.options).toMatchObject({
      frame: false,
      width: 360,
      height: 560,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(w?.loaded).toEqual([APP_INDEX_URL]);
    expect(w?.bounds).toEqual({ x: 1031, y: 30, width: 360, height: 560 });
    expect(w?.visible).toBe(true);
    w?.emit('blur');
    expect(w?.visible).toBe(false);
  });

  it('remembers a new size for next time', () => {
    const main = make();
    main.open();
    windows[0]?.resize(400, 640);
    windows[0]?.emit('blur');
    expect(settings.get().window).toMatchObject({ width: 400, height: 640 });
    expect(createSettingsStore({ cwd: dir }).get().window.width).toBe(400);
  });

  it('hides instead of closing while the app runs, and closes on quit', () => {
    const main = make();
    main.open();
    expect(windows[0]?.tryClose()).toBe('hidden');
    quitting = true;
    expect(windows[0]?.tryClose()).toBe('closed');
  });

  it('reopens as a normal framed window that stays on blur, and remembers the mode', () => {
    const main = make();
    main.open('compact');
    main.open('normal');
    expect(windows).toHaveLength(2);
    expect(windows[0]?.destroyed).toBe(true);
    expect(windows[1]?.options.frame).toBe(true);
    windows[1]?.emit('blur');
    expect(windows[1]?.visible).toBe(true);
    expect(settings.get().window.mode).toBe('normal');
  });

  it('stays closed when the click on the tray icon is what hid it', () => {
    let clock = 1_000;
    const main = make(trayBounds, { now: () => clock });
    main.toggle();
    windows[0]?.emit('blur'); // the rep clicks the tray icon: the window loses focus first…
    clock += 40;
    main.toggle(); // …then the click arrives
    expect(windows[0]?.visible).toBe(false);
    clock += 2_000;
    main.toggle(); // a later click opens it again
    expect(windows[0]?.visible).toBe(true);
  });

  it('toggles from the tray icon, creating the window only once', () => {
    const main = make(null);
    main.toggle();
    main.toggle();
    main.toggle();
    expect(windows).toHaveLength(1);
    expect(windows[0]?.visible).toBe(true);
  });

  const untilLoaded = async (w: FakeBrowserWindow | undefined) => {
    while (w?.webContents.isLoading()) await new Promise((r) => setImmediate(r));
  };

  it('a request made while the page loads reaches it once loaded, in order; state pushes do not wait', async () => {
    const main = make();
    main.open();
    main.request('showMission', 'm1');
    main.request('reflect', 'm2');
    main.send('today', { at: 1 }); // the page asks for the state itself once it starts
    expect(windows[0]?.webContents.sent).toEqual([]);
    await untilLoaded(windows[0]);
    await new Promise((r) => setImmediate(r));
    expect(windows[0]?.webContents.sent).toEqual([
      { channel: 'showMission', value: 'm1' },
      { channel: 'reflect', value: 'm2' },
    ]);
    expect(windows[0]?.webContents.dropped).toEqual([{ channel: 'today', value: { at: 1 } }]);
    main.request('showMission', 'm3');
    expect(windows[0]?.webContents.sent.at(-1)).toEqual({ channel: 'showMission', value: 'm3' });
  });

  it('a page that fails to load drops what waited for it; the next open loads a new one', async () => {
    const logged: string[] = [];
    let fail = true;
    const main = make(trayBounds, {
      log: (m) => logged.push(m),
      createWindow: (options) => {
        const w = new FakeBrowserWindow(
          options,
          fail ? { loadError: 'ERR_CONNECTION_REFUSED (-102)' } : {},
        );
        windows.push(w);
        return w;
      },
    });
    main.open();
    main.request('showMission', 'm1');
    await new Promise((r) => setTimeout(r, 10));
    expect(logged).toEqual([expect.stringMatching(/^Could not load .*ERR_CONNECTION_REFUSED/)]);
    fail = false;
    main.open();
    expect(windows).toHaveLength(2);
    await untilLoaded(windows[1]);
    await new Promise((r) => setImmediate(r));
    // The request was for the page that failed: the new page starts on Today, asking for its state.
    expect(windows[1]?.webContents.sent).toEqual([]);
    expect(windows[0]?.destroyed).toBe(true);
  });
});
