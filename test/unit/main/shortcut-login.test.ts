import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsHandlers } from '../../../src/main/ipc/settings-handlers.ts';
import {
  AUTOSTART_FILE,
  autostartDesktopEntry,
  createLoginItem,
  type LoginItemDeps,
} from '../../../src/main/settings/login-item.ts';
import { createSettingsStore } from '../../../src/main/settings/settings-store.ts';
import { createShortcut } from '../../../src/main/shortcut.ts';
import { FakeGlobalShortcut, FakeOsShortcuts } from '../../fakes/electron-views.ts';

/** Electron's globalShortcut over the OS's table, where some accelerators belong to other apps. */
const fakeRegistry = (takenByOthers: string[]) =>
  new FakeGlobalShortcut(new FakeOsShortcuts('linux', takenByOthers));

describe('global shortcut', () => {
  it('logs through the registered accelerator and moves to a new one', () => {
    const registry = fakeRegistry([]);
    let presses = 0;
    const shortcut = createShortcut(registry, () => presses++);
    expect(shortcut.apply('CommandOrControl+Shift+M')).toBeNull();
    registry.press('CommandOrControl+Shift+M');
    expect(presses).toBe(1);
    expect(shortcut.apply('Alt+Shift+W')).toBeNull();
    expect(registry.held).toEqual(['Alt+Shift+W']);
  });

  it('says clearly when the OS refuses a shortcut, and keeps the old one working', () => {
    const registry = fakeRegistry(['CommandOrControl+Shift+S']);
    const shortcut = createShortcut(registry, () => undefined);
    shortcut.apply('CommandOrControl+Shift+M');
    expect(shortcut.apply('CommandOrControl+Shift+S')).toBe(
      'The shortcut CommandOrControl+Shift+S is not available: another app or the system is using it, or it is not a valid key combination. Pick another in Preferences.',
    );
    expect(shortcut.apply('Nonsense++')).toMatch(/^The shortcut Nonsense\+\+ is not available/);
    expect(shortcut.current()).toBe('CommandOrControl+Shift+M');
    expect(registry.held).toEqual(['CommandOrControl+Shift+M']);
  });

  it('reports a refused shortcut with others to try, none of them refused already', () => {
    const registry = fakeRegistry(['CommandOrControl+Alt+Shift+W', 'CommandOrControl+Alt+Shift+L']);
    const shortcut = createShortcut(registry, () => undefined);
    shortcut.apply('CommandOrControl+Alt+Shift+W');
    expect(shortcut.status('CommandOrControl+Alt+Shift+W')).toEqual({
      accelerator: 'CommandOrControl+Alt+Shift+W',
      active: false,
      problem: expect.stringMatching(
        /^The shortcut CommandOrControl\+Alt\+Shift\+W is not available/,
      ),
      alternatives: ['CommandOrControl+Alt+Shift+L', 'CommandOrControl+Alt+Shift+J'],
    });
    shortcut.apply('CommandOrControl+Alt+Shift+L');
    expect(shortcut.status('CommandOrControl+Alt+Shift+W').alternatives).toEqual([
      'CommandOrControl+Alt+Shift+J',
      'CommandOrControl+Alt+Shift+Y',
    ]);
    expect(shortcut.apply('CommandOrControl+Alt+Shift+J')).toBeNull();
    expect(shortcut.status('CommandOrControl+Alt+Shift+J')).toEqual({
      accelerator: 'CommandOrControl+Alt+Shift+J',
      active: true,
      problem: null,
      alternatives: [],
    });
  });
});

describe('launch at login', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mt-login-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an XDG autostart entry that starts the app hidden, quoting the path', () => {
    expect(
      autostartDesktopEntry({
        name: 'Mission Tray',
        exec: '/home/sam/Apps/Mission Tray 100%.AppImage',
        icon: '/opt/Mission Tray/resources/icon.png',
      }),
    ).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=Mission Tray',
        'Comment=Short missions, daily milestones, one-click wins',
        'Exec="/home/sam/Apps/Mission Tray 100%%.AppImage" --hidden',
        'Icon=/opt/Mission Tray/resources/icon.png',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('escapes characters the desktop spec reserves inside a quoted Exec path', () => {
    const entry = autostartDesktopEntry({ name: 'x', exec: '/tmp/a"b$c`d\\e', icon: 'i' });
    expect(entry).toContain('Exec="/tmp/a\\"b\\$c\\`d\\\\e" --hidden');
  });

  it('on Linux, adds and removes the autostart file', async () => {
    const autostartDir = join(dir, 'autostart');
    const login = createLoginItem({
      platform: 'linux',
      setLoginItemSettings: () => {
        throw new Error('not used on Linux');
      },
      autostartDir,
      name: 'Mission Tray',
      exec: '/opt/mission-tray/mission-tray',
      icon: '/opt/mission-tray/icon.png',
      packaged: true,
      lastingIcon: join(dir, 'unused.png'),
    });
    await login.apply(true);
    const file = join(autostartDir, AUTOSTART_FILE);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/mission-tray/mission-tray" --hidden');
    await login.apply(false);
    expect(existsSync(file)).toBe(false);
    await login.apply(false); // already off: nothing to remove, no error
  });

  it.each(['darwin', 'win32'] as const)(
    'on %s, uses the login items of the OS',
    async (platform) => {
      const calls: unknown[] = [];
      const login = createLoginItem({
        platform,
        setLoginItemSettings: (s) => calls.push(s),
        autostartDir: join(dir, 'unused'),
        name: 'Mission Tray',
        exec: 'x',
        icon: 'y',
        packaged: true,
        lastingIcon: join(dir, 'unused', 'icon.png'),
      });
      await login.apply(true);
      await login.apply(false);
      expect(calls).toEqual([
        { openAtLogin: true, openAsHidden: true },
        { openAtLogin: false, openAsHidden: true },
      ]);
      expect(existsSync(join(dir, 'unused'))).toBe(false);
    },
  );

  describe('entries that last', () => {
    /** A run of the app as Electron would start it: AppImage, installed, or npm start. */
    const deps = (over: Partial<LoginItemDeps>): LoginItemDeps => ({
      platform: 'linux',
      setLoginItemSettings: () => {
        throw new Error('not used on Linux');
      },
      packaged: true,
      autostartDir: join(dir, 'autostart'),
      name: 'Mission Tray',
      exec: '/opt/Mission Tray/mission-tray',
      icon: '/opt/Mission Tray/resources/resources/icon.png',
      lastingIcon: join(dir, 'userData', 'autostart-icon.png'),
      ...over,
    });
    const entry = () => readFileSync(join(dir, 'autostart', AUTOSTART_FILE), 'utf8');

    it('from an AppImage: Exec= is the AppImage file and Icon= a copy outside the temporary mount', async () => {
      // The running AppImage is mounted at /tmp/.mount_MissioXXXX while it runs.
      const mount = join(dir, '.mount_MissioA1b2C3');
      mkdirSync(join(mount, 'resources', 'resources'), { recursive: true });
      writeFileSync(join(mount, 'resources', 'resources', 'icon.png'), 'PNG bytes');
      const login = createLoginItem(
        deps({
          exec: join(mount, 'mission-tray'),
          appImage: '/home/sam/Applications/Mission-Tray-0.1.0.AppImage',
          icon: join(mount, 'resources', 'resources', 'icon.png'),
        }),
      );
      expect(login.unavailable).toBeNull();
      await login.apply(true);
      expect(entry()).toContain(
        'Exec="/home/sam/Applications/Mission-Tray-0.1.0.AppImage" --hidden\n',
      );
      expect(entry()).toContain(`Icon=${join(dir, 'userData', 'autostart-icon.png')}\n`);
      expect(entry()).not.toContain('.mount_');
      // The mount goes away at logout; the icon copy stays.
      rmSync(mount, { recursive: true });
      expect(readFileSync(join(dir, 'userData', 'autostart-icon.png'), 'utf8')).toBe('PNG bytes');
    });

    it('installed (deb): the installed executable and icon, nothing copied', async () => {
      const login = createLoginItem(deps({ appImage: undefined }));
      await login.apply(true);
      expect(entry()).toContain('Exec="/opt/Mission Tray/mission-tray" --hidden\n');
      expect(entry()).toContain('Icon=/opt/Mission Tray/resources/resources/icon.png\n');
      expect(existsSync(join(dir, 'userData'))).toBe(false);
    });

    it.each<NodeJS.Platform>(['linux', 'darwin', 'win32'])(
      'under npm start on %s: says it applies to the installed app and writes no entry',
      async (platform) => {
        const calls: unknown[] = [];
        const login = createLoginItem(
          deps({
            platform,
            packaged: false,
            exec: '/work/mission-tray/node_modules/electron/dist/electron',
            setLoginItemSettings: (s) => calls.push(s),
          }),
        );
        expect(login.unavailable).toMatch(/^Launch at login applies to the installed Mission Tray/);
        const settings = createSettingsStore({ cwd: dir });
        const handlers = createSettingsHandlers(settings, { loginItem: login });
        await expect(handlers.update({ launchAtLogin: true })).rejects.toMatchObject({
          code: 'conflict',
          path: ['launchAtLogin'],
          message: login.unavailable,
        });
        expect(settings.get().launchAtLogin).toBe(false);
        expect(existsSync(join(dir, 'autostart'))).toBe(false);
        expect(calls).toEqual([]);
      },
    );
  });
});
