// The core service over the real store in a temp directory, with a fake clock. Zones are passed
// through the clock; the process runs in a third zone to show results never depend on it.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissionTrayError, StorageError } from '../../../src/core/kernel/errors.ts';
import type { MissionTrayCore } from '../../../src/core/mission-tray.ts';
import { LogWinInput, MissionDraft, ReflectionInput } from '../../../src/shared/mission.ts';
import type { MissionDraft as Draft } from '../../../src/shared/mission.ts';
import { SuggestInput } from '../../../src/shared/ipc.ts';
import { TODAY_LOG_LIMIT } from '../../../src/shared/snapshot.ts';
import { createFakeClock } from '../../fakes/clock.ts';
import { berlinClock, fillableDisk, onDisk, openCore, tempDir, weekDraft } from './core-fixture.ts';

const HOUR = 3_600_000;
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Tokyo';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const create = (core: MissionTrayCore, over: Partial<Draft> = {}) =>
  core.handlers.missions.create(MissionDraft.parse(weekDraft(over)));
const log = (core: MissionTrayCore, missionId: string, amount = 1, note?: string) =>
  core.handlers.wins.log(LogWinInput.parse({ missionId, amount, note, source: 'tray' }));

describe('a rep’s day', () => {
  it('plans a mission, logs wins and shows counts, milestones and pace', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T07:00:00Z'); // Monday 08:00 Berlin
    const { core } = await openCore(dir, clock);

    const mission = await create(core);
    expect(mission.plan.map((d) => d.checkpoints)).toEqual(
      Array(5).fill([
        { count: 1, by: '12:00' },
        { count: 2, by: '17:00' },
      ]),
    );
    let snap = core.today();
    expect(snap.today).toBe('2026-11-23');
    expect(snap.status).toBe('on-track');
    expect(snap.missions[0]?.pace.label).toBe('on pace');

    clock.set('2026-11-23T08:30:00Z'); // 09:30
    snap = await log(core, mission.id);
    const view = snap.missions[0];
    expect(view).toMatchObject({ total: 1, todayCount: 1, todayTarget: 2, workingDaysLeft: 5 });
    expect(view?.milestones.map((m) => `${m.by} ${m.count}/${m.target} ${m.state}`)).toEqual([
      '12:00 1/1 done',
      '17:00 1/2 on-track',
    ]);
    expect(view?.pace.label).toBe('ahead by 1');
    expect(snap.lastWin).toMatchObject({ missionTitle: 'Book 10 meetings', amount: 1 });

    clock.set('2026-11-23T15:30:00Z'); // 16:30, the second milestone still open
    expect(core.today().missions[0]?.milestones[1]?.state).toBe('at-risk');
    expect(core.today().missions[0]?.pace.label).toBe('behind by 1');
    expect(core.today().status).toBe('behind');
    snap = await log(core, mission.id);
    expect(snap.status).toBe('done');
    expect(snap.streak).toEqual({ current: 1, best: 1 });
  });

  it('writes only today’s partition when logging a win', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const { core, writes } = await openCore(dir, clock);
    const mission = await create(core);
    writes.clear();
    await log(core, mission.id, 2, 'Acme');
    await log(core, mission.id);
    expect([...writes]).toEqual([['wins/2026/2026-11-23', 2]]);
    const day = await onDisk.day(dir, '2026-11-23');
    expect(day.wins.map((w) => [w.amount, w.note])).toEqual([
      [2, 'Acme'],
      [1, undefined],
    ]);
  });

  it('undoes the last win, one at a time, and says when there is none', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const { core } = await openCore(dir, clock);
    await expect(core.handlers.wins.undo(undefined)).rejects.toThrow('There is no win to undo.');
    const mission = await create(core);
    await log(core, mission.id, 1);
    clock.advance(60_000);
    await log(core, mission.id, 3);
    let snap = await core.handlers.wins.undo(undefined);
    expect(snap.missions[0]?.total).toBe(1);
    expect(snap.lastWin?.amount).toBe(1);
    snap = await core.handlers.wins.undo(undefined);
    expect(snap.missions[0]?.total).toBe(0);
    expect(snap.lastWin).toBeNull();
    expect((await onDisk.day(dir, '2026-11-23')).wins).toEqual([]);
  });

  it('pushes a new snapshot to subscribers after every change', async () => {
    const dir = await tempDir();
    const { core } = await openCore(dir, berlinClock('2026-11-23T08:00:00Z'));
    const seen: number[] = [];
    const unsubscribe = core.subscribe((s) => seen.push(s.missions[0]?.total ?? -1));
    const mission = await create(core);
    await log(core, mission.id, 2);
    unsubscribe();
    await log(core, mission.id);
    expect(seen).toEqual([0, 2]);
  });
});

describe('today’s log', () => {
  it('lists the latest wins with their notes, newest first, at most 50 of a busy day', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const { core } = await openCore(dir, clock);
    const mission = await create(core, { target: 200 });
    await log(core, mission.id, 3, 'Acme, Globex, Initech');
    expect(core.today().wins).toMatchObject([
      { missionId: mission.id, amount: 3, note: 'Acme, Globex, Initech' },
    ]);
    for (let i = 0; i < 59; i++) {
      clock.advance(60_000);
      await log(core, mission.id);
    }
    const snap = core.today();
    expect(snap.missions[0]?.todayCount).toBe(62);
    expect(snap.wins).toHaveLength(TODAY_LOG_LIMIT);
    expect(snap.wins[0]?.at).toBe('2026-11-23T08:59:00.000Z');
    await core.handlers.wins.undo(undefined);
    expect(core.today().wins[0]?.at).toBe('2026-11-23T08:58:00.000Z');
  });
});

describe('ticks', () => {
  it('push a snapshot only when what the rep sees changed', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T07:00:00Z'); // 08:00
    const { core } = await openCore(dir, clock);
    const mission = await create(core, { deadlines: ['12:00'], target: 10 });
    await log(core, mission.id);
    const seen: string[] = [];
    core.subscribe((s) => seen.push(`${s.missions[0]?.milestones[0]?.state} ${s.status}`));
    await core.tick();
    await core.tick();
    expect(seen).toEqual([]);
    clock.set('2026-11-23T10:30:00Z'); // 11:30: the noon milestone is at risk
    await core.tick();
    clock.set('2026-11-23T11:00:00Z'); // 12:00: missed
    await core.tick();
    await core.tick();
    expect(seen).toEqual(['at-risk behind', 'missed behind']);
  });
});

describe('days passing', () => {
  it('folds closed days into the summary and keeps the streak across a weekend', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z'); // Monday 09:00
    const { core, writes } = await openCore(dir, clock);
    const mission = await create(core, {
      startDate: '2026-11-23',
      endDate: '2026-12-04',
      target: 20,
    });
    await log(core, mission.id, 2); // Monday: both milestones done by 09:00

    clock.set('2026-11-24T07:00:00Z'); // Tuesday 08:00
    writes.clear();
    await core.tick();
    expect(writes.get('summary')).toBe(1);
    const summary = await onDisk.summary(dir);
    expect(summary.foldedThrough).toBe('2026-11-23');
    expect(summary.days['2026-11-23']).toEqual({ [mission.id]: { count: 2, hit: 2, of: 2 } });
    let snap = core.today();
    expect(snap.today).toBe('2026-11-24');
    expect(snap.streak).toEqual({ current: 1, best: 1 });
    expect(snap.missions[0]).toMatchObject({ total: 2, todayCount: 0 });

    await core.tick(); // idempotent: nothing more to fold
    expect(writes.get('summary')).toBe(1);

    // Tuesday to Friday: every milestone hit; the weekend has none; Monday again.
    for (const day of ['24', '25', '26', '27']) {
      clock.set(`2026-11-${day}T08:00:00Z`);
      await core.tick();
      await log(core, mission.id, 2);
    }
    clock.set('2026-11-30T07:00:00Z');
    await core.tick();
    snap = core.today();
    expect(snap.streak).toEqual({ current: 5, best: 5 });
    expect(snap.missions[0]?.total).toBe(10);

    // Monday: the noon milestone is missed, which breaks the streak; the best is kept.
    clock.set('2026-11-30T12:00:00Z'); // 13:00
    expect(core.today().streak).toEqual({ current: 0, best: 5 });
  });

  it('a paused day (sick, away) keeps the streak, says so, and stays paused after a restart', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z'); // Monday 09:00
    const first = await openCore(dir, clock);
    const mission = await create(first.core);
    await log(first.core, mission.id, 2); // Monday hit
    clock.set('2026-11-24T06:00:00Z'); // Tuesday 07:00: the rep is ill
    await first.core.tick();
    const paused = await first.core.handlers.missions.pauseToday({ paused: true });
    expect(paused).toMatchObject({ paused: true, status: 'idle', streak: { current: 1 } });
    expect((await onDisk.missions(dir)).timeOff).toEqual([{ date: '2026-11-24', kind: 'away' }]);
    await first.close();

    // Still paused on reopening; past noon and evening, the missed milestones don't count.
    clock.set('2026-11-24T18:00:00Z');
    const second = await openCore(dir, clock);
    expect(second.core.today()).toMatchObject({ paused: true, streak: { current: 1 } });
    clock.set('2026-11-25T08:00:00Z'); // Wednesday: back, and hitting both
    await second.core.tick();
    await log(second.core, mission.id, 2);
    expect(second.core.today()).toMatchObject({ paused: false, streak: { current: 2, best: 2 } });

    // Taking a pause back: today counts again.
    await second.core.handlers.missions.pauseToday({ paused: true });
    const resumed = await second.core.handlers.missions.pauseToday({ paused: false });
    expect(resumed.paused).toBe(false);
    expect((await onDisk.missions(dir)).timeOff).toEqual([{ date: '2026-11-24', kind: 'away' }]);
  });

  it('folds the days it was closed for when it opens again', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const first = await openCore(dir, clock);
    const mission = await create(first.core);
    await log(first.core, mission.id, 2);
    await first.close();

    clock.set('2026-11-26T08:00:00Z'); // Thursday: Monday hit, Tuesday and Wednesday missed
    const second = await openCore(dir, clock);
    const summary = await onDisk.summary(dir);
    expect(summary.foldedThrough).toBe('2026-11-25');
    expect(Object.keys(summary.days).sort()).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(summary.days['2026-11-24']?.[mission.id]).toEqual({ count: 0, hit: 0, of: 2 });
    const snap = second.core.today();
    expect(snap.streak).toEqual({ current: 0, best: 1 });
    expect(snap.missions[0]?.pace.label).toBe('behind by 4');
    expect(snap.missions[0]?.catchUp?.map((d) => d.checkpoints.at(-1)?.count)).toEqual([4, 4]);
    expect(snap.lastWin?.amount).toBe(2);
  });

  it('catches up after weeks away: folds every day and settles the ended mission', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const first = await openCore(dir, clock);
    const mission = await create(first.core);
    await log(first.core, mission.id, 2);
    clock.set('2026-11-24T08:00:00Z');
    await log(first.core, mission.id, 3);
    await first.close();

    clock.set('2027-01-11T08:00:00Z'); // seven weeks later
    const second = await openCore(dir, clock);
    const summary = await onDisk.summary(dir);
    expect(summary.foldedThrough).toBe('2027-01-10');
    expect(summary.days['2026-11-24']?.[mission.id]).toEqual({ count: 3, hit: 2, of: 2 });
    const snap = second.core.today();
    expect(snap.awaitingReflection.map((m) => m.id)).toEqual([mission.id]);
    expect(snap.streak).toEqual({ current: 0, best: 2 });
    const [past] = (await second.core.handlers.missions.history(undefined)).missions;
    expect(past).toMatchObject({ outcome: 'missed', total: 5 });
  });

  it('rolls over at local midnight on a DST-change night (New York)', async () => {
    const dir = await tempDir();
    // Saturday 31 Oct 2026, 23:30 EDT; the clocks go back at 02:00 on Sunday.
    const clock = createFakeClock({ now: '2026-11-01T03:30:00Z', timeZone: 'America/New_York' });
    const { core } = await openCore(dir, clock);
    const mission = await create(core, {
      startDate: '2026-10-31',
      endDate: '2026-11-06',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      target: 7,
      deadlines: ['12:00'],
    });
    await log(core, mission.id);
    expect(core.today().today).toBe('2026-10-31');

    clock.set('2026-11-01T16:30:00Z'); // Sunday 11:30 EST (16:30Z; it would be 12:30 in EDT)
    await core.tick();
    const snap = await log(core, mission.id);
    expect(snap.today).toBe('2026-11-01');
    expect(snap.missions[0]?.milestones[0]?.state).toBe('done');
    expect((await onDisk.day(dir, '2026-10-31')).wins).toHaveLength(1);
    expect((await onDisk.day(dir, '2026-11-01')).wins).toHaveLength(1);

    clock.set('2026-11-02T04:59:00Z'); // Sunday 23:59 EST: still Sunday
    await core.tick();
    expect(core.today().today).toBe('2026-11-01');
    clock.set('2026-11-02T05:00:00Z'); // Monday 00:00 EST
    await core.tick();
    expect(core.today().today).toBe('2026-11-02');
    expect((await onDisk.summary(dir)).days['2026-11-01']?.[mission.id]).toEqual({
      count: 1,
      hit: 1,
      of: 1,
    });
    // Saturday's only win came at 23:30, after its noon milestone: Sunday starts the streak.
    expect((await onDisk.summary(dir)).days['2026-10-31']?.[mission.id]).toEqual({
      count: 1,
      hit: 0,
      of: 1,
    });
    expect(core.today().streak).toEqual({ current: 1, best: 1 });
  });

  it('undoes a win logged just before midnight and re-tallies that day', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T22:55:00Z'); // Monday 23:55
    const { core } = await openCore(dir, clock);
    const mission = await create(core, { deadlines: [] });
    await log(core, mission.id, 2);
    clock.set('2026-11-23T23:05:00Z'); // Tuesday 00:05
    await core.tick();
    expect((await onDisk.summary(dir)).days['2026-11-23']?.[mission.id]).toEqual({
      count: 2,
      hit: 1,
      of: 1,
    });
    const before = (await onDisk.missions(dir)).missions[0]?.seq ?? 0;
    const snap = await core.handlers.wins.undo(undefined);
    expect(snap.missions[0]?.total).toBe(0);
    expect((await onDisk.day(dir, '2026-11-23')).wins).toEqual([]);
    expect((await onDisk.summary(dir)).days['2026-11-23']?.[mission.id]).toEqual({
      count: 0,
      hit: 0,
      of: 1,
    });
    // The mission's sync revision moves on although its latest win is gone.
    expect((await onDisk.missions(dir)).missions[0]?.seq).toBeGreaterThan(before);
  });
});

describe('missions ending', () => {
  it('settles a short mission as missed, asks for a reflection and lowers the next suggestion', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const { core } = await openCore(dir, clock);
    const mission = await create(core);
    for (let i = 0; i < 4; i++) await log(core, mission.id);
    await expect(
      core.handlers.missions.reflect({
        id: mission.id,
        reflection: ReflectionInput.parse({
          reason: 'other',
          note: '',
          nextStep: '',
          shareWithTeam: false,
        }),
      }),
    ).rejects.toThrow('is still running: reflect on it once it has ended');

    clock.set('2026-11-28T09:00:00Z'); // Saturday
    await core.tick();
    const snap = core.today();
    expect(snap.missions).toEqual([]);
    expect(snap.awaitingReflection.map((m) => [m.id, m.status])).toEqual([[mission.id, 'missed']]);
    // Its wins are final: the snapshot offers no undo, and an undo is refused.
    expect(snap.lastWin).toBeNull();
    await expect(core.handlers.wins.undo(undefined)).rejects.toThrow(
      'has ended, so its wins are final',
    );
    await expect(log(core, mission.id)).rejects.toThrow(
      '“Book 10 meetings” ended on 2026-11-27. Start a new mission to keep logging wins.',
    );

    const next = {
      metric: { kind: 'meetings' as const },
      startDate: '2026-11-30',
      endDate: '2026-12-04',
      workingDays: [1, 2, 3, 4, 5],
    };
    const plain = await core.handlers.missions.suggest(next);
    expect(plain).toMatchObject({ basis: 'history', attainable: 4, sampleSize: 1 });

    const reflected = await core.handlers.missions.reflect({
      id: mission.id,
      reflection: ReflectionInput.parse({
        reason: 'unrealistic-target',
        note: 'Ten was a stretch in a short week',
        nextStep: 'Aim for 4 and add calls',
        shareWithTeam: true,
      }),
    });
    expect(reflected.reflection).toMatchObject({
      reason: 'unrealistic-target',
      at: '2026-11-28T09:00:00.000Z',
    });
    expect(core.today().awaitingReflection).toEqual([]);
    const lowered = await core.handlers.missions.suggest(next);
    expect(lowered.attainable).toBeLessThan(plain.attainable);
    expect(lowered.explanation).toMatch(/^Lowered/);

    const history = await core.handlers.missions.history(undefined);
    expect(history.missions.map((m) => [m.outcome, m.total])).toEqual([['missed', 4]]);
    expect(history.hitRateByMetric).toEqual([{ metric: 'meetings', hit: 0, total: 1, rate: 0 }]);
  });

  it('settles a mission that reached its target as completed', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const { core } = await openCore(dir, clock);
    const mission = await create(core, { target: 3, endDate: '2026-11-23' });
    await log(core, mission.id, 3);
    clock.advance(24 * HOUR);
    await core.tick();
    const [history] = (await core.handlers.missions.history(undefined)).missions;
    expect(history?.outcome).toBe('hit');
    expect(core.today().awaitingReflection).toEqual([]);
  });
});

describe('domain rules', () => {
  it('explains what is wrong and changes nothing', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-24T08:00:00Z'); // Tuesday
    const { core, writes } = await openCore(dir, clock);
    await expect(create(core)).rejects.toThrow(
      'Missions start today or later: pick a start date from 2026-11-24 on.',
    );
    await expect(
      create(core, {
        startDate: '2026-11-24',
        plan: [{ date: '2026-11-24', checkpoints: [{ count: 5, by: null }] }],
      }),
    ).rejects.toThrow('The daily milestones add up to 5 but the target is 10 meetings.');
    const error = await log(core, 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissionTrayError);
    expect(error).toMatchObject({
      code: 'not-found',
      message: 'That mission no longer exists. Pick another one.',
    });

    const later = await create(core, { startDate: '2026-11-30', endDate: '2026-12-04' });
    await expect(log(core, later.id)).rejects.toThrow(
      '“Book 10 meetings” starts on 2026-11-30. Log wins toward it from then.',
    );
    const running = await create(core, { startDate: '2026-11-24' });
    await core.handlers.missions.archive({ id: running.id });
    writes.clear();
    await expect(log(core, running.id)).rejects.toThrow("is archived, so it can't take new wins.");
    expect(writes.size).toBe(0);
    expect(core.today().missions.map((m) => m.mission.id)).toEqual([later.id]);
  });

  it('previews a plan and suggests targets without writing anything', async () => {
    const dir = await tempDir();
    const { core, writes } = await openCore(dir, berlinClock('2026-11-23T08:00:00Z'));
    writes.clear();
    const plan = await core.handlers.missions.preview(MissionDraft.parse(weekDraft({ target: 7 })));
    expect(plan.map((d) => d.checkpoints.at(-1)?.count)).toEqual([2, 2, 1, 1, 1]);
    const suggestion = await core.handlers.missions.suggest({
      metric: { kind: 'demos' },
      startDate: '2026-11-30',
      endDate: '2026-12-04',
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(suggestion).toMatchObject({ basis: 'default', attainable: 5 });
    // Dates the contract's schema refuses never reach the core.
    const suggest = (input: unknown) => async () =>
      core.handlers.missions.suggest(SuggestInput.parse(input));
    await expect(
      suggest({
        metric: { kind: 'demos' },
        startDate: '2026-02-30',
        endDate: '2026-12-04',
        workingDays: [1],
      }),
    ).rejects.toThrow('That date does not exist');
    await expect(
      suggest({
        metric: { kind: 'demos' },
        startDate: '2026-11-30',
        endDate: '9999-12-31',
        workingDays: [1],
      }),
    ).rejects.toThrow('A mission can last 366 days at most');
    expect(writes.size).toBe(0);
    expect(core.today().missions).toEqual([]);
  });

  it('lets the rep abandon a running mission and reflect on it', async () => {
    const dir = await tempDir();
    const { core } = await openCore(dir, berlinClock('2026-11-23T08:00:00Z'));
    const mission = await create(core);
    const abandoned = await core.handlers.missions.abandon({ id: mission.id });
    expect(abandoned.status).toBe('abandoned');
    expect(core.today().missions).toEqual([]);
    await expect(log(core, mission.id)).rejects.toThrow(
      "was abandoned, so it can't take new wins.",
    );
    await expect(core.handlers.missions.abandon({ id: mission.id })).rejects.toThrow(
      'is already abandoned',
    );
    const reflected = await core.handlers.missions.reflect({
      id: mission.id,
      reflection: ReflectionInput.parse({
        reason: 'external-blockers',
        note: 'Moved teams',
        nextStep: '',
        shareWithTeam: false,
      }),
    });
    expect(reflected.reflection?.reason).toBe('external-blockers');
  });

  it('re-plans an edited mission and keeps the rep’s edited plan', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const { core } = await openCore(dir, clock);
    const mission = await create(core);
    const edited = await core.handlers.missions.update({
      id: mission.id,
      draft: MissionDraft.parse(weekDraft({ target: 15, deadlines: [] })),
    });
    expect(edited.plan.map((d) => d.checkpoints)).toEqual([
      [{ count: 3, by: null }],
      [{ count: 3, by: null }],
      [{ count: 3, by: null }],
      [{ count: 3, by: null }],
      [{ count: 3, by: null }],
    ]);
    expect(edited.seq).toBeGreaterThan(mission.seq);
    const custom = await core.handlers.missions.update({
      id: mission.id,
      draft: MissionDraft.parse(
        weekDraft({
          target: 4,
          plan: [
            { date: '2026-11-23', checkpoints: [{ count: 3, by: '12:00' }] },
            { date: '2026-11-27', checkpoints: [{ count: 1, by: null }] },
          ],
        }),
      ),
    });
    expect(custom.plan.map((d) => d.checkpoints.at(-1)?.count)).toEqual([3, 0, 0, 0, 1]);
    expect(core.today().missions[0]?.todayTarget).toBe(3);

    await core.handlers.missions.abandon({ id: mission.id });
    await expect(
      core.handlers.missions.update({ id: mission.id, draft: MissionDraft.parse(weekDraft()) }),
    ).rejects.toThrow("has ended, so it can't be edited");
  });

  it('numbers every change with a strictly increasing sequence, across restarts', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const first = await openCore(dir, clock);
    const a = await create(first.core);
    await log(first.core, a.id);
    const b = await create(first.core, { title: 'Calls', metric: { kind: 'calls' } });
    await log(first.core, b.id);
    await first.close();
    const second = await openCore(dir, clock);
    await log(second.core, a.id);
    await second.core.handlers.missions.archive({ id: b.id });
    const seqs = [
      ...(await onDisk.missions(dir)).missions.map((m) => m.seq),
      ...(await onDisk.day(dir, '2026-11-23')).wins.map((w) => w.seq),
    ].sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 4, 5, 6]); // mission a (1), wins (2, 4, 5), b archived (6)
  });
});

describe('storage failures and restarts', () => {
  it('keeps the snapshot unchanged when a write fails, and works again after', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const disk = fillableDisk();
    const { core } = await openCore(dir, clock, disk.fs);
    const mission = await create(core);
    await log(core, mission.id);
    const before = core.today();

    disk.full = true;
    const failure = await log(core, mission.id, 5).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({ message: expect.stringMatching(/^Your disk is full/) });
    await expect(create(core, { title: 'Another' })).rejects.toBeInstanceOf(StorageError);
    await expect(core.handlers.wins.undo(undefined)).rejects.toBeInstanceOf(StorageError);
    expect(core.today()).toEqual(before);
    expect((await onDisk.day(dir, '2026-11-23')).wins).toHaveLength(1);

    disk.full = false;
    const snap = await log(core, mission.id, 2);
    expect(snap.missions[0]?.total).toBe(3);
  });

  it('keeps logging when the summary cannot be written at midnight, and folds later', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const disk = fillableDisk();
    const { core } = await openCore(dir, clock, disk.fs);
    const mission = await create(core);
    await log(core, mission.id, 2);
    clock.set('2026-11-24T08:00:00Z');
    disk.full = true;
    await expect(core.tick()).rejects.toBeInstanceOf(StorageError);
    expect(core.today()).toMatchObject({ today: '2026-11-24', streak: { current: 1 } });
    expect(core.today().missions[0]?.total).toBe(2);
    disk.full = false;
    await core.tick();
    expect((await onDisk.summary(dir)).foldedThrough).toBe('2026-11-23');
  });

  it('rebuilds a damaged summary from the wins partitions', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const first = await openCore(dir, clock);
    const mission = await create(first.core);
    await log(first.core, mission.id, 2);
    clock.set('2026-11-24T08:00:00Z');
    await log(first.core, mission.id, 1);
    await first.close();
    await writeFile(join(dir, 'summary.json'), '{"schemaVersion":1,"days":');
    await rm(join(dir, 'summary.json.bak'), { force: true });

    const second = await openCore(dir, clock);
    const snap = second.core.today();
    expect(snap.notices.map((n) => n.kind)).toEqual(['reset-to-empty']);
    expect(snap.missions[0]?.total).toBe(3);
    expect(snap.streak.current).toBe(1);
    expect((await onDisk.summary(dir)).days['2026-11-23']?.[mission.id]).toEqual({
      count: 2,
      hit: 2,
      of: 2,
    });
    const dismissed = await second.core.handlers.missions.dismissNotice({
      id: snap.notices[0]?.id ?? '',
    });
    expect(dismissed.notices).toEqual([]);
  });

  it('reopens with every mission, win, reflection and the streak as they were', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const first = await openCore(dir, clock);
    const mission = await create(first.core, { endDate: '2026-12-04', target: 20 });
    await log(first.core, mission.id, 2);
    clock.set('2026-11-24T08:00:00Z');
    await first.core.tick();
    await log(first.core, mission.id, 1, 'Globex');
    const before = first.core.today();
    const exported = await first.core.exportData('json');
    await first.close();

    const second = await openCore(dir, clock);
    expect(second.core.today()).toEqual(before);
    expect(await second.core.exportData('json')).toBe(exported);
    const csv = await second.core.exportData('csv');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv).toContain('Globex');
  });
});
