import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTOSTART_FILE,
  autostartDesktopEntry,
  createLoginItem,
} from '../../../src/main/settings/login-item.ts';
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
});
