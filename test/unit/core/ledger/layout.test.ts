// The data layout over years (src/shared/documents.ts): ended missions move to a yearly archive and
// closed days' tallies live in one document per year, so opening reads only what today needs —
// while history, suggestions, export and the team board still see everything, a version 1 data
// folder upgrades (also after a crash half-way), and the streak runs on across the years it no
// longer reads.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StorePort } from '../../../../src/core/kernel/ports.ts';
import { createMissionTray } from '../../../../src/core/mission-tray.ts';
import { createStoreSyncSource } from '../../../../src/core/sync/sync-source.ts';
import { openStore } from '../../../../src/main/store/index.ts';
import type { DayTallies } from '../../../../src/shared/documents.ts';
import { LogWinInput, MissionDraft, type Mission } from '../../../../src/shared/mission.ts';
import { berlinClock, onDisk, openCore, tempDir, weekDraft } from '../core-fixture.ts';
import { missionOf } from '../fixtures.ts';
import { TEST_LOCALE } from '../../../fakes/clock.ts';

const full = (id: string) => ({ [id]: { count: 2, hit: 1, of: 1 } });
const short = (id: string) => ({ [id]: { count: 0, hit: 0, of: 1 } });

/** Weekdays from `from`, `n` of them. */
function weekdays(from: string, n: number): string[] {
  const dates: string[] = [];
  for (let d = new Date(`${from}T12:00:00Z`); dates.length < n; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) dates.push(d.toISOString().slice(0, 10));
  }
  return dates;
}

// Version 1 history seen on Tuesday 2026-01-06: a best run of 60 days in 2024, broken on
// 2024-12-20, then a run of 11 full days across two New Years (5 in 2024, 2 + 2 in 2025, 2 in
// 2026). Days without milestones (most of 2025) neither extend nor break it.
const OLD = missionOf({
  id: 'm-2024',
  title: 'Calls in 2024',
  metric: { kind: 'calls' },
  startDate: '2024-06-03',
  endDate: '2024-12-31',
  target: 200,
  status: 'completed',
  seq: 1,
});
const LAST_YEAR = missionOf({
  id: 'm-2025',
  title: 'Calls in 2025',
  metric: { kind: 'calls' },
  startDate: '2025-01-02',
  // Ended more than the 31-day look-back window before 2026-01-06.
  endDate: '2025-11-28',
  target: 4,
  status: 'completed',
  visibility: 'public',
  seq: 2,
});
const RUNNING = missionOf({
  id: 'm-now',
  startDate: '2025-12-29',
  endDate: '2026-01-09',
  target: 20,
  seq: 3,
});
const V1_DAYS: DayTallies = {
  ...Object.fromEntries(weekdays('2024-06-03', 60).map((d) => [d, full('m-2024')])),
  '2024-12-20': short('m-2024'),
  ...Object.fromEntries(
    ['2024-12-23', '2024-12-24', '2024-12-27', '2024-12-30', '2024-12-31'].map((d) => [
      d,
      full('m-2024'),
    ]),
  ),
  '2025-01-02': full('m-2025'),
  '2025-01-03': full('m-2025'),
  ...Object.fromEntries(
    ['2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05'].map((d) => [d, full('m-now')]),
  ),
};

async function writeJson(dir: string, name: string, doc: unknown): Promise<void> {
  const file = join(dir, `${name}.json`);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(doc));
}

async function writeVersion1(dir: string): Promise<void> {
  const missions = [OLD, LAST_YEAR, RUNNING];
  await writeJson(dir, 'missions', { schemaVersion: 1, missions, pausedDays: [], lastSeq: 3 });
  await writeJson(dir, 'summary', {
    schemaVersion: 1,
    foldedThrough: '2026-01-05',
    days: V1_DAYS,
    lastSeq: 3,
  });
}

/** The store, recording every document the core opens. */
async function recordingStore(dir: string, clock: ReturnType<typeof berlinClock>) {
  const real = await openStore(dir, { clock, log: () => undefined });
  const opened: string[] = [];
  const store: StorePort = {
    ...real,
    open(name, spec) {
      opened.push(name);
      return real.open(name, spec);
    },
  };
  return { store, opened, close: () => real.close() };
}

const ids = (missions: readonly Mission[]) => missions.map((m) => m.id).sort();

describe('upgrading a version 1 data folder', () => {
  it.each([
    ['in one go', false],
    ['after a crash that left one year written', true],
  ])(
    'archives ended missions, splits tallies by year and keeps the streak (%s)',
    async (_, cut) => {
      const dir = await tempDir();
      await writeVersion1(dir);
      if (cut) {
        const of2024 = Object.entries(V1_DAYS).filter(([d]) => d.startsWith('2024'));
        await writeJson(dir, 'summary/2024', {
          schemaVersion: 2,
          year: 2024,
          days: Object.fromEntries(of2024),
        });
      }
      const clock = berlinClock('2026-01-06T07:00:00Z'); // Tuesday 08:00
      const first = await openCore(dir, clock);
      const snap = first.core.today();
      expect(snap.streak).toEqual({ current: 11, best: 60 });
      expect(snap.missions.map((m) => [m.mission.id, m.total])).toEqual([['m-now', 8]]);
      await first.close();

      // On disk: the missions today needs, the rest archived by end year, tallies by year, and the
      // streak carried through the end of the year before last.
      expect(ids((await onDisk.missions(dir)).missions)).toEqual(['m-now']);
      expect(ids(await onDisk.archive(dir, 2024))).toEqual(['m-2024']);
      expect(ids(await onDisk.archive(dir, 2025))).toEqual(['m-2025']);
      const summary = await onDisk.summary(dir);
      expect(summary).toMatchObject({
        schemaVersion: 2,
        foldedThrough: '2026-01-05',
        carry: { through: '2024-12-31', current: 5, best: 60 },
      });
      expect(summary.unsplit).toBeUndefined();
      expect(summary.days).toEqual(V1_DAYS);
      expect(await onDisk.years(dir)).toEqual([2024, 2025, 2026]);

      // Reopened, today reads neither the archive nor 2024's tallies, and sees the same.
      const second = await recordingStore(dir, clock);
      const core = await createMissionTray({ store: second.store, clock, locale: TEST_LOCALE });
      expect(core.today()).toEqual(snap);
      expect(second.opened.filter((n) => n.startsWith('archive/') || n === 'summary/2024')).toEqual(
        [],
      );

      // History reads them when asked, and finds every mission with its total.
      const history = await core.handlers.missions.history(undefined);
      expect(history.missions.map((m) => [m.mission.id, m.total])).toEqual([
        ['m-now', 8],
        ['m-2025', 4],
        ['m-2024', 130],
      ]);
      expect(second.opened).toContain('summary/2024');
      await core.close();
      await second.close();
    },
  );

  it('carries the streak on to the next year while running, and reads the older years for a long-closed gap', async () => {
    const dir = await tempDir();
    await writeVersion1(dir);
    const clock = berlinClock('2026-01-06T07:00:00Z');
    const { core } = await openCore(dir, clock);

    clock.set('2027-01-04T07:00:00Z'); // a year later; m-now missed every day from 2026-01-06
    await core.tick();
    const snap = core.today();
    expect(snap.streak).toEqual({ current: 0, best: 60 });
    expect(snap.awaitingReflection.map((m) => m.id)).toEqual(['m-now']);
    expect((await onDisk.summary(dir)).carry).toEqual({
      through: '2025-12-31',
      current: 9,
      best: 60,
    });
    // Awaiting the rep's reflection, the missed mission stays among today's missions.
    expect(ids((await onDisk.missions(dir)).missions)).toEqual(['m-now']);
  });
});

describe('the carried streak', () => {
  it('is recounted when an undo changes a day it carries', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-12-31T09:00:00Z'); // Thursday 10:00
    const first = await openCore(dir, clock);
    const mission = await first.core.handlers.missions.create(
      MissionDraft.parse(
        weekDraft({ startDate: '2026-12-31', endDate: '2027-03-31', target: 65, deadlines: [] }),
      ),
    );
    await first.core.handlers.wins.log(
      LogWinInput.parse({ missionId: mission.id, source: 'tray' }),
    );

    // Five weeks on, the app open all along: 31 December was a full day, every one since short.
    clock.set('2027-02-05T07:00:00Z');
    await first.core.tick();
    expect(first.core.today().streak).toEqual({ current: 0, best: 1 });
    expect((await onDisk.summary(dir)).carry).toEqual({
      through: '2026-12-31',
      current: 1,
      best: 1,
    });

    const snap = await first.core.handlers.wins.undo(undefined);
    expect(snap.streak).toEqual({ current: 0, best: 0 });
    expect(snap.missions[0]?.total).toBe(0);
    expect((await onDisk.summary(dir)).carry).toEqual({
      through: '2026-12-31',
      current: 0,
      best: 0,
    });
    await first.close();

    const second = await openCore(dir, clock);
    expect(second.core.today().streak).toEqual({ current: 0, best: 0 });
  });
});

describe('a damaged year of tallies', () => {
  it('is folded again from the wins partitions', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z');
    const first = await openCore(dir, clock);
    const mission = await first.core.handlers.missions.create(
      MissionDraft.parse(weekDraft({ endDate: '2026-12-04', target: 20 })),
    );
    const log = (n: number) =>
      first.core.handlers.wins.log(
        LogWinInput.parse({ missionId: mission.id, amount: n, source: 'tray' }),
      );
    await log(2);
    clock.set('2026-11-24T08:00:00Z');
    await log(1);
    clock.set('2026-11-25T08:00:00Z');
    await first.core.tick();
    const before = first.core.today();
    const tallies = (await onDisk.year(dir, 2026)).days;
    expect(Object.keys(tallies)).toEqual(['2026-11-23', '2026-11-24']);
    await first.close();

    await writeFile(join(dir, 'summary', '2026.json'), '{"schemaVersion":2,"year":2026,"da');
    await rm(join(dir, 'summary', '2026.json.bak'), { force: true });
    const second = await openCore(dir, clock);
    const snap = second.core.today();
    expect(snap.notices.map((n) => n.kind)).toEqual(['reset-to-empty']);
    expect({ ...snap, notices: [] }).toEqual({ ...before, notices: [] });
    expect((await onDisk.year(dir, 2026)).days).toEqual(tallies);
  });
});

describe('the archive', () => {
  const create = (core: Awaited<ReturnType<typeof openCore>>['core'], title: string) =>
    core.handlers.missions.create(MissionDraft.parse(weekDraft({ title, deadlines: [] })));
  const log = (core: Awaited<ReturnType<typeof openCore>>['core'], missionId: string, n = 1) =>
    core.handlers.wins.log(LogWinInput.parse({ missionId, amount: n, source: 'tray' }));

  it('takes ended missions once the look-back window has passed, and every view still sees them', async () => {
    const dir = await tempDir();
    const clock = berlinClock('2026-11-23T08:00:00Z'); // Monday
    const { core, store } = await openCore(dir, clock);
    const hit = await core.handlers.missions.create(
      MissionDraft.parse(weekDraft({ title: 'Hit', visibility: 'public', deadlines: [] })),
    );
    await log(core, hit.id, 10);
    clock.advance(60_000);
    const abandoned = await create(core, 'Abandoned');
    await core.handlers.missions.abandon({ id: abandoned.id });
    clock.advance(60_000);
    const missed = await create(core, 'Missed');
    await log(core, missed.id, 3);

    // Ended Friday 27 November; the window is 31 days.
    clock.set('2026-12-28T08:00:00Z');
    await core.tick();
    expect((await onDisk.missions(dir)).missions).toHaveLength(3);
    clock.set('2026-12-29T08:00:00Z');
    await core.tick();
    // Awaiting a reflection, the missed one stays; the others move.
    expect(ids((await onDisk.missions(dir)).missions)).toEqual([missed.id]);
    expect(ids(await onDisk.archive(dir, 2026))).toEqual(ids([hit, abandoned]));

    const history = await core.handlers.missions.history(undefined);
    expect(history.missions.map((m) => [m.mission.title, m.outcome, m.total]).sort()).toEqual([
      ['Abandoned', 'abandoned', 0],
      ['Hit', 'hit', 10],
      ['Missed', 'missed', 3],
    ]);
    const suggestion = await core.handlers.missions.suggest({
      metric: { kind: 'meetings' },
      startDate: '2027-01-04',
      endDate: '2027-01-08',
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(suggestion).toMatchObject({ basis: 'history', sampleSize: 2 });
    const exported = JSON.parse(await core.exportData('json')) as { missions: Mission[] };
    expect(exported.missions.map((m) => m.title)).toEqual(['Hit', 'Abandoned', 'Missed']);

    // The team board still has the archived public mission: sync sees it as existing.
    const candidates = await createStoreSyncSource({ store, clock }).candidates();
    expect(candidates.map((c) => [c.id, c.shareable, c.state?.total])).toContainEqual([
      hit.id,
      true,
      10,
    ]);

    // A rep can still reflect on the archived abandoned mission; it comes back with the change
    // and is archived again with it.
    const reflected = await core.handlers.missions.reflect({
      id: abandoned.id,
      reflection: { reason: 'other', note: 'Wrong week', nextStep: '', shareWithTeam: false },
    });
    expect(reflected.reflection?.note).toBe('Wrong week');
    await core.tick();
    expect(ids((await onDisk.missions(dir)).missions)).toEqual([missed.id]);
    const archived = await onDisk.archive(dir, 2026);
    expect(archived.find((m) => m.id === abandoned.id)?.reflection?.note).toBe('Wrong week');
    expect(archived).toHaveLength(2);
  });

  it('after a crash between the archive and the missions write, counts the mission once, newest copy first', async () => {
    const dir = await tempDir();
    await writeVersion1(dir);
    const clock = berlinClock('2026-01-06T07:00:00Z');
    const first = await openCore(dir, clock);
    await first.close();

    // As if the process died between the two writes of a move: m-2025 in both places, once as
    // the very same version, once (m-2024) with a newer change in "missions".
    const live = (await onDisk.missions(dir)).missions;
    const renamed = { ...OLD, title: 'Calls in 2024, renamed', seq: 9 };
    await writeJson(dir, 'missions', {
      schemaVersion: 2,
      missions: [...live, LAST_YEAR, renamed],
      pausedDays: [],
      lastSeq: 9,
    });

    const second = await openCore(dir, clock);
    const history = await second.core.handlers.missions.history(undefined);
    expect(history.missions.map((m) => [m.mission.title, m.total])).toEqual([
      ['Book meetings', 8],
      ['Calls in 2025', 4],
      ['Calls in 2024, renamed', 130],
    ]);
    // Opening finished the move, keeping the newer copy.
    expect(ids((await onDisk.missions(dir)).missions)).toEqual(['m-now']);
    expect((await onDisk.archive(dir, 2024)).map((m) => m.title)).toEqual([
      'Calls in 2024, renamed',
    ]);
    expect(ids(await onDisk.archive(dir, 2025))).toEqual(['m-2025']);
    const raw = await readFile(join(dir, 'archive', 'missions-2025.json'), 'utf8');
    expect(raw.split('"id":"m-2025"')).toHaveLength(2);
  });
});
