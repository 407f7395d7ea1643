// History written straight into the store's on-disk layout (src/shared/documents.ts) before the
// store opens: finished weekly missions, their folded daily tallies, one wins file per working
// day, and this week's active mission. The bench uses a year of heavy use (100 wins a day).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { planMission } from '../../src/core/missions/planner.ts';
import { tallyDay } from '../../src/core/missions/progress.ts';
import { addDays, instantOf, isoWeekday } from '../../src/core/kernel/time.ts';
import {
  DAY_WINS_VERSION,
  SCHEMA_VERSION,
  dayDocName,
  yearTalliesDocName,
  type DayTallies,
  type DayWinsDoc,
  type MissionsDoc,
  type SummaryDoc,
} from '../../src/shared/documents.ts';
import { MissionDraft, type Mission, type Win } from '../../src/shared/mission.ts';
import type { AppOptions } from './launch-mission-tray.ts';

export interface HistoryOptions {
  /** A Monday: the active mission's first day; history is the weeks before it. */
  today: string;
  timeZone: string;
  weeks?: number;
  /** Wins logged on a past working day (its index counts from the first day of history). */
  winsOn?: (dayIndex: number) => number;
  /** Each week's target. */
  weeklyTarget?: number;
}

export interface SeededHistory {
  activeMissionId: string;
  winsWritten: number;
}

/** A mission as the store keeps it, planned by the core's own planner. */
export function storedMission(
  fields: { id: string; title: string; target: number; startDate: string; seq: number },
  timeZone: string,
): Mission {
  const draft = MissionDraft.parse({
    title: fields.title,
    metric: { kind: 'meetings' },
    target: fields.target,
    startDate: fields.startDate,
    endDate: addDays(fields.startDate, 6),
    workingDays: [1, 2, 3, 4, 5],
    deadlines: ['12:00', '17:00'],
  });
  const at = instantOf(fields.startDate, '08:00', timeZone).toISOString();
  return {
    ...draft,
    id: fields.id,
    status: 'active',
    archived: false,
    plan: planMission(draft),
    reflection: null,
    createdAt: at,
    updatedAt: at,
    seq: fields.seq,
  };
}

export async function seedHistory(
  dataDir: string,
  options: HistoryOptions,
): Promise<SeededHistory> {
  const { today, timeZone } = options;
  const weeks = options.weeks ?? 52;
  const winsOn = options.winsOn ?? (() => 100);
  const target = options.weeklyTarget ?? 500;
  if (isoWeekday(today) !== 1) throw new Error(`${today} is not a Monday`);

  let seq = 0;
  let dayIndex = 0;
  let winsWritten = 0;
  const missions: Mission[] = [];
  const summary: SummaryDoc = {
    schemaVersion: SCHEMA_VERSION,
    foldedThrough: addDays(today, -1),
    lastSeq: 0,
    carry: { through: null, current: 0, best: 0 },
  };
  const days: DayTallies = {};

  for (let week = weeks; week >= 1; week--) {
    const startDate = addDays(today, -7 * week);
    const mission = storedMission(
      { id: `week-${week}`, title: `Book ${target} meetings`, target, startDate, seq: ++seq },
      timeZone,
    );
    let total = 0;
    for (const day of mission.plan) {
      const count = winsOn(dayIndex++);
      const wins: Win[] = Array.from({ length: count }, (_, i) => ({
        id: `w${seq + 1}`,
        missionId: mission.id,
        amount: 1,
        // Spread over 09:00–16:59.
        at: new Date(
          instantOf(day.date, '09:00', timeZone).getTime() + Math.floor((i * 480 * 60_000) / count),
        ).toISOString(),
        source: 'tray',
        seq: ++seq,
      }));
      const doc: DayWinsDoc = { schemaVersion: DAY_WINS_VERSION, date: day.date, wins };
      const file = join(dataDir, `${dayDocName(day.date)}.json`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(doc));
      days[day.date] = { [mission.id]: tallyDay(day, wins, timeZone) };
      total += count;
      winsWritten += count;
    }
    const hit = total >= target;
    missions.push({
      ...mission,
      status: hit ? 'completed' : 'missed',
      // A missed week was reflected on, so the window does not ask about a year-old mission.
      reflection: hit
        ? null
        : {
            reason: 'external-blockers',
            note: 'Two prospects moved their budget meetings.',
            nextStep: 'Book the follow-ups on the same call.',
            shareWithTeam: false,
            at: instantOf(addDays(startDate, 7), '09:00', timeZone).toISOString(),
          },
    });
  }

  const active = storedMission(
    { id: 'this-week', title: `Book ${target} meetings`, target, startDate: today, seq: ++seq },
    timeZone,
  );
  missions.push(active);
  summary.lastSeq = seq;
  const doc: MissionsDoc = {
    schemaVersion: SCHEMA_VERSION,
    missions,
    timeOff: [],
    lastSeq: seq,
  };
  await writeFile(join(dataDir, 'missions.json'), JSON.stringify(doc));
  await writeFile(join(dataDir, 'summary.json'), JSON.stringify(summary));
  // Tallies by year; the core archives the ended missions and carries the streak on first open.
  const years = new Set(Object.keys(days).map((date) => Number(date.slice(0, 4))));
  for (const year of years) {
    const file = join(dataDir, `${yearTalliesDocName(year)}.json`);
    const ofYear = Object.fromEntries(
      Object.entries(days).filter(([d]) => d.startsWith(`${year}-`)),
    );
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ schemaVersion: SCHEMA_VERSION, year, days: ofYear }));
  }
  return { activeMissionId: active.id, winsWritten };
}

/** Wins on each working day of four weeks of ups and downs (a target of 20 plans 4 a day). */
export const FOUR_WEEKS_WINS = [4, 5, 3, 2, 6, 4, 4, 5, 1, 6, 3, 5, 4, 2, 4, 5, 6, 4, 3, 4];

/**
 * A harness start on Monday 23 November 2026, 11:15 in Berlin, after four weekly missions of 20
 * meetings (26 October – 22 November) with FOUR_WEEKS_WINS, and this week's mission just begun.
 */
export const fourWeeksOfHistory = (): AppOptions => ({
  now: '2026-11-23T10:15:00Z',
  timeZone: 'Europe/Berlin',
  seed: (dir) =>
    seedHistory(dir, {
      today: '2026-11-23',
      timeZone: 'Europe/Berlin',
      weeks: 4,
      weeklyTarget: 20,
      winsOn: (i) => FOUR_WEEKS_WINS[i % FOUR_WEEKS_WINS.length] ?? 4,
    }),
});
