// The fakes of Electron hold to what electron.d.ts and Electron's docs say it does, so a shell
// test that passes on them does not pass only because a fake is lenient.
import { describe, expect, it } from 'vitest';
import {
  app,
  BrowserWindow,
  fakeElectron,
  nativeTheme,
  resetFakeElectron,
} from '../../fakes/electron.ts';
import {
  FakeBrowserWindow,
  FakeGlobalShortcut,
  FakeIpcMain,
  FakeMenu,
  FakeNativeTheme,
  FakeOsShortcuts,
  FakeTray,
  FakeWebContents,
} from '../../fakes/electron-views.ts';
import { FakeSafeStorage } from '../../fakes/safe-storage.ts';

const nextTask = () => new Promise((resolve) => setImmediate(resolve));

describe('ipcMain and webContents, as Electron', () => {
  it('refuses a second handler for a channel', () => {
    const ipc = new FakeIpcMain();
    ipc.handle('a', () => 1);
    expect(() => ipc.handle('a', () => 2)).toThrow(/second handler for 'a'/);
    ipc.removeHandler('a');
    expect(() => ipc.handle('a', () => 2)).not.toThrow();
  });

  it('structured-clones both ways: functions are refused, class instances lose their class', async () => {
    const ipc = new FakeIpcMain();
    class Point {
      x: number;
      constructor(x: number) {
        this.x = x;
      }
      double() {
        return this.x * 2;
      }
    }
    let received: unknown;
    ipc.handle('echo', (_event, value) => (received = value));
    await expect(ipc.invoke('echo', 'app://x/', { f: () => 1 })).rejects.toThrow(
      /could not be cloned/,
    );
    const back = await ipc.invoke('echo', 'app://x/', new Point(2));
    expect(received).toEqual({ x: 2 });
    expect(back).not.toBeInstanceOf(Point);
    ipc.handle('fn', () => () => 1);
    await expect(ipc.invoke('fn', 'app://x/')).rejects.toThrow(/Error invoking remote method 'fn'/);
    await expect(ipc.invoke('none', 'app://x/')).rejects.toThrow(/No handler registered/);

    const contents = new FakeWebContents();
    contents.finishLoad();
    expect(() => contents.send('c', { f: () => 1 })).toThrow(/Failed to serialize arguments/);
    contents.send('c', new Point(3));
    expect(contents.sent[0]?.value).not.toBeInstanceOf(Point);
  });
});

describe('globalShortcut, as Electron', () => {
  it('throws on an accelerator it cannot parse and refuses one another app holds', () => {
    const os = new FakeOsShortcuts('win32', ['Control+Shift+M']);
    const shortcuts = new FakeGlobalShortcut(os);
    for (const bad of ['Shift', 'CommandOrControl+Shift', 'Pause', 'Ctrl+A+B', 'Hyper+K'])
      expect(() => shortcuts.register(bad, () => undefined)).toThrow(/conversion failure/);
    // CommandOrControl is Control on Windows: the same combination as the one taken.
    expect(shortcuts.register('CommandOrControl+Shift+M', () => undefined)).toBe(false);
    expect(shortcuts.register('Alt+Shift+W', () => undefined)).toBe(true);
    // Electron returns false for a combination the app already holds, however it is spelled.
    expect(shortcuts.register('shift+alt+w', () => undefined)).toBe(false);
    expect(shortcuts.held).toEqual(['Alt+Shift+W']);
  });
});

describe('windows, as Electron', () => {
  it('loadURL resolves once the page has loaded, never at once; what is sent before is lost', async () => {
    const win = new FakeBrowserWindow({ show: false });
    let finished = false;
    win.webContents.on('did-finish-load', () => (finished = true));
    const loading = win.loadURL('app://mission-tray/index.html');
    expect(win.webContents.isLoading()).toBe(true);
    win.webContents.send('early', 1);
    await loading;
    expect(finished).toBe(true);
    expect(win.webContents.isLoading()).toBe(false);
    win.webContents.send('late', 2);
    expect(win.webContents.sent).toEqual([{ channel: 'late', value: 2 }]);
    expect(win.webContents.dropped).toEqual([{ channel: 'early', value: 1 }]);
  });

  it('loadURL can reject, and a destroyed window throws on use', async () => {
    const win = new FakeBrowserWindow(
      { show: false },
      { loadError: 'ERR_CONNECTION_REFUSED (-102)' },
    );
    await expect(win.loadURL('http://localhost:5173/')).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
    win.destroy();
    expect(() => win.show()).toThrow(/Object has been destroyed/);
    expect(() => win.webContents).toThrow(/Object has been destroyed/);
    expect(win.isDestroyed()).toBe(true);
  });
});

describe('nativeTheme, as Electron', () => {
  it('themeSource overrides shouldUseDarkColors, not the taskbar; Linux has no system-integrated value', async () => {
    const win = new FakeNativeTheme('win32', { appsDark: false, panelDark: true });
    let updates = 0;
    win.on('updated', () => updates++);
    win.themeSource = 'dark';
    expect(win.shouldUseDarkColors).toBe(true);
    expect(win.shouldUseDarkColorsForSystemIntegratedUI).toBe(true);
    win.themeSource = 'light';
    expect(win.shouldUseDarkColors).toBe(false);
    expect(win.shouldUseDarkColorsForSystemIntegratedUI).toBe(true);
    expect(updates).toBe(0); // posted, not synchronous
    await nextTask();
    expect(updates).toBe(2);
    const linux = new FakeNativeTheme('linux', { appsDark: false });
    expect(() => linux.shouldUseDarkColorsForSystemIntegratedUI).toThrow(/darwin and win32 only/);
    const mac = new FakeNativeTheme('darwin', { appsDark: false });
    mac.themeSource = 'dark';
    expect(mac.shouldUseDarkColorsForSystemIntegratedUI).toBe(true);
  });
});

describe('the tray, as each OS drives it', () => {
  const menu = new FakeMenu([{ label: 'Quit', click: () => undefined }]);
  it('macOS: a left click on an icon with a menu opens the menu, no click event; bounds are real', () => {
    const tray = new FakeTray('darwin');
    let clicks = 0;
    tray.on('click', () => clicks++);
    tray.setContextMenu(menu);
    expect(tray.labels()).toEqual(['Quit']);
    tray.clickIcon();
    expect(clicks).toBe(0);
    tray.setContextMenu(null);
    tray.clickIcon();
    expect(clicks).toBe(1);
    expect(tray.getBounds().width).toBeGreaterThan(0);
  });
  it('Linux: no click events, no popUpContextMenu, zero bounds', () => {
    const tray = new FakeTray('linux');
    let clicks = 0;
    tray.on('click', () => clicks++);
    tray.on('right-click', () => tray.popUpContextMenu(menu));
    tray.clickIcon();
    tray.rightClickIcon();
    expect(clicks).toBe(0);
    expect(() => tray.openMenu()).toThrow(/shows no menu/);
    expect(tray.getBounds()).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe('app.quit, in Electron order', () => {
  it('before-quit at once; then windows close on a later task, then will-quit and quit', async () => {
    resetFakeElectron({ platform: 'win32' });
    const order: string[] = [];
    const win = new BrowserWindow({ show: true });
    win.on('close', () => order.push('window close'));
    for (const event of ['before-quit', 'will-quit', 'quit'] as const)
      app.on(event, () => order.push(event));
    app.quit();
    expect(order).toEqual(['before-quit']);
    expect(win.isDestroyed()).toBe(false);
    await nextTask();
    expect(order).toEqual(['before-quit', 'window close', 'will-quit', 'quit']);
    expect(win.isDestroyed()).toBe(true);
    expect(fakeElectron.exited).toBe(true);
  });

  it('a window that cancels its close cancels the quit', async () => {
    resetFakeElectron();
    const win = new BrowserWindow({});
    win.on('close', (event: { preventDefault(): void }) => event.preventDefault());
    let quit = false;
    app.on('quit', () => (quit = true));
    app.quit();
    await nextTask();
    expect(quit).toBe(false);
    expect(win.isDestroyed()).toBe(false);
    expect(nativeTheme.themeSource).toBe('system');
  });
});

describe('app.getSystemLocale, as Electron', () => {
  it('answers only once the app is ready (electron.d.ts), then the desktop’s regional format', async () => {
    resetFakeElectron({ systemLocale: 'en-US' });
    expect(app.isReady()).toBe(false);
    expect(() => app.getSystemLocale()).toThrow(/ready/);
    await app.whenReady();
    expect(app.getSystemLocale()).toBe('en-US');
  });
});

describe('safeStorage, per platform', () => {
  it('reports a backend on Linux only, and refuses to encrypt when unavailable', async () => {
    expect(new FakeSafeStorage('linux', 'kwallet6').getSelectedStorageBackend()).toBe('kwallet6');
    expect(() => new FakeSafeStorage('darwin').getSelectedStorageBackend()).toThrow(TypeError);
    const off = new FakeSafeStorage('win32');
    off.available = false;
    await expect(off.isAsyncEncryptionAvailable()).resolves.toBe(false);
    await expect(off.encryptStringAsync('token')).rejects.toThrow(/Encryption is not available/);
  });
});
