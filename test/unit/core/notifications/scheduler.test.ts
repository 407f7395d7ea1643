import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompletedMission } from '../../../../src/core/notifications/notification-plan.ts';
import type { DesktopNotification } from '../../../../src/core/notifications/notification-port.ts';
import { pausedUntilFor } from '../../../../src/core/notifications/notification-pause.ts';
import { durationLabel } from '../../../../src/core/notifications/notification-text.ts';
import { addDays, localDateOf } from '../../../../src/core/kernel/time.ts';
import type { StorePort } from '../../../../src/core/kernel/ports.ts';
import { createScheduler } from '../../../../src/core/notifications/scheduler.ts';
import { openStore } from '../../../../src/main/store/index.ts';
import type { Settings } from '../../../../src/shared/settings.ts';
import type { TodaySnapshot } from '../../../../src/shared/snapshot.ts';
import { createFakeClock } from '../../../fakes/clock.ts';
import type { FakeClock } from '../../../fakes/clock.ts';
import { allOn, mission, snapshot } from './scheduler-fixtures.ts';
import type { MilestoneSpec } from './scheduler-fixtures.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const meetings = mission('m1', 'Book 10 meetings');

let dir: string;
let stores: StorePort[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-scheduler-'));
  stores = [];
});
afterEach(async () => {
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A scheduler over a real store in the temp dir, a fake clock, and a notifier that records. */
async function setup(options: {
  clock: FakeClock;
  settings?: () => Settings;
  milestones?: () => MilestoneSpec[];
  today?: () => TodaySnapshot;
  completed?: () => CompletedMission[];
  /** How the desktop answers; by default at once. */
  answer?: () => Promise<void>;
  log?: (message: string) => void;
}) {
  const store = await openStore(dir, { clock: options.clock });
  stores.push(store);
  const shown: DesktopNotification[] = [];
  const milestones = options.milestones ?? (() => [{ by: '12:00', target: 2, count: 1 }]);
  const clock = options.clock;
  const scheduler = createScheduler({
    store,
    clock,
    settings: options.settings ?? (() => allOn()),
    today:
      options.today ??
      (() =>
        snapshot(clock.now().toISOString().slice(0, 10), clock.timeZone(), [
          { mission: meetings, milestones: milestones() },
        ])),
    completed: options.completed ?? (() => []),
    notifier: {
      show: (n) => {
        shown.push(n);
        return options.answer?.() ?? Promise.resolve();
      },
    },
    log: options.log ?? (() => undefined),
  });
  /** Closes the store, as quitting the app does. */
  const quit = async () => {
    stores.splice(stores.indexOf(store), 1);
    await store.close();
  };
  return { scheduler, shown, quit };
}

const at = (iso: string) => createFakeClock({ now: iso, timeZone: BERLIN });

describe('milestone reminders', () => {
  it('reminds an hour before the deadline, once, in words a rep reads at a glance', async () => {
    const clock = at('2026-11-23T08:00:00Z'); // 09:00 in Berlin, Monday
    const { scheduler, shown } = await setup({ clock });
    await scheduler.check(); // first run: nothing is news yet
    clock.set('2026-11-23T09:59:00Z');
    expect(await scheduler.check()).toEqual([]);
    clock.set('2026-11-23T10:00:00Z'); // 11:00 Berlin, an hour to noon
    await scheduler.check();
    clock.set('2026-11-23T10:00:30Z');
    await scheduler.check();
    expect(shown).toEqual([
      { title: 'Book 10 meetings', body: '1 of 2 meetings — 1 hour to noon' },
    ]);
  });

  it('says nothing about a milestone already met', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const { scheduler, shown } = await setup({
      clock,
      milestones: () => [{ by: '12:00', target: 2, count: 2 }],
    });
    await scheduler.check();
    clock.set('2026-11-23T10:30:00Z');
    await scheduler.check();
    expect(shown).toEqual([]);
  });

  it('honours the lead time from preferences', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const { scheduler, shown } = await setup({
      clock,
      settings: () => allOn({ reminderLeadMinutes: 30 }),
    });
    await scheduler.check();
    clock.set('2026-11-23T10:00:00Z');
    await scheduler.check();
    expect(shown).toEqual([]);
    clock.set('2026-11-23T10:30:00Z');
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual(['1 of 2 meetings — 30 minutes to noon']);
  });

  it('writes the reminder’s time in the rep’s locale: en-US says 5:00 PM, as the window does', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const { scheduler, shown } = await setup({
      clock,
      today: () => ({
        ...snapshot('2026-11-23', clock.timeZone(), [
          { mission: meetings, milestones: [{ by: '17:00', target: 1500, count: 1200 }] },
        ]),
        locale: 'en-US',
      }),
    });
    await scheduler.check();
    clock.set('2026-11-23T15:00:00Z'); // 16:00 in Berlin: an hour before 17:00
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual(['1,200 of 1,500 meetings — 1 hour to 5:00 PM']);
  });

  it('announces a milestone hit once, when the win that hits it is logged', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    let count = 1;
    const { scheduler, shown } = await setup({
      clock,
      milestones: () => [{ by: '12:00', target: 2, count }],
    });
    await scheduler.check();
    clock.set('2026-11-23T08:20:00Z');
    count = 2;
    await scheduler.check();
    await scheduler.check();
    expect(shown).toEqual([
      { title: 'Milestone hit: Book 10 meetings', body: '2 of 2 meetings by noon. Nice work.' },
    ]);
  });

  it('invites a reflection once when a mission ends short', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const ended = mission('m2', 'Call 50 leads', {
      status: 'missed',
      startDate: '2026-11-16',
      endDate: '2026-11-20',
    });
    let awaiting: (typeof ended)[] = [];
    const { scheduler, shown } = await setup({
      clock,
      today: () => snapshot('2026-11-23', BERLIN, [], awaiting),
    });
    await scheduler.check();
    awaiting = [ended];
    await scheduler.check();
    await scheduler.check();
    expect(shown.map((n) => n.title)).toEqual(['Mission ended: Call 50 leads']);
    expect(shown[0]?.body).toMatch(/what to try next/);
  });
});

describe('a mission that meets its target', () => {
  it('congratulates once when the win that reaches the target is logged, also after a restart', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    let wins = 9;
    const today = () =>
      snapshot('2026-11-23', BERLIN, [
        {
          mission: meetings,
          milestones: [{ by: '12:00', target: 2, count: wins - 8 }],
          total: wins,
        },
      ]);
    const first = await setup({ clock, today });
    await first.scheduler.check();
    clock.set('2026-11-23T08:20:00Z');
    wins = 10; // also hits the noon milestone: one notification says it all
    await first.scheduler.check();
    await first.scheduler.check();
    expect(first.shown).toEqual([
      {
        title: 'Target reached: Book 10 meetings',
        body: '10 of 10 meetings. Well done — anything more is a bonus.',
      },
    ]);
    await first.quit();

    clock.set('2026-11-23T08:30:00Z');
    const second = await setup({ clock, today });
    expect(await second.scheduler.check()).toEqual([]);
  });

  it('met late on Friday evening, says so once on Monday morning, not in quiet hours or the weekend', async () => {
    const clock = at('2026-11-27T17:00:00Z'); // Friday 18:00 Berlin, the mission's last day
    const week = mission('m1', 'Book 10 meetings', {
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      workingDays: [1, 2, 3, 4, 5],
    });
    let total = 9;
    const ended = () => localDateOf(clock.now(), BERLIN) > week.endDate;
    const { scheduler, shown } = await setup({
      clock,
      settings: () =>
        allOn({
          workingDays: [1, 2, 3, 4, 5],
          quietHours: { enabled: true, start: '19:00', end: '08:00' },
        }),
      today: () =>
        snapshot(
          localDateOf(clock.now(), BERLIN),
          BERLIN,
          ended() ? [] : [{ mission: week, milestones: [], total }],
        ),
      completed: () => (ended() ? [{ mission: { ...week, status: 'completed' }, total }] : []),
    });
    await scheduler.check();
    clock.set('2026-11-27T18:30:00Z'); // 19:30, quiet hours: the tenth meeting is booked
    total = 10;
    await scheduler.check();
    for (const t of ['2026-11-27T23:00:30Z', '2026-11-28T09:00:00Z', '2026-11-30T06:59:00Z']) {
      clock.set(t); // the mission settles at midnight; Saturday is a day off; Monday 07:59 quiet
      await scheduler.check();
    }
    expect(shown).toEqual([]);
    clock.set('2026-11-30T07:00:00Z'); // Monday 08:00
    await scheduler.check();
    clock.set('2026-11-30T08:00:00Z');
    await scheduler.check();
    expect(shown).toEqual([
      {
        title: 'Mission complete: Book 10 meetings',
        body: '10 of 10 meetings. You hit your target — well done.',
      },
    ]);
  });

  it('does not congratulate again when a long mission ends, weeks after its target was reached', async () => {
    const clock = at('2026-11-23T10:00:00Z');
    const long = mission('m1', 'Book 10 meetings', {
      startDate: '2026-11-23',
      endDate: '2026-12-31',
    });
    const today = () => localDateOf(clock.now(), BERLIN);
    const running = () => today() <= long.endDate;
    const total = () => (today() === long.startDate ? 9 : 12); // met on the second day
    const { scheduler, shown } = await setup({
      clock,
      today: () =>
        snapshot(
          today(),
          BERLIN,
          // The noon reminder every day keeps the fired set written (and pruned).
          running()
            ? [
                {
                  mission: long,
                  milestones: [{ by: '12:00', target: 2, count: 1 }],
                  total: total(),
                },
              ]
            : [],
        ),
      completed: () =>
        running() ? [] : [{ mission: { ...long, status: 'completed' }, total: 12 }],
    });
    await scheduler.check(); // first run
    for (let day = '2026-11-24'; day <= '2027-01-02'; day = addDays(day, 1)) {
      clock.set(`${day}T10:00:00Z`);
      await scheduler.check();
    }
    const news = shown.filter((n) => !n.body.includes('to noon')).map((n) => n.title);
    expect(news).toEqual(['Target reached: Book 10 meetings']);
    expect(shown.filter((n) => n.body.includes('to noon'))).toHaveLength(38);
  });

  it('invites the reflection in the morning when a mission ends short at midnight, in quiet hours', async () => {
    const clock = at('2026-11-27T22:00:00Z'); // Friday 23:00 Berlin
    const short = mission('m2', 'Call 50 leads', {
      status: 'missed',
      startDate: '2026-11-23',
      endDate: '2026-11-27',
    });
    let awaiting: (typeof short)[] = [];
    const { scheduler, shown } = await setup({
      clock,
      settings: () => allOn({ quietHours: { enabled: true, start: '19:00', end: '08:00' } }),
      today: () => snapshot(localDateOf(clock.now(), BERLIN), BERLIN, [], awaiting),
    });
    await scheduler.check();
    clock.set('2026-11-27T23:00:30Z'); // Saturday 00:00:30: the mission settled short
    awaiting = [short];
    await scheduler.check();
    expect(shown).toEqual([]);
    clock.set('2026-11-28T07:00:00Z'); // 08:00, quiet hours over
    await scheduler.check();
    expect(shown.map((n) => n.title)).toEqual(['Mission ended: Call 50 leads']);
  });

  it('says nothing of a met target when milestone and mission-end notifications are off', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const done = mission('m3', 'Send 5 follow-ups', {
      metric: { kind: 'follow-ups' },
      target: 5,
      status: 'completed',
      startDate: '2026-11-16',
      endDate: '2026-11-20',
    });
    let met = false;
    const { scheduler, shown } = await setup({
      clock,
      settings: () =>
        allOn({ notify: { ...allOn().notify, milestoneHit: false, missionEnded: false } }),
      today: () =>
        snapshot('2026-11-23', BERLIN, [
          { mission: meetings, milestones: [], total: met ? 10 : 9 },
        ]),
      completed: () => (met ? [{ mission: done, total: 6 }] : []),
    });
    await scheduler.check();
    clock.set('2026-11-23T09:00:00Z');
    met = true;
    await scheduler.check();
    expect(shown).toEqual([]);
  });
});

describe('time left, in words', () => {
  it('says "1 hour" even when the check runs a little late, and exact minutes near the end', () => {
    expect([59.6, 58.8, 45, 90, 120, 14, 1, 0].map(durationLabel)).toEqual([
      '1 hour',
      '1 hour',
      '45 minutes',
      '1 h 30 min',
      '2 hours',
      '14 minutes',
      '1 minute',
      '0 minutes',
    ]);
  });
});

describe('sleep, restart and resume', () => {
  it('after sleeping across a deadline, shows one summary instead of a stale reminder', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const { scheduler, shown } = await setup({
      clock,
      milestones: () => [
        { by: '12:00', target: 2, count: 1 },
        { by: '14:00', target: 3, count: 1 },
      ],
    });
    await scheduler.check();
    clock.set('2026-11-23T14:30:00Z'); // lid opened at 15:30 Berlin: both deadlines passed
    await scheduler.check();
    expect(shown).toEqual([
      {
        title: 'While you were away',
        body: '2 milestones passed: 1 of 2 meetings by noon (Book 10 meetings); 1 of 3 meetings by 14:00 (Book 10 meetings)',
      },
    ]);
    clock.set('2026-11-23T14:31:00Z');
    expect(await scheduler.check()).toEqual([]);
  });

  it('lists every milestone that passed in the sleep, those reminded before it too', async () => {
    const clock = at('2026-11-23T07:00:00Z'); // 08:00 Berlin
    const { scheduler, shown } = await setup({
      clock,
      milestones: () => [
        { by: '10:00', target: 1, count: 0 },
        { by: '10:30', target: 2, count: 0 },
        { by: '13:00', target: 3, count: 0 },
        { by: '14:00', target: 4, count: 0 },
      ],
    });
    await scheduler.check();
    // 09:45 Berlin: the reminders for 10:00 and 10:30 were shown; then the lid closed.
    clock.set('2026-11-23T08:45:00Z');
    await scheduler.check();
    const before = shown.length;
    expect(before).toBe(2);
    clock.set('2026-11-23T14:30:00Z'); // lid opened at 15:30: all four deadlines passed
    await scheduler.check();
    expect(shown.slice(before)).toEqual([
      {
        title: 'While you were away',
        body:
          '4 milestones passed: 0 of 1 meeting by 10:00 (Book 10 meetings); 0 of 2 meetings by 10:30 (Book 10 meetings); ' +
          '0 of 3 meetings by 13:00 (Book 10 meetings); 0 of 4 meetings by 14:00 (Book 10 meetings)',
      },
    ]);
  });

  it('does not repeat a reminder after a restart', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const first = await setup({ clock });
    await first.scheduler.check();
    clock.set('2026-11-23T10:05:00Z');
    await first.scheduler.check();
    expect(first.shown).toHaveLength(1);
    await first.quit();

    clock.set('2026-11-23T10:06:00Z');
    const second = await setup({ clock });
    expect(await second.scheduler.check()).toEqual([]);
  });

  it('fires once when resume and unlock both trigger a check at the same moment', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const { scheduler, shown } = await setup({ clock });
    await scheduler.check();
    clock.set('2026-11-23T10:10:00Z');
    await Promise.all([scheduler.check(), scheduler.check(), scheduler.check()]);
    expect(shown.map((n) => n.body)).toEqual(['1 of 2 meetings — 50 minutes to noon']);
  });

  it('does not repeat when the system clock is set back and forward again', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const { scheduler, shown } = await setup({ clock });
    await scheduler.check();
    clock.set('2026-11-23T10:00:00Z');
    await scheduler.check();
    clock.set('2026-11-23T09:00:00Z');
    await scheduler.check();
    clock.set('2026-11-23T10:20:00Z');
    await scheduler.check();
    expect(shown).toHaveLength(1);
  });

  it('on the very first run, does not announce what was due before the app started', async () => {
    const clock = at('2026-11-23T14:30:00Z');
    const { scheduler, shown } = await setup({ clock });
    expect(await scheduler.check()).toEqual([]);
    expect(shown).toEqual([]);
  });

  it('collapses many notifications due at once into one', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const missions = ['a', 'b', 'c', 'd'].map((id) => mission(id, `Mission ${id}`));
    const { scheduler, shown } = await setup({
      clock,
      today: () =>
        snapshot(
          '2026-11-23',
          BERLIN,
          missions.map((m) => ({ mission: m, milestones: [{ by: '12:00', target: 2, count: 0 }] })),
        ),
    });
    await scheduler.check();
    clock.set('2026-11-23T10:00:00Z');
    await scheduler.check();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.body.split('\n')).toHaveLength(4);
  });

  it('keeps working when the desktop refuses a notification', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const logged: string[] = [];
    const { scheduler } = await setup({
      clock,
      answer: () => Promise.reject(new Error('no notification server')),
      log: (message) => logged.push(message),
    });
    await scheduler.check();
    clock.set('2026-11-23T10:00:00Z');
    await expect(scheduler.check()).resolves.toHaveLength(1);
    await vi.waitFor(() =>
      expect(logged).toEqual(['Could not show the notification "Book 10 meetings"']),
    );
  });

  it('does not hold the next notification while one waits for a click (macOS, Windows)', async () => {
    const clock = at('2026-11-23T08:00:00Z'); // 09:00 Berlin
    const { scheduler, shown } = await setup({
      clock,
      milestones: () => [
        { by: '11:00', target: 1, count: 0 },
        { by: '12:00', target: 2, count: 0 },
      ],
      // Answers only when the rep clicks or the notification times out: here, never.
      answer: () => new Promise<void>(() => undefined),
    });
    await scheduler.check();
    clock.set('2026-11-23T09:00:00Z'); // 10:00: the 11:00 reminder
    await scheduler.check();
    clock.set('2026-11-23T10:00:00Z'); // 11:00: the noon reminder, while the first still waits
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual([
      '0 of 1 meeting — 1 hour to 11:00',
      '0 of 2 meetings — 1 hour to noon',
    ]);
  });
});

describe('quiet hours, pause and days off', () => {
  it('stays quiet during quiet hours and does not catch up afterwards', async () => {
    const clock = at('2026-11-23T08:00:00Z');
    const { scheduler, shown } = await setup({
      clock,
      settings: () => allOn({ quietHours: { enabled: true, start: '19:00', end: '08:00' } }),
      milestones: () => [{ by: '20:00', target: 2, count: 1 }],
    });
    await scheduler.check();
    clock.set('2026-11-23T18:00:00Z'); // 19:00 Berlin: reminder due, quiet hours start
    await scheduler.check();
    clock.set('2026-11-23T18:30:00Z');
    await scheduler.check();
    expect(shown).toEqual([]);
  });

  it('stays quiet while paused, and reminds again once the pause ends', async () => {
    const clock = at('2026-11-23T07:00:00Z'); // 08:00 Berlin
    const settings = allOn({ pausedUntil: pausedUntilFor('1h', clock.now(), BERLIN) });
    const { scheduler, shown } = await setup({
      clock,
      settings: () => settings,
      milestones: () => [
        { by: '09:30', target: 1, count: 0 },
        { by: '12:00', target: 2, count: 0 },
      ],
    });
    await scheduler.check();
    clock.set('2026-11-23T07:45:00Z'); // the 09:30 reminder is due, but paused until 09:00
    await scheduler.check();
    expect(shown).toEqual([]);
    // Awake when 09:30 passes (the shell checks every minute): the pause kept its reminder quiet,
    // and a deadline passing in front of the rep is not "while you were away".
    clock.set('2026-11-23T08:31:00Z');
    await scheduler.check();
    clock.set('2026-11-23T10:00:00Z'); // pause over; the noon reminder is due
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual(['0 of 2 meetings — 1 hour to noon']);
  });

  it('pauses until tomorrow begins where the rep is', () => {
    expect(pausedUntilFor('tomorrow', new Date('2026-11-23T22:30:00Z'), BERLIN)).toBe(
      '2026-11-23T23:00:00.000Z',
    );
    expect(pausedUntilFor('tomorrow', new Date('2026-11-23T22:30:00Z'), NEW_YORK)).toBe(
      '2026-11-24T05:00:00.000Z',
    );
    expect(pausedUntilFor('resume', new Date(), BERLIN)).toBeNull();
  });

  it('says nothing on a day that is not a working day in preferences', async () => {
    const clock = at('2026-11-28T08:00:00Z'); // Saturday
    const { scheduler, shown } = await setup({
      clock,
      settings: () => allOn({ workingDays: [1, 2, 3, 4, 5] }),
    });
    await scheduler.check();
    clock.set('2026-11-28T10:00:00Z');
    await scheduler.check();
    expect(shown).toEqual([]);
  });

  it('says nothing on a day the rep paused, and reminds again the next day', async () => {
    const clock = at('2026-11-24T07:00:00Z'); // Tuesday 08:00, paused
    const { scheduler, shown } = await setup({
      clock,
      today: () => {
        const date = localDateOf(clock.now(), BERLIN);
        const day = snapshot(date, BERLIN, [
          { mission: meetings, milestones: [{ by: '12:00', target: 2, count: 0 }] },
        ]);
        return { ...day, paused: date === '2026-11-24' };
      },
    });
    await scheduler.check();
    clock.set('2026-11-24T10:00:00Z'); // 11:00: the noon reminder would be due
    await scheduler.check();
    expect(shown).toEqual([]);
    clock.set('2026-11-25T10:00:00Z'); // Wednesday 11:00, not paused
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual(['0 of 2 meetings — 1 hour to noon']);
  });
});

describe('daylight saving days', () => {
  it('Europe/Berlin spring forward: the noon reminder comes at 11:00 summer time', async () => {
    const clock = at('2026-03-29T00:30:00Z'); // 01:30 CET, before the change at 02:00
    const { scheduler, shown } = await setup({ clock });
    await scheduler.check();
    clock.set('2026-03-29T08:59:00Z'); // 10:59 CEST
    await scheduler.check();
    expect(shown).toEqual([]);
    clock.set('2026-03-29T09:00:00Z'); // 11:00 CEST
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual(['1 of 2 meetings — 1 hour to noon']);
  });

  it('America/New_York fall back: reminder and morning plan keep local wall-clock times', async () => {
    const clock = createFakeClock({ now: '2026-11-01T04:30:00Z', timeZone: NEW_YORK }); // 00:30 EDT
    const { scheduler, shown } = await setup({
      clock,
      settings: () =>
        allOn({ notify: { ...allOn().notify, morningPlan: true }, morningPlanAt: '09:00' }),
      today: () =>
        snapshot('2026-11-01', NEW_YORK, [
          { mission: meetings, milestones: [{ by: '12:00', target: 2, count: 0 }] },
        ]),
    });
    await scheduler.check();
    clock.set('2026-11-01T13:59:00Z'); // 08:59 EST (the hour 01:00–02:00 happened twice)
    await scheduler.check();
    expect(shown).toEqual([]);
    clock.set('2026-11-01T14:00:00Z'); // 09:00 EST
    await scheduler.check();
    clock.set('2026-11-01T16:00:00Z'); // 11:00 EST
    await scheduler.check();
    expect(shown).toEqual([
      { title: "Today's plan", body: 'Book 10 meetings: 0 of 2 meetings by noon' },
      { title: 'Book 10 meetings', body: '0 of 2 meetings — 1 hour to noon' },
    ]);
  });

  it('America/New_York spring forward: the end-of-day milestone ends at local midnight', async () => {
    const clock = createFakeClock({ now: '2026-03-08T05:30:00Z', timeZone: NEW_YORK }); // 00:30 EST
    const { scheduler, shown } = await setup({
      clock,
      today: () =>
        snapshot('2026-03-08', NEW_YORK, [
          { mission: meetings, milestones: [{ by: null, target: 3, count: 1 }] },
        ]),
    });
    await scheduler.check();
    clock.set('2026-03-09T02:59:00Z'); // 22:59 EDT
    await scheduler.check();
    expect(shown).toEqual([]);
    clock.set('2026-03-09T03:00:00Z'); // 23:00 EDT: an hour to midnight
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual(['1 of 3 meetings — 1 hour to end of day']);
  });

  it('Europe/Berlin fall back: the 09:00 reminder comes at 08:00 winter time, as quiet hours end', async () => {
    const clock = at('2026-10-25T05:00:00Z'); // 06:00 CET, after the change
    const { scheduler, shown } = await setup({
      clock,
      settings: () => allOn({ quietHours: { enabled: true, start: '19:00', end: '08:00' } }),
      milestones: () => [{ by: '09:00', target: 1, count: 0 }],
    });
    await scheduler.check();
    clock.set('2026-10-25T06:59:00Z'); // 07:59 CET: quiet; the 09:00 reminder is due at 08:00
    await scheduler.check();
    expect(shown).toEqual([]);
    clock.set('2026-10-25T07:00:00Z'); // 08:00 CET: quiet hours over
    await scheduler.check();
    expect(shown.map((n) => n.body)).toEqual(['0 of 1 meeting — 1 hour to 09:00']);
  });
});
