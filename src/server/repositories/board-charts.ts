// The board's newer reads (issue #14): the team's wins per day this week against plan, the
// metrics its missions count (the board's filter), one rep's page, and the change token the
// open boards poll. Each is one query over one team's missions (their team_id index range).
import { addDays, format, getISODay, parseISO, startOfISOWeek, subWeeks } from 'date-fns';
import { z } from 'zod';
import {
  Metric,
  MissionStatus,
  ReflectionReason,
  STANDARD_METRICS,
  metricLabel,
} from '../../shared/mission.ts';
import type { TeamDatabase } from '../db/connection.ts';
import { prepare } from '../db/prepared.ts';

/** The key a metric filters by: its unit, as the board writes it ("meetings", "proposals"). */
export const metricKey = (metric: Metric): string => metricLabel(metric, 2).toLowerCase();

export interface DayPlan {
  /** yyyy-MM-dd */
  date: string;
  wins: number;
  /** Wins the team's missions planned for the day, to one decimal. */
  plan: number;
}

export interface RepMission {
  id: string;
  title: string;
  metric: Metric;
  target: number;
  total: number;
  status: MissionStatus;
  startDate: string;
  endDate: string;
  paceLabel: string;
  streakBest: number;
  /** Milestones hit of those due over the whole mission. */
  hit: number;
  due: number;
  reflection: { reason: ReflectionReason; note: string; nextStep: string } | null;
}

/** Milestones hit of those due in one ISO week (its Monday), over all of a rep's missions. */
export interface WeekRate {
  week: string;
  hit: number;
  due: number;
}

/** The weeks a hit-rate chart shows. */
export const RATE_WEEKS = 8;

/** The Mondays of the last `RATE_WEEKS` ISO weeks, oldest first. */
export function rateWeeks(at: Date): string[] {
  return Array.from({ length: RATE_WEEKS }, (_, i) =>
    dateOf(startOfISOWeek(subWeeks(at, RATE_WEEKS - 1 - i))),
  );
}

export interface RepPage {
  id: string;
  name: string;
  /** The last RATE_WEEKS weeks, oldest first. */
  weeks: WeekRate[];
  /** Newest first (by start date). */
  missions: RepMission[];
}

const JsonDates = z.array(z.string());
const Daily = z.array(z.tuple([z.string(), z.int()]));
const Weekdays = z.array(z.int().min(1).max(7));
const Weeks = z.array(z.tuple([z.string(), z.int(), z.int()]));

/** A JSON column as its schema reads it, or `fallback`: one odd row costs only itself. */
function parsed<T>(schema: z.ZodType<T>, text: string, fallback: T): T {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : fallback;
  } catch {
    return fallback;
  }
}

const dateOf = (d: Date): string => format(d, 'yyyy-MM-dd');

/**
 * A mission's plan per day: its target spread evenly over the working days of its period that
 * the rep is not away. The same rule as the app's pace, without the milestones' deadlines.
 */
export function planPerDay(mission: {
  target: number;
  startDate: string;
  endDate: string;
  workingDays: readonly number[];
  away: readonly string[];
}): Map<string, number> {
  const away = new Set(mission.away);
  const days: string[] = [];
  const end = parseISO(mission.endDate);
  for (let d = parseISO(mission.startDate); d <= end && days.length <= 400; d = addDays(d, 1)) {
    const date = dateOf(d);
    if (mission.workingDays.includes(getISODay(d)) && !away.has(date)) days.push(date);
  }
  const share = days.length ? mission.target / days.length : 0;
  return new Map(days.map((date) => [date, share]));
}

export function createBoardCharts(database: TeamDatabase, now: () => Date = () => new Date()) {
  const { db } = database;
  const metricCache = new Map<string, Metric | null>();
  function metricOf(json: string): Metric | null {
    let metric = metricCache.get(json);
    if (metric === undefined) {
      metric = parsed(Metric.nullable(), json, null);
      metricCache.set(json, metric);
    }
    return metric;
  }

  // Compiled once: every open board asks it every second.
  const tokenOf = prepare({ teamId: '' }, (p) =>
    db
      .selectFrom('missions')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('total').as('wins'),
        eb.fn.max('updated_at').as('latest'),
        eb
          .selectFrom('reps')
          .select((r) => r.fn.countAll<number>().as('reps'))
          .where('team_id', '=', p.teamId)
          .where('revoked_at', 'is', null)
          .as('reps'),
      ])
      .where('team_id', '=', p.teamId),
  );

  return {
    /**
     * What changes when the board would: the team's mission count, their wins in all and the
     * latest write, and the active reps, plus the server's date ("away today" turns at
     * midnight). One round trip over the team's index range, so 50 open boards polling it each
     * second cost little.
     */
    async changeToken(teamId: string): Promise<string> {
      const [row] = (await db.executeQuery(tokenOf({ teamId }))).rows;
      const today = now().toISOString().slice(0, 10);
      return [
        today,
        Number(row?.reps ?? 0),
        Number(row?.n ?? 0),
        Number(row?.wins ?? 0),
        row?.latest ?? '',
      ].join('.');
    },

    /** The metrics the team's missions count, for the board's filter: key and label, by label. */
    async metrics(teamId: string): Promise<{ key: string; label: string }[]> {
      const rows = await db
        .selectFrom('missions')
        .select('metric')
        .distinct()
        .where('team_id', '=', teamId)
        .execute();
      const byKey = new Map<string, string>();
      for (const row of rows) {
        const metric = metricOf(row.metric);
        if (metric) byKey.set(metricKey(metric), metricLabel(metric, 2));
      }
      const standard: readonly string[] = STANDARD_METRICS;
      return [...byKey]
        .map(([key, label]) => ({ key, label }))
        .sort((a, b) => {
          const ia = standard.indexOf(a.key);
          const ib = standard.indexOf(b.key);
          if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
          return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
        });
    },

    /**
     * The team's wins each day of this ISO week (the server's UTC date, as the board's "today")
     * and the plan of the missions running that day; only missions of `metric` if given.
     */
    async winsThisWeek(teamId: string, metric: string | null = null): Promise<DayPlan[]> {
      const monday = startOfISOWeek(now());
      const dates = Array.from({ length: 7 }, (_, i) => dateOf(addDays(monday, i)));
      const first = dates[0] ?? '';
      const last = dates[6] ?? '';
      const rows = await db
        .selectFrom('missions')
        .select(['metric', 'target', 'start_date', 'end_date', 'working_days', 'away', 'daily'])
        .where('team_id', '=', teamId)
        .where('start_date', '<=', last)
        .where('end_date', '>=', first)
        .execute();
      const wins = new Map<string, number>(dates.map((d) => [d, 0]));
      const plan = new Map<string, number>(dates.map((d) => [d, 0]));
      for (const row of rows) {
        const m = metricOf(row.metric);
        if (metric !== null && (!m || metricKey(m) !== metric)) continue;
        for (const [date, count] of parsed(Daily, row.daily, [])) {
          const sum = wins.get(date);
          if (sum !== undefined) wins.set(date, sum + count);
        }
        const perDay = planPerDay({
          target: row.target,
          startDate: row.start_date,
          endDate: row.end_date,
          workingDays: parsed(Weekdays, row.working_days, [1, 2, 3, 4, 5]),
          away: parsed(JsonDates, row.away, []),
        });
        for (const date of dates) {
          const share = perDay.get(date);
          if (share !== undefined) plan.set(date, (plan.get(date) ?? 0) + share);
        }
      }
      return dates.map((date) => ({
        date,
        wins: wins.get(date) ?? 0,
        plan: Math.round((plan.get(date) ?? 0) * 10) / 10,
      }));
    },

    /** One rep of this team (not revoked) and their public missions; null for anyone else. */
    async rep(teamId: string, repId: string): Promise<RepPage | null> {
      const rep = await db
        .selectFrom('reps')
        .select(['id', 'name'])
        .where('id', '=', repId)
        .where('team_id', '=', teamId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!rep) return null;
      const rows = await db
        .selectFrom('missions')
        .select([
          'id',
          'title',
          'metric',
          'target',
          'total',
          'status',
          'start_date',
          'end_date',
          'pace_label',
          'streak_best',
          'weeks',
          'reflection_reason',
          'reflection_note',
          'reflection_next',
        ])
        .where('rep_id', '=', rep.id)
        .where('team_id', '=', teamId)
        .orderBy('start_date', 'desc')
        .orderBy('title')
        .orderBy('id')
        .execute();
      const missions: RepMission[] = [];
      const weekly = new Map(rateWeeks(now()).map((week) => [week, { week, hit: 0, due: 0 }]));
      for (const row of rows) {
        const metric = metricOf(row.metric);
        const status = MissionStatus.safeParse(row.status);
        if (!metric || !status.success) continue;
        const weeks = parsed(Weeks, row.weeks, []);
        for (const [week, hit, due] of weeks) {
          const slot = weekly.get(week);
          if (slot) {
            slot.hit += hit;
            slot.due += due;
          }
        }
        const reason = ReflectionReason.safeParse(row.reflection_reason);
        missions.push({
          id: row.id,
          title: row.title,
          metric,
          target: row.target,
          total: row.total,
          status: status.data,
          startDate: row.start_date,
          endDate: row.end_date,
          paceLabel: row.pace_label,
          streakBest: row.streak_best,
          hit: weeks.reduce((n, [, hit]) => n + hit, 0),
          due: weeks.reduce((n, [, , due]) => n + due, 0),
          reflection: reason.success
            ? {
                reason: reason.data,
                note: row.reflection_note ?? '',
                nextStep: row.reflection_next ?? '',
              }
            : null,
        });
      }
      return { id: rep.id, name: rep.name, weeks: [...weekly.values()], missions };
    },
  };
}

export type BoardCharts = ReturnType<typeof createBoardCharts>;
