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

  it('open/today and open/mission open the window on Today, the latter on the mission', async () => {
    h = await startHarness({ platform: 'win32' });
    const mission = await withMission(h);
    await h.shell.remote.link(`missiontray://open/mission/${mission.id}`);
    const window = h.windows[0];
    expect(window?.visible).toBe(true);
    expect(window?.webContents.sent.map((s) => [s.channel, s.value])).toEqual(
      expect.arrayContaining([
        [eventChannelOf('navigate'), 'today'],
        [eventChannelOf('showMission'), mission.id],
      ]),
    );
    expect(h.shown).toEqual([]);
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
