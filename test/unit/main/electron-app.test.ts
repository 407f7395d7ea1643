// electron-app.ts — the wiring of the real Electron objects — launched in vitest on the fake
// Electron module (vitest.config.ts aliases 'electron' to test/fakes/electron.ts), one OS at a
// time: the platform is injected, so the macOS and Windows branches run here too.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launch } from '../../../src/main/electron-app.ts';
import { APP_INDEX_URL } from '../../../src/main/window/app-protocol.ts';
import { channelOf } from '../../../src/shared/ipc-names.ts';
import { DEFAULT_SHORTCUT } from '../../../src/shared/settings.ts';
import {
  app,
  fakeElectron,
  ipcMain,
  nativeTheme,
  resetFakeElectron,
} from '../../fakes/electron.ts';
import type { FakePlatform } from '../../fakes/electron-views.ts';

let userData: string | null = null;
let server: Server | null = null;
afterEach(async () => {
  if (!fakeElectron.exited) {
    app.quit();
    await until(() => fakeElectron.exited);
  }
  server?.close();
  server = null;
  if (userData) rmSync(userData, { recursive: true, force: true });
  userData = null;
});

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function start(options: {
  platform: FakePlatform;
  system?: { appsDark: boolean; panelDark?: boolean };
  takenShortcuts?: string[];
  systemLocale?: string;
  now?: () => number;
}) {
  userData = mkdtempSync(join(tmpdir(), 'mt-electron-app-'));
  resetFakeElectron({ ...options, userData });
  await app.whenReady();
  await launch({ platform: options.platform, ...(options.now ? { now: options.now } : {}) });
  const tray = fakeElectron.trays[0];
  if (!tray) throw new Error('no tray');
  return tray;
}

const invoke = (area: string, name: string, input?: unknown) =>
  ipcMain.invoke(channelOf(area, name), APP_INDEX_URL, input);
const iconName = (path: string) => path.split(/[\\/]/).at(-1);

describe('the tray icon follows the panel, not the app theme', () => {
  it('Linux: the dark app theme on a light panel keeps dark-on-light icons, and back', async () => {
    const tray = await start({ platform: 'linux', system: { appsDark: false } });
    expect(iconName(tray.image)).toBe('tray-idle-light.png');
    await invoke('settings', 'update', { theme: 'dark' });
    expect(nativeTheme.shouldUseDarkColors).toBe(true); // the window is dark
    await new Promise((resolve) => setImmediate(resolve)); // 'updated' redraws
    expect(iconName(tray.image)).toBe('tray-idle-light.png');
    await invoke('settings', 'update', { theme: 'system' });
    nativeTheme.setSystem({ appsDark: true }); // the rep turns the desktop dark
    await until(() => iconName(tray.image) === 'tray-idle-dark.png');
  });

  it('Windows: a dark taskbar with light apps and the light app theme gets the dark-bar icons', async () => {
    const tray = await start({ platform: 'win32', system: { appsDark: false, panelDark: true } });
    await invoke('settings', 'update', { theme: 'light' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(iconName(tray.image)).toBe('tray-idle-dark.png');
  });
});

describe('times in the OS locale', () => {
  it("the tray writes them in app.getSystemLocale()'s format, read once the app is ready", async () => {
    const tray = await start({ platform: 'linux', systemLocale: 'en-US' });
    const today = new Intl.DateTimeFormat('en-CA').format(new Date()); // YYYY-MM-DD, here
    const created = await invoke('missions', 'create', {
      title: 'Call the list',
      metric: { kind: 'calls' },
      target: 7,
      startDate: today,
      endDate: today,
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      deadlines: ['17:00'],
    });
    expect(created).toMatchObject({ ok: true });
    await until(() => tray.labels().some((l) => l.startsWith('Call the list: ')));
    expect(tray.labels().find((l) => l.startsWith('Call the list: '))).toMatch(/ 0\/7 by 5:00 PM$/);
  });
});

describe('macOS notifications', () => {
  it("are Electron's own, and a click on one opens the window", async () => {
    // Another app holds the default shortcut: the app says so in a notification at start.
    await start({ platform: 'darwin', takenShortcuts: [DEFAULT_SHORTCUT] });
    await until(() => fakeElectron.notifications.delivered.length === 1);
    const [shown] = fakeElectron.notifications.delivered;
    expect(shown).toMatchObject({ title: 'Mission Tray' });
    expect(shown?.body).toMatch(/is not available/);
    expect(fakeElectron.windows.some((w) => w.visible)).toBe(false);
    if (shown) fakeElectron.notifications.click(shown);
    expect(fakeElectron.windows.filter((w) => w.visible)).toHaveLength(1);
  });
});

describe('macOS relaunch', () => {
  it("opening the app again (app 'activate') opens the window, but not the first launch's", async () => {
    let now = 1_000_000;
    await start({ platform: 'darwin', now: () => now });
    now += 200;
    app.emit('activate', {}, false); // the first launch's own
    expect(fakeElectron.windows.some((w) => w.visible)).toBe(false);
    now += 60_000;
    app.emit('activate', {}, false); // the rep opens Mission Tray from Finder
    expect(fakeElectron.windows.filter((w) => w.visible)).toHaveLength(1);
  });
});

describe('team sync', () => {
  it("goes through Chromium's network stack (net.fetch), not Node's fetch", async () => {
    const seen: string[] = [];
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const endpoint = `http://127.0.0.1:${address.port}`;
    await start({ platform: 'linux' });
    await invoke('sync', 'configure', { endpoint, token: 'a-token-from-the-manager' });
    await invoke('team', 'view'); // the teammates' missions, fetched from the endpoint
    await until(() => seen.length > 0);
    expect(fakeElectron.netFetches.length).toBeGreaterThan(0);
    expect(fakeElectron.netFetches.every((url) => url.startsWith(endpoint))).toBe(true);
  });
});

describe('quitting', () => {
  it('closes the open window, then the data folder, then quits, in Electron order', async () => {
    await start({ platform: 'win32' });
    await invoke('app', 'openWindow', { mode: 'normal' });
    const window = fakeElectron.windows[0];
    expect(window?.visible).toBe(true);
    await invoke('app', 'quit');
    await until(() => fakeElectron.exited);
    expect(window?.isDestroyed()).toBe(true);
    expect(fakeElectron.calls.filter((c) => c === 'app.quit' || c === 'quit')).toEqual([
      'app.quit',
      'app.quit',
      'quit',
    ]);
  });
});
