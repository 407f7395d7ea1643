import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APP_INDEX_URL } from '../../../src/main/window/app-protocol.ts';
import { channelOf, eventChannelOf, ipcContract } from '../../../src/shared/ipc.ts';
import { Mission } from '../../../src/shared/mission.ts';
import { shell as electronShell } from '../../fakes/electron.ts';
import { eventually, meetingsDraft, settle, startHarness } from './shell-harness.ts';
import type { Harness } from './shell-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Creates a mission as the window would: over IPC, from the app's own page. */
async function withMission(harness: Harness, draft: object = meetingsDraft) {
  const result = await harness.ipcMain.invoke(
    channelOf('missions', 'create'),
    APP_INDEX_URL,
    draft,
  );
  const parsed = z.object({ ok: z.literal(true), value: Mission }).parse(result);
  return parsed.value;
}

describe('the tray app, assembled', () => {
  it('logs a win from the tray menu on Linux, and every view sees the new count', async () => {
    h = await startHarness({ platform: 'linux' });
    await withMission(h);
    h.shell.window.open();
    await eventually(() =>
      expect(h.tray.labels()).toContain('Log meeting — 0/10 this week · 0/1 by noon'),
    );

    h.tray.click('Log meeting — 0/10 this week · 0/1 by noon');

    await eventually(() => {
      expect(h.tray.labels()).toContain('Log meeting — 1/10 this week · 1/2 by 17:00');
      // Hitting the noon milestone is announced.
      expect(h.shown.map((n) => n.title)).toEqual(['Milestone hit: Book 10 meetings']);
    });
    expect(h.core.today().missions[0]?.total).toBe(1);
    expect(h.tray.labels()).toContain('Undo last win (Book 10 meetings)');
    expect(h.tray.image).toBe('/app/resources/tray-on-track-light.png');
    const pushed = h.windows[0]?.webContents.sent.filter(
      (s) => s.channel === eventChannelOf('today'),
    );
    expect(pushed?.at(-1)?.value).toMatchObject({ missions: [{ total: 1 }] });
  });

  it('undoes the last win from the menu', async () => {
    h = await startHarness();
    await withMission(h);
    await eventually(() =>
      expect(h.tray.labels()).toContain('Log meeting — 0/10 this week · 0/1 by noon'),
    );
    h.tray.click('Log meeting — 0/10 this week · 0/1 by noon');
    await eventually(() => expect(h.tray.labels()).toContain('Undo last win (Book 10 meetings)'));
    h.tray.click('Undo last win (Book 10 meetings)');
    await eventually(() => expect(h.core.today().missions[0]?.total).toBe(0));
    expect(h.tray.labels()).toContain('Log meeting — 0/10 this week · 0/1 by noon');
  });

  it('answers the window over IPC, and refuses a frame that is not the app', async () => {
    h = await startHarness();
    const mission = await withMission(h);
    const ok = await h.ipcMain.invoke(channelOf('wins', 'log'), `${APP_INDEX_URL}#/today`, {
      missionId: mission.id,
      source: 'window',
    });
    expect(ok).toMatchObject({ ok: true, value: { missions: [{ total: 1 }] } });
    const refused = await h.ipcMain.invoke(channelOf('wins', 'log'), 'https://evil.example/', {
      missionId: mission.id,
      source: 'window',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.core.today().missions[0]?.total).toBe(1);
  });

  it('registers one handler per call of the contract', async () => {
    h = await startHarness();
    const calls = Object.entries(ipcContract).flatMap(([area, c]) =>
      Object.keys(c).map((name) => channelOf(area, name)),
    );
    expect([...h.ipcMain.handlers.keys()].sort()).toEqual(calls.sort());
    expect([...h.ipcMain.handlers.keys()]).toContain(channelOf('app', 'pauseNotifications'));
    h.shell.stop();
    expect(h.ipcMain.handlers.size).toBe(0);
  });

  it('logs a win on the focus mission with the global shortcut', async () => {
    h = await startHarness();
    await withMission(h);
    const second = await withMission(h, {
      ...meetingsDraft,
      title: 'Make 50 calls',
      metric: { kind: 'calls' },
    });
    await h.shell.handlers.settings.update({ focusMissionId: second.id });
    h.shortcuts.press('CommandOrControl+Alt+Shift+W');
    await eventually(() => {
      const totals = Object.fromEntries(
        h.core.today().missions.map((m) => [m.mission.title, m.total]),
      );
      expect(totals).toEqual({ 'Book 10 meetings': 0, 'Make 50 calls': 1 });
    });
  });

  it('tells the rep when the OS refuses the shortcut, at start and when changing it', async () => {
    h = await startHarness({ takenShortcuts: ['CommandOrControl+Alt+Shift+W', 'Alt+Space'] });
    expect(h.shown[0]?.body).toMatch(
      /^The shortcut CommandOrControl\+Alt\+Shift\+W is not available/,
    );
    await expect(h.shell.handlers.settings.update({ shortcut: 'Alt+Space' })).rejects.toMatchObject(
      {
        code: 'conflict',
        path: ['shortcut'],
      },
    );
    expect(h.settings.get().shortcut).toBe('CommandOrControl+Alt+Shift+W');
    await h.shell.handlers.settings.update({ shortcut: 'Alt+Shift+W' });
    expect(h.shortcuts.held).toEqual(['Alt+Shift+W']);
  });

  it('accepts the shortcut in place spelled another way, and it keeps working', async () => {
    h = await startHarness();
    await withMission(h);
    await h.shell.handlers.settings.update({ shortcut: 'Alt+Shift+W' });
    // The same keys as Preferences may write them: Electron refuses a combination the app holds.
    await h.shell.handlers.settings.update({ shortcut: 'shift+alt+w' });
    expect(h.settings.get().shortcut).toBe('shift+alt+w');
    expect(h.shortcuts.held).toEqual(['shift+alt+w']);
    h.shortcuts.press('Alt+Shift+W');
    await eventually(() => expect(h.core.today().missions[0]?.total).toBe(1));
  });

  it('tells the rep once that the Teams-mute shortcut of earlier versions was replaced', async () => {
    h = await startHarness({
      prepare: (dir) =>
        writeFileSync(
          join(dir, 'preferences.json'),
          JSON.stringify({ shortcut: 'CommandOrControl+Shift+M', theme: 'dark' }),
        ),
    });
    expect(h.shortcuts.held).toEqual(['CommandOrControl+Alt+Shift+W']);
    await eventually(() =>
      expect(h.shown.map((n) => n.body)).toContainEqual(
        expect.stringMatching(/global shortcut is now CommandOrControl\+Alt\+Shift\+W/),
      ),
    );
  });

  it('tells Preferences a shortcut taken at start, offers others, and one of them works', async () => {
    h = await startHarness({
      takenShortcuts: ['CommandOrControl+Alt+Shift+W', 'CommandOrControl+Alt+Shift+L'],
    });
    const status = await h.shell.handlers.app.desktop(undefined);
    expect(status.shortcut).toMatchObject({
      accelerator: 'CommandOrControl+Alt+Shift+W',
      active: false,
      problem: expect.stringMatching(/is not available/),
    });
    const [first, second] = status.shortcut.alternatives;
    expect(first).toBe('CommandOrControl+Alt+Shift+L');
    // The first one offered is taken too: the rep is told, and is offered the rest.
    await expect(h.shell.handlers.settings.update({ shortcut: first })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await h.shell.handlers.app.desktop(undefined)).shortcut.alternatives).not.toContain(
      first,
    );
    await h.shell.handlers.settings.update({ shortcut: second });
    expect((await h.shell.handlers.app.desktop(undefined)).shortcut).toEqual({
      accelerator: second,
      active: true,
      problem: null,
      alternatives: [],
    });
    expect(h.shortcuts.held).toEqual([second]);
  });

  it('opens the logs folder through shell.openPath, and says so when it cannot', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mt-logs-'));
    const folder = join(parent, 'logs');
    h = await startHarness({ logs: { folder, open: () => electronShell.openPath(folder) } });
    expect((await h.shell.handlers.app.desktop(undefined)).logsFolder).toBe(folder);
    await expect(h.shell.handlers.app.openLogsFolder(undefined)).rejects.toMatchObject({
      code: 'not-found',
      message: `Mission Tray could not open its logs folder (${folder}): Failed to open path`,
    });
    mkdirSync(folder);
    await expect(h.shell.handlers.app.openLogsFolder(undefined)).resolves.toBeNull();
    rmSync(parent, { recursive: true, force: true });
  });

  it('in a development run, Preferences hears that launch at login is for the installed app', async () => {
    h = await startHarness({
      loginUnavailable: 'Launch at login applies to the installed Mission Tray.',
    });
    expect((await h.shell.handlers.app.desktop(undefined)).launchAtLogin).toEqual({
      unavailable: 'Launch at login applies to the installed Mission Tray.',
    });
    await expect(h.shell.handlers.settings.update({ launchAtLogin: true })).rejects.toMatchObject({
      code: 'conflict',
      path: ['launchAtLogin'],
    });
    expect(h.loginItems).toEqual([]);
  });

  it('a window whose page failed to load is made again on the next open, not shown blank', async () => {
    h = await startHarness({ window: { loadError: 'ERR_CONNECTION_REFUSED (-102)' } });
    h.shell.window.open();
    await settle();
    expect(h.logged).toEqual([
      expect.stringMatching(/^Could not load app:\/\/mission-tray\/.*ERR_CONNECTION_REFUSED/),
    ]);
    h.shell.window.open();
    expect(h.windows).toHaveLength(2);
    expect(h.windows[0]?.destroyed).toBe(true);
    expect(h.windows[1]).toMatchObject({ visible: true, loaded: [APP_INDEX_URL] });
  });

  it('pauses notifications from the tray until tomorrow, and offers to resume', async () => {
    h = await startHarness();
    h.tray.click('Until tomorrow');
    await eventually(() => expect(h.settings.get().pausedUntil).toBe('2026-11-23T23:00:00.000Z'));
    expect(h.tray.labels()).toContain('Resume notifications (paused until Tue 00:00)');
    h.tray.click('Resume notifications (paused until Tue 00:00)');
    await eventually(() => expect(h.settings.get().pausedUntil).toBeNull());
  });

  it('pushes changed preferences to the window and applies launch at login', async () => {
    h = await startHarness();
    h.shell.window.open();
    // A page still loading takes no messages (it asks for the preferences itself once it starts).
    await eventually(() => expect(h.windows[0]?.webContents.isLoading()).toBe(false));
    await h.shell.handlers.settings.update({ launchAtLogin: true, theme: 'dark' });
    const pushed = h.windows[0]?.webContents.sent.filter(
      (s) => s.channel === eventChannelOf('settings'),
    );
    expect(pushed?.at(-1)?.value).toMatchObject({ theme: 'dark', launchAtLogin: true });
    expect(h.loginItems).toEqual([true]);
  });

  it('reminds before a deadline when the machine wakes', async () => {
    h = await startHarness();
    await withMission(h);
    await settle();
    h.clock.set('2026-11-23T10:00:00Z'); // 11:00 Berlin: an hour to noon
    h.wake();
    await eventually(() => expect(h.shown).toHaveLength(1));
    expect(h.shown).toEqual([
      { title: 'Book 10 meetings', body: '0 of 1 meeting — 1 hour to noon' },
    ]);
  });

  it('quitting waits for a notification check under way: its reminder is kept, nothing fails', async () => {
    h = await startHarness();
    await settle();
    h.clock.set('2026-11-23T10:00:00Z'); // 11:00 Berlin: an hour to noon
    await withMission(h); // the change starts a check, which decides the reminder
    await h.close(); // as on quit: the shell stops, then the core and the store close
    expect(h.logged.filter((m) => m.startsWith('Notification check failed'))).toEqual([]);
    expect(h.shown).toEqual([
      { title: 'Book 10 meetings', body: '0 of 1 meeting — 1 hour to noon' },
    ]);
  });

  it('congratulates once when a mission reaches its target, and not again when it ends', async () => {
    h = await startHarness(); // Monday 09:00 Berlin
    const mission = await withMission(h);
    const log = (amount: number) =>
      h.ipcMain.invoke(channelOf('wins', 'log'), APP_INDEX_URL, {
        missionId: mission.id,
        amount,
        source: 'window',
      });
    await log(9);
    await log(1);
    await eventually(() =>
      expect(h.shown.map((n) => n.title)).toContain('Target reached: Book 10 meetings'),
    );
    // Each step waits for the shell's own check (what a wake from sleep runs) to finish: a fixed
    // 20 ms pause was sometimes too short on a busy machine, and the week had not been closed yet.
    for (const t of ['2026-11-28T09:00:00Z', '2026-11-30T07:30:00Z', '2026-11-30T08:30:00Z']) {
      h.clock.set(t); // the week ends Friday; the weekend, then Monday morning
      await h.shell.tick();
    }
    expect(h.core.recentlyCompleted().map((c) => c.mission.title)).toEqual(['Book 10 meetings']);
    expect(h.shown.filter((n) => /Target reached|Mission complete/.test(n.title))).toHaveLength(1);
  });

  it("with milestone notices off, tells the rep on Monday morning that last week's mission hit its target", async () => {
    h = await startHarness(); // Monday 09:00 Berlin
    h.settings.update({ notify: { milestoneHit: false } });
    const mission = await withMission(h);
    await h.ipcMain.invoke(channelOf('wins', 'log'), APP_INDEX_URL, {
      missionId: mission.id,
      amount: 12,
      source: 'window',
    });
    await settle();
    // Friday night the week ends: quiet hours, then a weekend off; Monday 08:00 the rep is back.
    for (const t of ['2026-11-27T23:00:30Z', '2026-11-28T09:00:00Z', '2026-11-30T06:30:00Z']) {
      h.clock.set(t);
      await h.shell.tick();
    }
    expect(h.shown).toEqual([]);
    h.clock.set('2026-11-30T07:00:00Z');
    h.wake();
    await eventually(() =>
      expect(h.shown).toEqual([
        {
          title: 'Mission complete: Book 10 meetings',
          body: '12 of 10 meetings. You hit your target — well done.',
        },
      ]),
    );
  });

  it('as time passes, tells the window when the day looks different, and only then', async () => {
    h = await startHarness({ now: '2026-11-23T05:00:00Z' }); // 06:00 Berlin, before the workday
    await withMission(h);
    h.shell.window.open();
    await eventually(() => expect(h.windows[0]?.webContents.isLoading()).toBe(false));
    const pushes = () =>
      h.windows[0]?.webContents.sent.filter((s) => s.channel === eventChannelOf('today')).length ??
      0;
    const before = pushes();
    h.clock.set('2026-11-23T05:00:30Z'); // 30 s later: nothing but the instant changed
    await h.shell.tick();
    expect(pushes()).toBe(before);
    h.clock.set('2026-11-23T11:30:00Z'); // 12:30 Berlin: the noon milestone has passed unmet
    h.wake();
    await eventually(() => expect(pushes()).toBe(before + 1));
    const last = h.windows[0]?.webContents.sent.at(-1)?.value;
    expect(last).toMatchObject({
      missions: [{ milestones: [{ by: '12:00', state: 'missed' }, { by: '17:00' }] }],
    });
  });

  it('a damaged preferences file: defaults, the file kept, the rep told, the notice dismissible', async () => {
    h = await startHarness({
      prepare: (dir) => writeFileSync(join(dir, 'preferences.json'), '{"theme": "dark",'),
    });
    expect(h.shown.map((n) => n.body)).toEqual([
      expect.stringMatching(/preferences file was damaged/),
    ]);
    const today = await h.shell.handlers.missions.today(undefined);
    const notice = today.notices.find((n) => n.kind === 'preferences-reset');
    expect(notice).toBeDefined();
    const after = await h.shell.handlers.missions.dismissNotice({ id: notice?.id ?? '' });
    expect(after.notices).toEqual([]);
  });

  it('shows the team sync switch once sync is set up, and toggles it', async () => {
    let enabled = false;
    h = await startHarness({
      traySync: {
        state: () => ({ enabled }),
        toggle: async () => {
          enabled = !enabled;
          h.shell.render();
        },
      },
    });
    expect(h.tray.menu.find((i) => i.label === 'Team sync')).toMatchObject({ checked: false });
    h.tray.click('Team sync');
    await eventually(() =>
      expect(h.tray.menu.find((i) => i.label === 'Team sync')).toMatchObject({ checked: true }),
    );
  });

  it('on macOS, a click on the icon opens the compact window under it, and a second closes it', async () => {
    h = await startHarness({ platform: 'darwin' });
    await withMission(h);
    await eventually(() => expect(h.tray.title).toBe('0/1'));
    expect(h.tray.image).toBe('/app/resources/tray-on-trackTemplate.png');
    h.clickTrayIcon();
    expect(h.windows[0]?.visible).toBe(true);
    expect(h.windows[0]?.bounds).toEqual({ x: 1331, y: 30, width: 360, height: 560 });
    h.clickTrayIcon();
    expect(h.windows[0]?.visible).toBe(false);
  });

  it('on macOS, a click on a reminder opens the compact window under the icon, on Today', async () => {
    h = await startHarness({ platform: 'darwin' });
    await withMission(h);
    h.clock.set('2026-11-23T10:00:00Z'); // 11:00 Berlin: an hour to noon
    h.wake();
    await eventually(() => expect(h.shown).toHaveLength(1));
    expect(h.windows.some((w) => w.visible)).toBe(false);
    h.clickNotification(h.shown[0] ?? { title: '', body: '' });
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]).toMatchObject({ visible: true, focused: true });
    expect(h.windows[0]?.bounds).toEqual({ x: 1331, y: 30, width: 360, height: 560 });
    expect(h.windows[0]?.loaded).toEqual([APP_INDEX_URL]);
  });

  it('on Windows, a click on the invitation to reflect brings back the window the rep closed', async () => {
    h = await startHarness({ platform: 'win32' });
    await withMission(h);
    await settle();
    h.shell.window.open();
    expect(h.windows[0]?.tryClose()).toBe('hidden'); // the tray app keeps running
    h.clock.set('2026-11-30T08:00:00Z'); // Monday 09:00: last week's mission ended short
    h.wake();
    await eventually(() =>
      expect(h.shown.map((n) => n.title)).toEqual(['Mission ended: Book 10 meetings']),
    );
    h.clickNotification(h.shown[0] ?? { title: '', body: '' });
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]).toMatchObject({ visible: true, focused: true });
    // What the window shows over Today: the reflection the notification asked for.
    const today = await h.shell.handlers.missions.today(undefined);
    expect(today.awaitingReflection.map((m) => m.title)).toEqual(['Book 10 meetings']);
  });

  it('tells the rep in a notification when a tray action cannot be done', async () => {
    h = await startHarness();
    // A menu built a moment ago can name a mission archived since, from the window.
    await h.shell.dispatch({ type: 'log-win', missionId: 'archived-meanwhile' });
    expect(h.shown).toHaveLength(1);
    expect(h.shown[0]?.title).toBe('Mission Tray');
    expect(h.shown[0]?.body.length).toBeGreaterThan(15);
    expect(h.shown[0]?.body).not.toMatch(/undefined|Error:|at .*\.ts/);
    await h.shell.logFocusWin(); // the shortcut, with no mission at all
    expect(h.shown[1]?.body).toBe('There is no active mission to log a win on yet.');
  });

  it('quits from the tray menu', async () => {
    h = await startHarness({ platform: 'darwin' });
    h.tray.click('Quit Mission Tray');
    await eventually(() => expect(h.quits).toBe(1));
  });
});
