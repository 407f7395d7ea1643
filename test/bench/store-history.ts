// Writes a rep's history straight into the real on-disk layout (src/shared/documents.ts), fast:
// heavy use is 100 wins every working day, split over two missions running side by side — a
// monthly "calls" mission (80 a day) and a weekly "meetings" mission (20 a day).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { carryTarget } from '../../src/core/ledger/closed-days.ts';
import { staysLive } from '../../src/core/ledger/mission-archive.ts';
import { closedDaysStreak, dayResultsOf } from '../../src/core/ledger/streak.ts';
import { addDays, datesInPeriod, instantOf, isoWeekday } from '../../src/core/kernel/time.ts';
import {
  DAY_WINS_VERSION,
  DayWinsDoc,
  MissionArchiveDoc,
  MissionsDoc,
  SCHEMA_VERSION,
  SummaryDoc,
  YearTalliesDoc,
  archiveDocName,
  yearTalliesDocName,
  type DayTallies,
  type DayTally,
} from '../../src/shared/documents.ts';
import type { Checkpoint, DayPlan, Mission, Win } from '../../src/shared/mission.ts';
import type { z } from 'zod';

export const BENCH_ZONE = 'Europe/Berlin';
/** A Monday; the history ends the day before. */
export const BENCH_TODAY = '2026-11-23';
export const BENCH_NOW = instantOf(BENCH_TODAY, '09:00', BENCH_ZONE);
export const WINS_PER_DAY = 100;
/** The history sizes every store and core figure is taken at. */
export const HISTORY_SIZES = [
  { key: 'empty', years: 0 },
  { key: '1y', years: 1 },
  { key: '3y', years: 3 },
] as const;
/** Fresh processes per open figure; the figure is their median. */
export const OPEN_RUNS = 3;

/** Runs a bundled open child on `dir` OPEN_RUNS times, each in a fresh process; its last lines. */
export function runOpenChild<T>(child: string, dir: string, result: z.ZodType<T>): T[] {
  return Array.from({ length: OPEN_RUNS }, () => {
    const out = spawnSync(process.execPath, ['--expose-gc', child, dir], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${child} failed: ${out.stderr}`);
    return result.parse(JSON.parse(out.stdout.trim().split('\n').at(-1) ?? ''));
  });
}

export interface History {
  missions: number;
  wins: number;
  files: number;
  bytes: number;
  /** The active monthly mission, to log today's wins against. */
  activeMissionId: string;
}

const isWorkingDay = (date: string) => isoWeekday(date) <= 5;
const iso = (ms: number) => new TZDate(ms, BENCH_ZONE).toISOString();

function mission(
  id: string,
  title: string,
  kind: 'calls' | 'meetings',
  startDate: string,
  endDate: string,
  checkpoints: Checkpoint[],
  seq: number,
): Mission {
  const plan: DayPlan[] = datesInPeriod(startDate, endDate)
    .filter(isWorkingDay)
    .map((date) => ({ date, checkpoints }));
  const created = iso(instantOf(startDate, '08:00', BENCH_ZONE).getTime());
  return {
    id,
    title,
    metric: { kind },
    target: plan.length * (checkpoints.at(-1)?.count ?? 1),
    startDate,
    endDate,
    workingDays: [1, 2, 3, 4, 5],
    deadlines: ['12:00'],
    visibility: 'public',
    objective: null,
    status: endDate < BENCH_TODAY ? 'completed' : 'active',
    archived: false,
    plan,
    reflection: null,
    createdAt: created,
    updatedAt: created,
    seq,
  };
}

/** `years` of history before BENCH_TODAY (0: only today's missions, no wins). */
export function writeHistory(dir: string, years: number): History {
  const first = addDays(BENCH_TODAY, -Math.round(365.25 * years));
  const missions: Mission[] = [];
  const summary: SummaryDoc = {
    schemaVersion: SCHEMA_VERSION,
    foldedThrough: null,
    lastSeq: 0,
    carry: { through: null, current: 0, best: 0 },
  };
  const days: DayTallies = {};
  let seq = 0;
  let wins = 0;
  let files = 0;
  let bytes = 0;
  const write = (name: string, doc: unknown) => {
    const text = JSON.stringify(doc);
    const file = join(dir, `${name}.json`);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    files += 1;
    bytes += text.length;
  };

  let lastDay: DayWinsDoc | undefined;
  let calls: Mission | undefined;
  let meetings: Mission | undefined;
  for (const date of datesInPeriod(first, BENCH_TODAY)) {
    const month = date.slice(0, 7);
    if (!calls || calls.endDate < date) {
      const end = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
      seq += 1;
      calls = mission(
        `calls-${month}`,
        `Make 80 calls a day in ${month}`,
        'calls',
        `${month}-01`,
        end,
        [
          { count: 30, by: '12:00' },
          { count: 80, by: null },
        ],
        seq,
      );
      missions.push(calls);
    }
    if ((!meetings || meetings.endDate < date) && isoWeekday(date) === 1) {
      seq += 1;
      meetings = mission(
        `meetings-${date}`,
        `Book 100 meetings in the week of ${date}`,
        'meetings',
        date,
        addDays(date, 4),
        [
          { count: 8, by: '12:00' },
          { count: 20, by: null },
        ],
        seq,
      );
      missions.push(meetings);
    }
    if (date === BENCH_TODAY || !isWorkingDay(date) || !meetings) continue;

    const start = instantOf(date, '08:00', BENCH_ZONE).getTime();
    const noon = instantOf(date, '12:00', BENCH_ZONE).getTime();
    const dayWins: Win[] = [];
    const tallies: Record<string, DayTally & { beforeNoon: number }> = {};
    for (let i = 0; i < WINS_PER_DAY; i += 1) {
      const target = i % 5 === 4 ? meetings : calls;
      const at = start + i * 6 * 60_000;
      seq += 1;
      dayWins.push({
        id: `w${seq}`,
        missionId: target.id,
        amount: 1,
        at: iso(at),
        source: i % 3 === 0 ? 'shortcut' : 'tray',
        seq,
      });
      const tally = (tallies[target.id] ??= { count: 0, hit: 0, of: 2, beforeNoon: 0 });
      tally.count += 1;
      if (at < noon) tally.beforeNoon += 1;
    }
    wins += dayWins.length;
    lastDay = { schemaVersion: DAY_WINS_VERSION, date, wins: dayWins };
    write(`wins/${date.slice(0, 4)}/${date}`, lastDay);
    days[date] = Object.fromEntries(
      [calls, meetings].map((m) => {
        const t = tallies[m.id] ?? { count: 0, beforeNoon: 0 };
        const [byNoon, byEnd] = m.plan[0]?.checkpoints ?? [];
        const hit =
          Number(t.beforeNoon >= (byNoon?.count ?? 0)) + Number(t.count >= (byEnd?.count ?? 0));
        return [m.id, { count: t.count, hit, of: 2 }];
      }),
    );
    summary.foldedThrough = date;
    summary.lastSeq = seq;
  }

  // As the core leaves them: ended missions archived by end year, tallies by year, and the
  // streak carried through the end of the last year outside the look-back window.
  const live = missions.filter((m) => staysLive(m, BENCH_TODAY, summary.foldedThrough));
  const missionsDoc: MissionsDoc = {
    schemaVersion: SCHEMA_VERSION,
    missions: live,
    timeOff: [],
    lastSeq: Math.max(...missions.map((m) => m.seq)),
  };
  // The generated documents must be ones the app itself would accept.
  write('missions', MissionsDoc.parse(missionsDoc));
  const yearOf = (date: string) => Number(date.slice(0, 4));
  for (const year of new Set(missions.map((m) => yearOf(m.endDate)))) {
    const ofYear = missions.filter((m) => !live.includes(m) && yearOf(m.endDate) === year);
    const doc = { schemaVersion: SCHEMA_VERSION, year, missions: ofYear };
    if (ofYear.length > 0) write(archiveDocName(year), MissionArchiveDoc.parse(doc));
  }
  for (const year of new Set(Object.keys(days).map(yearOf))) {
    const ofYear = Object.entries(days).filter(([date]) => yearOf(date) === year);
    const doc = { schemaVersion: SCHEMA_VERSION, year, days: Object.fromEntries(ofYear) };
    write(yearTalliesDocName(year), YearTalliesDoc.parse(doc));
  }
  if (summary.foldedThrough) {
    const through = carryTarget(BENCH_TODAY);
    const carried = dayResultsOf(days).filter((d) => d.date <= through);
    summary.carry = { through, ...closedDaysStreak(carried, new Set()) };
    write('summary', SummaryDoc.parse(summary));
  }
  if (lastDay) DayWinsDoc.parse(lastDay);
  const active = missions.find((m) => m.status === 'active' && m.metric.kind === 'calls');
  if (!active) throw new Error('no active mission generated');
  return { missions: missions.length, wins, files, bytes, activeMissionId: active.id };
}
