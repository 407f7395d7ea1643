import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsHandlers } from '../../../../src/main/ipc/settings-handlers.ts';
import { createElectronSettings } from '../../../../src/main/settings/electron-settings.ts';
import { createSettingsStore } from '../../../../src/main/settings/settings-store.ts';
import { DEFAULT_SETTINGS, SettingsPatch } from '../../../../src/shared/settings.ts';
import type { Settings } from '../../../../src/shared/settings.ts';

const clock = { now: () => new Date('2026-11-23T09:30:00Z'), timeZone: () => 'Europe/Berlin' };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts with defaults and keeps a change across a restart', () => {
    const first = createSettingsStore({ cwd: dir, clock });
    expect(first.get()).toEqual(DEFAULT_SETTINGS);
    first.update({ reminderLeadMinutes: 30, theme: 'dark' });

    const reopened = createSettingsStore({ cwd: dir, clock });
    expect(reopened.get().reminderLeadMinutes).toBe(30);
    expect(reopened.get().theme).toBe('dark');
    expect(reopened.notices()).toEqual([]);
  });

  it('changes only what the patch names, inside groups too', () => {
    const settings = createSettingsStore({ cwd: dir, clock });
    settings.update({ launchAtLogin: true, quietHours: { start: '20:00' } });
    const next = settings.update(SettingsPatch.parse({ notify: { reminders: false } }));
    expect(next.launchAtLogin).toBe(true);
    expect(next.quietHours).toEqual({ enabled: true, start: '20:00', end: '08:00' });
    expect(next.notify).toEqual({ ...DEFAULT_SETTINGS.notify, reminders: false });
  });

  it('tells subscribers about each change until they unsubscribe', () => {
    const settings = createSettingsStore({ cwd: dir, clock });
    const seen: Settings[] = [];
    const unsubscribe = settings.subscribe((s) => seen.push(s));
    settings.update({ theme: 'light' });
    unsubscribe();
    settings.update({ theme: 'dark' });
    expect(seen.map((s) => s.theme)).toEqual(['light']);
  });

  it('reads an older file that lacks newer preferences, filling in defaults', () => {
    writeFileSync(join(dir, 'preferences.json'), JSON.stringify({ theme: 'dark' }));
    const settings = createSettingsStore({ cwd: dir, clock });
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(settings.notices()).toEqual([]);
  });

  describe('the global shortcut', () => {
    // Earlier versions wrote every preference, defaults included, into the file.
    const olderFile = (shortcut: string) =>
      writeFileSync(
        join(dir, 'preferences.json'),
        JSON.stringify({ ...DEFAULT_SETTINGS, shortcutChosen: undefined, shortcut }),
      );

    it('defaults to a chord no call app, browser or OS binds (not Teams’ mute, Ctrl+Shift+M)', () => {
      const taken = [
        'CommandOrControl+Shift+M', // Teams: mute
        'CommandOrControl+Shift+O', // Teams: camera
        'CommandOrControl+Shift+Space', // Slack: huddle mute
        'CommandOrControl+D', // Google Meet: microphone
        'CommandOrControl+E', // Google Meet: camera
        'Alt+A', // Zoom: mute
        'CommandOrControl+Shift+A', // Zoom on macOS: mute
        'CommandOrControl+Shift+W', // browsers: close the window
        'CommandOrControl+Alt+W', // Safari/Finder: close all windows
      ];
      const settings = createSettingsStore({ cwd: dir, clock });
      expect(settings.get().shortcut).toBe('CommandOrControl+Alt+Shift+W');
      expect(taken).not.toContain(settings.get().shortcut);
    });

    it('replaces the old default in an older preferences file, keeping everything else', () => {
      writeFileSync(
        join(dir, 'preferences.json'),
        JSON.stringify({
          ...DEFAULT_SETTINGS,
          shortcutChosen: undefined,
          theme: 'dark',
          shortcut: 'CommandOrControl+Shift+M',
        }),
      );
      const settings = createSettingsStore({ cwd: dir, clock });
      expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
      expect(settings.get().shortcut).toBe('CommandOrControl+Alt+Shift+W');
      expect(settings.upgrades()).toEqual([
        "Mission Tray's global shortcut is now CommandOrControl+Alt+Shift+W: the old one, CommandOrControl+Shift+M, is Microsoft Teams' mute. Choose another in Preferences.",
      ]);
      // Written at once: the next start reads the new shortcut and says nothing.
      const next = createSettingsStore({ cwd: dir, clock });
      expect(next.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
      expect(next.upgrades()).toEqual([]);
    });

    it('keeps a shortcut the rep set, even the old default set back on purpose', () => {
      olderFile('Alt+Shift+W');
      expect(createSettingsStore({ cwd: dir, clock }).get().shortcut).toBe('Alt+Shift+W');

      olderFile('CommandOrControl+Shift+M');
      const settings = createSettingsStore({ cwd: dir, clock });
      settings.update({ shortcut: 'CommandOrControl+Shift+M' });
      expect(createSettingsStore({ cwd: dir, clock }).get().shortcut).toBe(
        'CommandOrControl+Shift+M',
      );
    });
  });

  it.each([
    ['unparsable JSON', '{"theme": "dark", '],
    ['a value the schema rejects', JSON.stringify({ reminderLeadMinutes: 9999 })],
    ['an empty file (power loss)', ''],
  ])('starts with defaults from %s, keeps the bad file aside and says so', (_what, content) => {
    writeFileSync(join(dir, 'preferences.json'), content);
    const settings = createSettingsStore({ cwd: dir, clock });

    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const [notice] = settings.notices();
    if (!notice) throw new Error('expected a notice about the damaged file');
    expect(notice.kind).toBe('preferences-reset');
    expect(notice.message).toMatch(/damaged.*default preferences/);
    expect(readFileSync(notice.movedTo, 'utf8')).toBe(content);

    // The next change writes a sound file, and the notice can be dismissed.
    settings.update({ theme: 'light' });
    expect(createSettingsStore({ cwd: dir, clock }).get().theme).toBe('light');
    settings.dismissNotice(notice.id);
    expect(settings.notices()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes('damaged'))).toHaveLength(1);
  });

  it('a folder where the preferences file should be: set aside and named as a folder', () => {
    mkdirSync(join(dir, 'preferences.json'));
    writeFileSync(join(dir, 'preferences.json', 'notes.txt'), 'kept by the rep');
    const settings = createSettingsStore({ cwd: dir, clock });

    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const [notice] = settings.notices();
    if (!notice) throw new Error('expected a notice about the folder');
    expect(notice).toMatchObject({ kind: 'preferences-reset', setAside: 'folder' });
    expect(notice.message).toMatch(/had a folder in its place.*The folder was kept at/);
    expect(notice.message).not.toMatch(/damaged file|was damaged/);
    expect(readFileSync(join(notice.movedTo, 'notes.txt'), 'utf8')).toBe('kept by the rep');
    settings.update({ theme: 'dark' });
    expect(createSettingsStore({ cwd: dir, clock }).get().theme).toBe('dark');
  });

  it('when the disk refuses the write, says so and keeps the preferences as they were', () => {
    const settings = createSettingsStore({
      cwd: dir,
      clock,
      // conf's file layer on a full disk.
      openConf: () => ({
        get store(): Record<string, unknown> {
          return {};
        },
        set store(_value: Record<string, unknown>) {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      }),
    });
    const seen: unknown[] = [];
    settings.subscribe((s) => seen.push(s));
    expect(() => settings.update({ theme: 'dark' })).toThrow(
      'Mission Tray could not save your preferences. Check that the disk has free space, then try again.',
    );
    expect(settings.get().theme).toBe('system');
    expect(seen).toEqual([]);
  });

  it('serves the settings area of the IPC contract', async () => {
    const handlers = createSettingsHandlers(createSettingsStore({ cwd: dir, clock }));
    await handlers.update({ shortcut: 'Alt+Shift+W' });
    expect((await handlers.get(undefined)).shortcut).toBe('Alt+Shift+W');
  });
});

describe('settings in the shell (electron-store)', () => {
  it('keeps preferences across restarts and sets a damaged file aside, like the Node store', () => {
    const first = createElectronSettings(dir, clock);
    first.update({ theme: 'dark', notify: { morningPlan: true } });
    expect(createElectronSettings(dir, clock).get()).toMatchObject({
      theme: 'dark',
      notify: { morningPlan: true, reminders: true },
    });

    writeFileSync(join(dir, 'preferences.json'), '\u0000\u0000\u0000');
    const recovered = createElectronSettings(dir, clock);
    expect(recovered.get()).toEqual(DEFAULT_SETTINGS);
    expect(recovered.notices().map((n) => n.kind)).toEqual(['preferences-reset']);
  });
});
