// Time off through the real core and store, with a fake clock: days marked ahead mute reminders,
// keep the streak and leave pace, through the week Berlin leaves summer time (Sunday 25 October
// 2026, 03:00 CEST → 02:00 CET); spreading the plans; the past staying as it was; old stores.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissionTrayError } from '../../../src/core/kernel/errors.ts';
import { instantOf } from '../../../src/core/kernel/time.ts';
import type { MissionTrayCore } from '../../../src/core/mission-tray.ts';
import type { DesktopNotification } from '../../../src/core/notifications/notification-port.ts';
import { createScheduler } from '../../../src/core/notifications/scheduler.ts';
import { LogWinInput, MissionDraft } from '../../../src/shared/mission.ts';
import { MarkTimeOffInput } from '../../../src/shared/time-off.ts';
import { createFakeClock, type FakeClock } from '../../fakes/clock.ts';
import { allOn } from './notifications/scheduler-fixtures.ts';
import { fillableDisk, onDisk, openCore, tempDir, weekDraft } from './core-fixture.ts';

const BERLIN = 'Europe/Berlin';
const local = (date: string, time: string) => instantOf(date, time, BERLIN).toISOString();

/** Book 20 meetings over the two weeks around the change: 2 a day, 1 by noon and 2 by 17:00. */
const twoWeeks = () =>
  MissionDraft.parse(
    weekDraft({
      title: 'Book 20 meetings',
      target: 20,
      startDate: '2026-10-19',
      endDate: '2026-10-30',
    }),
  );

const WORKING_DAYS = [
  '2026-10-19',
  '2026-10-20',
  '2026-10-21',
  '2026-10-22',
  '2026-10-23',
  '2026-10-26',
  '2026-10-27',
  '2026-10-28',
  '2026-10-29',
  '2026-10-30',
];

async function setUp(clock: FakeClock, dir?: string) {
  const data = dir ?? (await tempDir());
  const opened = await openCore(data, clock);
  const shown: DesktopNotification[] = [];
  const scheduler = createScheduler({
    store: opened.store,
    clock,
    settings: () => allOn({ workingDays: [1, 2, 3, 4, 5] }),
    today: () => opened.core.today(),
    completed: () => opened.core.recentlyCompleted(),
    notifier: { show: async (n) => void shown.push(n) },
    log: () => undefined,
  });
  return { ...opened, dir: data, shown, scheduler };
}

const log = (core: MissionTrayCore, missionId: string, amount: number) =>
  core.handlers.wins.log(LogWinInput.parse({ missionId, amount, source: 'tray' }));

describe('time off planned ahead, through the week summer time ends in Berlin', () => {
  it('on the days off: no reminder, the streak kept, pace leaves them out', async () => {
    const clock = createFakeClock({ now: local('2026-10-19', '08:00'), timeZone: BERLIN });
    const app = await setUp(clock);
    const mission = await app.core.handlers.missions.create(twoWeeks());
    await app.scheduler.check(); // the first check: what was due before is not news
    // Monday: Friday 23 and Monday 26 (the weekend between) are a holiday; the plans stay.
    await app.core.handlers.missions.markTimeOff(
      MarkTimeOffInput.parse({
        from: '2026-10-23',
        to: '2026-10-26',
        kind: 'holiday',
        spread: false,
      }),
    );

    const away = new Set(['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26']);
    const paceAt13: Record<string, { expected: number; delta: number }> = {};
    const streakAtEnd: Record<string, number> = {};
    for (const date of WORKING_DAYS) {
      const shownBefore = app.shown.length;
      const at = async (time: string) => {
        clock.set(local(date, time));
        await app.core.tick();
        await app.scheduler.check();
      };
      await at('09:00');
      await at('10:55');
      expect(app.shown.length, `${date}: nothing is due before 11:00`).toBe(shownBefore);
      await at('11:05');
      if (away.has(date)) {
        expect(app.core.today()).toMatchObject({ paused: true, status: 'idle' });
      } else {
        // The noon milestone's reminder, an hour ahead in the day's own offset (CEST, then CET).
        expect(app.shown.at(-1)?.body, date).toMatch(/noon|12:00/);
        await log(app.core, mission.id, 2);
      }
      await at('13:00');
      const { pace } = app.core.today().missions[0] ?? { pace: null };
      if (pace)
        paceAt13[date] = { expected: Math.round(pace.expected * 10) / 10, delta: pace.delta };
      await at('16:05');
      await at('17:30');
      await at('23:00');
      streakAtEnd[date] = app.core.today().streak.current;
      if (away.has(date)) {
        expect(app.shown.slice(shownBefore), `${date} is a holiday: nothing shown`).toEqual([]);
      }
    }

    // Pace: the days off expect nothing — on pace all along, never "behind by 2" after a holiday.
    expect(paceAt13['2026-10-22']).toEqual({ expected: 7.2, delta: 1 });
    expect(paceAt13['2026-10-23']).toEqual({ expected: 8, delta: 0 });
    expect(paceAt13['2026-10-26']).toEqual({ expected: 8, delta: 0 });
    expect(paceAt13['2026-10-27']).toEqual({ expected: 9.2, delta: 1 });
    // The streak: 4 days before the holiday, kept through it (missed milestones and all), 10 after.
    expect(streakAtEnd['2026-10-22']).toBe(4);
    expect(streakAtEnd['2026-10-23']).toBe(4);
    expect(streakAtEnd['2026-10-26']).toBe(4);
    expect(streakAtEnd['2026-10-27']).toBe(5);
    expect(streakAtEnd['2026-10-30']).toBe(8);
    // The plan was kept: the mission expected less and ended with 16 of 20.
    expect(app.core.today().missions[0]?.total).toBe(16);
  });

  it('spreads what the days off asked over the working days left, kept across a restart', async () => {
    const clock = createFakeClock({ now: local('2026-10-19', '10:00'), timeZone: BERLIN });
    const first = await setUp(clock);
    const mission = await first.core.handlers.missions.create(twoWeeks());
    await first.core.handlers.missions.markTimeOff(
      MarkTimeOffInput.parse({
        from: '2026-10-23',
        to: '2026-10-26',
        kind: 'training',
        spread: true,
      }),
    );
    const counts = (plan: { date: string; checkpoints: { count: number }[] }[]) =>
      Object.fromEntries(plan.map((d) => [d.date, d.checkpoints.at(-1)?.count]));
    const expected = {
      '2026-10-19': 2, // today keeps its milestones
      '2026-10-20': 3,
      '2026-10-21': 3,
      '2026-10-22': 3,
      '2026-10-23': 0,
      '2026-10-26': 0,
      '2026-10-27': 3,
      '2026-10-28': 2,
      '2026-10-29': 2,
      '2026-10-30': 2,
    };
    expect(counts(first.core.today().missions[0]?.mission.plan ?? [])).toEqual(expected);
    const doc = await onDisk.missions(first.dir);
    expect(doc.timeOff.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2026-10-23 training',
      '2026-10-24 training',
      '2026-10-25 training',
      '2026-10-26 training',
    ]);
    expect(counts(doc.missions[0]?.plan ?? [])).toEqual(expected);
    // The re-planned mission is a change like any other: a new sequence number, so sync sends it.
    expect(doc.missions[0]?.seq).toBeGreaterThan(mission.seq);
    expect(doc.lastSeq).toBe(doc.missions[0]?.seq);
    await first.close();

    // Reopened on Thursday after DST ended: the same days off, the same plan.
    clock.set(local('2026-10-26', '09:00'));
    const second = await setUp(clock, first.dir);
    expect(second.core.today()).toMatchObject({ paused: true, status: 'idle' });
    expect(counts(second.core.today().missions[0]?.mission.plan ?? [])).toEqual(expected);

    // Back to work on Monday 26 after all: cleared, and the plan spread again with it.
    const back = await second.core.handlers.missions.clearTimeOff({
      from: '2026-10-26',
      to: '2026-10-26',
      spread: true,
    });
    expect(back.paused).toBe(false);
    expect(back.timeOff).toEqual([]);
    const after = counts(back.missions[0]?.mission.plan ?? []);
    // Monday 26 keeps its 0 (today keeps its plan); the 8 planned after it: 3, 3, 2.
    expect(after).toMatchObject({ '2026-10-23': 0, '2026-10-26': 0, '2026-10-27': 3 });
    expect(Object.values(after).reduce((a = 0, b = 0) => a + b, 0)).toBe(20);
  });
});

describe('the past stays as it was', () => {
  it('refuses a change that reaches before today, in words, and writes nothing', async () => {
    const clock = createFakeClock({ now: local('2026-10-21', '09:00'), timeZone: BERLIN });
    const app = await setUp(clock);
    await app.core.handlers.missions.create(
      MissionDraft.parse(weekDraft({ startDate: '2026-10-21', endDate: '2026-10-30' })),
    );
    await app.core.handlers.missions.markTimeOff(
      MarkTimeOffInput.parse({
        from: '2026-10-22',
        to: '2026-10-23',
        kind: 'field',
        spread: false,
      }),
    );
    // A week later: Thursday 22 and Friday 23 are the past now.
    clock.set(local('2026-10-27', '09:00'));
    await app.core.tick();
    const before = await readFile(join(app.dir, 'missions.json'), 'utf8');
    const writes = app.writes.get('missions');
    for (const attempt of [
      () =>
        app.core.handlers.missions.clearTimeOff({
          from: '2026-10-22',
          to: '2026-10-23',
          spread: false,
        }),
      () =>
        app.core.handlers.missions.markTimeOff({
          from: '2026-10-26',
          to: '2026-10-28',
          kind: 'holiday',
          spread: true,
        }),
      () =>
        app.core.handlers.missions.clearTimeOff({
          from: '2026-10-20',
          to: '2026-10-30',
          spread: true,
        }),
    ]) {
      const error: unknown = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissionTrayError);
      expect(error).toMatchObject({ code: 'invalid', path: ['from'] });
      expect(String((error as Error).message)).toContain('the past stays as it was');
    }
    expect(app.writes.get('missions')).toBe(writes);
    expect(await readFile(join(app.dir, 'missions.json'), 'utf8')).toBe(before);
    expect(app.core.today().timeOff).toEqual([]);
    expect((await onDisk.missions(app.dir)).timeOff.map((d) => d.date)).toEqual([
      '2026-10-22',
      '2026-10-23',
    ]);
    // From today on is allowed.
    const today = await app.core.handlers.missions.markTimeOff({
      from: '2026-10-27',
      to: '2026-10-27',
      kind: 'sick',
      spread: false,
    });
    expect(today).toMatchObject({ paused: true, timeOff: [{ date: '2026-10-27', kind: 'sick' }] });
  });

  it('the tray’s pause of a day marked ahead keeps its kind, and Unpause clears it', async () => {
    const clock = createFakeClock({ now: local('2026-10-21', '09:00'), timeZone: BERLIN });
    const app = await setUp(clock);
    await app.core.handlers.missions.markTimeOff({
      from: '2026-10-21',
      to: '2026-10-22',
      kind: 'training',
      spread: false,
    });
    const paused = await app.core.handlers.missions.pauseToday({ paused: true });
    expect(paused.timeOff[0]).toEqual({ date: '2026-10-21', kind: 'training' });
    const unpaused = await app.core.handlers.missions.pauseToday({ paused: false });
    expect(unpaused).toMatchObject({
      paused: false,
      timeOff: [{ date: '2026-10-22', kind: 'training' }],
    });
  });
});

describe('time off in the store', () => {
  it('a store from before time off opens with its paused days as days away', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'missions.json'),
      JSON.stringify({
        schemaVersion: 2,
        missions: [],
        pausedDays: ['2026-10-21', '2026-10-19', '2026-10-21'],
        lastSeq: 0,
      }),
    );
    const clock = createFakeClock({ now: local('2026-10-21', '09:00'), timeZone: BERLIN });
    const app = await setUp(clock, dir);
    expect(app.core.today()).toMatchObject({
      paused: true,
      timeOff: [{ date: '2026-10-21', kind: 'away' }],
    });
    await app.core.handlers.missions.markTimeOff({
      from: '2026-10-22',
      to: '2026-10-22',
      kind: 'holiday',
      spread: false,
    });
    const doc = await onDisk.missions(dir);
    expect(doc.timeOff).toEqual([
      { date: '2026-10-19', kind: 'away' },
      { date: '2026-10-21', kind: 'away' },
      { date: '2026-10-22', kind: 'holiday' },
    ]);
    expect(JSON.parse(await readFile(join(dir, 'missions.json'), 'utf8'))).not.toHaveProperty(
      'pausedDays',
    );
  });

  it('a write the disk refuses changes nothing, in memory or on disk', async () => {
    const dir = await tempDir();
    const disk = fillableDisk();
    const clock = createFakeClock({ now: local('2026-10-19', '09:00'), timeZone: BERLIN });
    const { core } = await openCore(dir, clock, disk.fs);
    await core.handlers.missions.create(twoWeeks());
    const before = await readFile(join(dir, 'missions.json'), 'utf8');
    disk.full = true;
    await expect(
      core.handlers.missions.markTimeOff({
        from: '2026-10-20',
        to: '2026-10-21',
        kind: 'holiday',
        spread: true,
      }),
    ).rejects.toMatchObject({ code: 'storage' });
    disk.full = false;
    expect(core.today().timeOff).toEqual([]);
    expect(core.today().missions[0]?.mission.plan[1]?.checkpoints.at(-1)?.count).toBe(2);
    expect(await readFile(join(dir, 'missions.json'), 'utf8')).toBe(before);
  });
});
