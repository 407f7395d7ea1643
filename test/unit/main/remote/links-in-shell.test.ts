// What the rep sees when links arrive at the assembled shell (real core, store and preferences,
// fake clock, fake desktop): the notification that answers each, the window a link opens, and
// one "too many" for a burst however long it runs.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APP_INDEX_URL } from '../../../../src/main/window/app-protocol.ts';
import { channelOf, eventChannelOf } from '../../../../src/shared/ipc.ts';
import { Mission } from '../../../../src/shared/mission.ts';
import { eventually, meetingsDraft, startHarness } from '../shell-harness.ts';
import type { Harness } from '../shell-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function withMission(harness: Harness) {
  const result = await harness.ipcMain.invoke(
    channelOf('missions', 'create'),
    APP_INDEX_URL,
    meetingsDraft,
  );
  return z.object({ ok: z.literal(true), value: Mission }).parse(result).value;
}

describe('links at the shell', () => {
  it('a win by link is announced with where to undo it, and the tray offers the undo', async () => {
    h = await startHarness({ platform: 'linux' });
    await withMission(h);
    await h.shell.remote.link('missiontray://log?mission=meetings&amount=2');
    expect(h.shown.map((n) => n.body)).toContain(
      'Logged 2 meetings on “Book 10 meetings” (2 of 2 meetings today). Undo it from the tray menu or the window.',
    );
    await eventually(() =>
      expect(h.tray.labels()).toContain('Undo last win (2 × Book 10 meetings)'),
    );
  });

  // The window does not exist yet (the app runs in the tray): the page it creates takes the
  // request once loaded. Electron drops what is sent before, as the fake does.
  it('open/mission with no window yet: the new page is asked to show the mission once loaded', async () => {
    h = await startHarness({ platform: 'win32' });
    const mission = await withMission(h);
    expect(h.windows).toEqual([]);
    await h.shell.remote.link(`missiontray://open/mission/${mission.id}`);
    const window = h.windows[0];
    expect(window?.visible).toBe(true);
    const requests = () =>
      window?.webContents.sent
        .filter((s) => s.channel !== eventChannelOf('today'))
        .map((s) => [s.channel, s.value]);
    await eventually(() =>
      expect(requests()).toEqual([[eventChannelOf('showMission'), mission.id]]),
    );
    expect(window?.webContents.dropped).toEqual([]);
    expect(h.shown).toEqual([]);
  });

  it('open/today and open/mission on a window already loaded: asked at once', async () => {
    h = await startHarness({ platform: 'linux' });
    const mission = await withMission(h);
    h.shell.window.open();
    const window = h.windows[0];
    await eventually(() => expect(window?.webContents.isLoading()).toBe(false));
    await h.shell.remote.link('missiontray://open/today');
    await h.shell.remote.link(`missiontray://open/mission/${mission.id}`);
    expect(
      window?.webContents.sent
        .filter((s) => s.channel !== eventChannelOf('today'))
        .map((s) => [s.channel, s.value]),
    ).toEqual([
      [eventChannelOf('navigate'), 'today'],
      [eventChannelOf('showMission'), mission.id],
    ]);
    expect(h.windows).toHaveLength(1);
  });

  it('a page opening links in a loop: five wins, then one notification saying so', async () => {
    h = await startHarness({ platform: 'linux' });
    await withMission(h);
    for (let i = 0; i < 20; i++) await h.shell.remote.link('missiontray://log?mission=meetings');
    expect(h.core.today().missions[0]?.todayCount).toBe(5);
    expect(h.shown.filter((n) => n.body.startsWith('Too many Mission Tray links'))).toHaveLength(1);
    h.clock.advance(60_001);
    await h.shell.remote.link('missiontray://log?mission=meetings');
    expect(h.core.today().missions[0]?.todayCount).toBe(6);
  });
});
