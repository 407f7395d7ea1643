// What reps and managers read: the team view (in the app) and the board's data. Each is a handful
// of queries over one team; the board reads denormalized columns, never the state JSON.
import { sql } from 'kysely';
import { format, startOfISOWeek, subWeeks } from 'date-fns';
import { z } from 'zod';
import { Metric, MissionStatus, ReflectionReason } from '../../shared/mission.ts';
import type { TeamView } from '../../shared/team.ts';
import type { TeamDatabase } from '../db/connection.ts';
import type { TeamSchema } from '../db/schema.ts';
import type { Rep } from './accounts.ts';

export interface BoardMission {
  id: string;
  title: string;
  metric: Metric;
  target: number;
  total: number;
  status: MissionStatus;
  paceDelta: number;
  paceLabel: string;
  /** The rep marked today as time off: the board shows them away, not behind. */
  awayToday: boolean;
  streakCurrent: number;
  streakBest: number;
  endDate: string;
  reflection: { reason: ReflectionReason; note: string; nextStep: string } | null;
}

export interface BoardRep {
  id: string;
  name: string;
  missions: BoardMission[];
  /** Milestones hit of those due, per week, oldest first (weeks with nothing due are 0 of 0). */
  weeks: { week: string; hit: number; due: number }[];
}

export interface BoardData {
  team: string;
  generatedAt: string;
  weeks: string[];
  /** The reps on this page of the board (REPS_PER_PAGE, by name). */
  reps: BoardRep[];
  page: number;
  pages: number;
  repCount: number;
  /** How many missions are behind in all; `behind` lists the furthest behind. */
  behindTotal: number;
  feed: { rep: string; mission: string; metric: Metric; amount: number; at: string }[];
  behind: { rep: string; mission: BoardMission }[];
  coaching: {
    reason: ReflectionReason | 'not-shared';
    /** The latest ones (by end date); `total` counts them all. */
    items: { rep: string; mission: BoardMission }[];
    total: number;
  }[];
}

/** A big team's board is paged by reps, so it stays quick to load and to read. */
export const REPS_PER_PAGE = 50;
/** Longest list in "behind pace" and in each coaching group. */
const LIST_LIMIT = 25;

const WEEKS = 4;
const BOARD_COLUMNS = [
  'm.id',
  'm.rep_id',
  'm.title',
  'm.metric',
  'm.target',
  'm.total',
  'm.status',
  'm.end_date',
  'm.pace_expected',
  'm.pace_delta',
  'm.pace_label',
  'm.streak_current',
  'm.streak_best',
  'm.reflection_reason',
  'm.reflection_note',
  'm.reflection_next',
  'm.weeks',
  'm.away',
] as const;
type BoardRow = Pick<
  TeamSchema['missions'],
  | 'id'
  | 'rep_id'
  | 'title'
  | 'metric'
  | 'target'
  | 'total'
  | 'status'
  | 'end_date'
  | 'pace_expected'
  | 'pace_delta'
  | 'pace_label'
  | 'streak_current'
  | 'streak_best'
  | 'reflection_reason'
  | 'reflection_note'
  | 'reflection_next'
  | 'away'
>;
const WeeksColumn = z.array(z.tuple([z.string(), z.int(), z.int()]));
const WinsColumn = z.array(z.tuple([z.string(), z.int()]));

/**
 * A JSON column as its schema reads it, or nothing: one row written by an older server with
 * numbers out of today's bounds must cost the board that row's tallies, never the whole page.
 */
function jsonColumn<T>(schema: z.ZodType<T>, text: string): T | [] {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
const FEED = 20;

export function createBoardReads(database: TeamDatabase, now: () => Date = () => new Date()) {
  const { db } = database;
  const missionsOf = () => db.selectFrom('missions as m');
  const withReps = () => missionsOf().innerJoin('reps as r', 'r.id', 'm.rep_id');
  const repsOf = (teamId: string) =>
    db
      .selectFrom('reps')
      .select(['id', 'name'])
      .where('team_id', '=', teamId)
      .where('revoked_at', 'is', null)
      .orderBy('name')
      .orderBy('id')
      .execute();

  // Metric JSON is written by us from a parsed payload; parse it back rather than trust it.
  const metricCache = new Map<string, Metric>();
  function metricOf(json: string): Metric {
    let metric = metricCache.get(json);
    if (!metric) {
      metric = Metric.parse(JSON.parse(json));
      metricCache.set(json, metric);
    }
    return metric;
  }

  // The server does not know each rep's zone: "today" is the server's UTC date, so around
  // midnight a rep far east or west is shown away a few hours early or late.
  const todayQuoted = (): string => `"${now().toISOString().slice(0, 10)}"`;
  function missionOf(row: BoardRow): BoardMission {
    const reason = row.reflection_reason;
    return {
      id: row.id,
      title: row.title,
      metric: metricOf(row.metric),
      target: row.target,
      total: row.total,
      status: MissionStatus.parse(row.status),
      paceDelta: row.pace_delta,
      paceLabel: row.pace_label,
      awayToday: row.away.includes(todayQuoted()),
      streakCurrent: row.streak_current,
      streakBest: row.streak_best,
      endDate: row.end_date,
      reflection: reason
        ? {
            reason: ReflectionReason.parse(reason),
            note: row.reflection_note ?? '',
            nextStep: row.reflection_next ?? '',
          }
        : null,
    };
  }

  return {
    async teamView(rep: Rep): Promise<TeamView> {
      const cheerRows = await missionsOf()
        .innerJoin('cheers as c', 'c.mission_id', 'm.id')
        .select((eb) => [
          'c.mission_id',
          eb.fn.countAll<number>().as('n'),
          eb.fn
            .sum<number>(eb.case().when('c.from_rep_id', '=', rep.id).then(1).else(0).end())
            .as('mine'),
        ])
        .where('m.team_id', '=', rep.teamId)
        .groupBy('c.mission_id')
        .execute();
      const cheers = new Map(
        cheerRows.map((row) => [row.mission_id, { n: Number(row.n), mine: Number(row.mine) > 0 }]),
      );
      const rows = await withReps()
        .select([...BOARD_COLUMNS])
        .where('m.team_id', '=', rep.teamId)
        .where('r.revoked_at', 'is', null)
        .orderBy('m.end_date', 'desc')
        .orderBy('m.title')
        .orderBy('m.id')
        .execute();
      const byRep = new Map<string, TeamView['reps'][number]['missions']>();
      for (const row of rows) {
        const m = missionOf(row);
        const list = byRep.get(row.rep_id) ?? [];
        list.push({
          missionId: m.id,
          title: m.title,
          metric: m.metric,
          target: m.target,
          total: m.total,
          pace: {
            expected: row.pace_expected,
            actual: m.total,
            delta: m.paceDelta,
            label: m.paceLabel,
          },
          streak: { current: m.streakCurrent, best: m.streakBest },
          status: m.status,
          endDate: m.endDate,
          cheers: cheers.get(m.id)?.n ?? 0,
          cheeredByMe: cheers.get(m.id)?.mine ?? false,
        });
        byRep.set(row.rep_id, list);
      }
      const received = await missionsOf()
        .innerJoin('cheers as c', 'c.mission_id', 'm.id')
        .innerJoin('reps as r', 'r.id', 'c.from_rep_id')
        .select(['c.mission_id', 'm.title', 'r.name', 'c.at'])
        .where('m.team_id', '=', rep.teamId)
        .where('m.rep_id', '=', rep.id)
        .orderBy('c.at', 'desc')
        .limit(50)
        .execute();
      return {
        me: { repId: rep.id, name: rep.name, team: rep.teamName },
        reps: (await repsOf(rep.teamId)).map((row) => ({
          repId: row.id,
          name: row.name,
          missions: byRep.get(row.id) ?? [],
        })),
        cheersReceived: received.map((row) => ({
          missionId: row.mission_id,
          missionTitle: row.title,
          from: row.name,
          at: row.at,
        })),
      };
    },

    async board(teamId: string, teamName: string, page = 1): Promise<BoardData> {
      const at = now();
      const firstWeek = format(startOfISOWeek(subWeeks(at, WEEKS - 1)), 'yyyy-MM-dd');
      const weeks = Array.from({ length: WEEKS }, (_, i) =>
        format(startOfISOWeek(subWeeks(at, WEEKS - 1 - i)), 'yyyy-MM-dd'),
      );
      const reps = new Map<string, BoardRep>(
        (await repsOf(teamId)).map((row) => [
          row.id,
          {
            id: row.id,
            name: row.name,
            missions: [],
            weeks: weeks.map((week) => ({ week, hit: 0, due: 0 })),
          },
        ]),
      );
      const all = [...reps.values()];
      const pages = Math.max(1, Math.ceil(all.length / REPS_PER_PAGE));
      const current = Math.min(Math.max(1, page), pages);
      const onPage = all.slice((current - 1) * REPS_PER_PAGE, current * REPS_PER_PAGE);
      // The board reads only what it shows: the missions of one page of reps, the furthest
      // behind, and the latest missed missions per reason, with counts — not every row of a big
      // team. The page's reps are this team's (from `reps`), so their ids alone pick the rows.
      const pageRows =
        onPage.length === 0
          ? []
          : await missionsOf()
              .select([...BOARD_COLUMNS])
              .where(
                'm.rep_id',
                'in',
                onPage.map((r) => r.id),
              )
              .orderBy('m.end_date', 'desc')
              .orderBy('m.title')
              .orderBy('m.id')
              .execute();
      for (const row of pageRows) {
        const rep = reps.get(row.rep_id);
        if (!rep) continue;
        rep.missions.push(missionOf(row));
        for (const [week, hit, due] of jsonColumn(WeeksColumn, row.weeks)) {
          if (week < firstWeek) continue;
          const slot = rep.weeks.find((w) => w.week === week);
          if (slot) {
            slot.hit += hit;
            slot.due += due;
          }
        }
      }
      const behindWhere = missionsOf()
        .where('m.team_id', '=', teamId)
        .where('m.status', '=', 'active')
        .where('m.pace_delta', '<', 0)
        // Away today is not behind: a manager never coaches someone on holiday.
        .where('m.away', 'not like', `%${todayQuoted()}%`);
      const behindCount = await behindWhere
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      const behind = await behindWhere
        .innerJoin('reps as r', 'r.id', 'm.rep_id')
        .select([...BOARD_COLUMNS, 'r.name'])
        .orderBy('m.pace_delta')
        .orderBy('m.rep_id')
        .orderBy('m.id')
        .limit(LIST_LIMIT)
        .execute();
      // group_total, not total: the missions' own total column is selected too.
      const coachingRows = await db
        .selectFrom(
          withReps()
            .select([
              ...BOARD_COLUMNS,
              'r.name',
              sql<number>`row_number() OVER (PARTITION BY m.reflection_reason ORDER BY m.end_date DESC, m.title, m.id)`.as(
                'n',
              ),
              sql<number>`count(*) OVER (PARTITION BY m.reflection_reason)`.as('group_total'),
            ])
            .where('m.team_id', '=', teamId)
            .where('m.status', 'in', ['missed', 'abandoned'])
            .as('c'),
        )
        .selectAll()
        .where('c.n', '<=', LIST_LIMIT)
        .orderBy('c.n')
        .execute();
      const coaching = new Map<ReflectionReason | 'not-shared', BoardData['coaching'][number]>();
      for (const row of coachingRows) {
        const mission = missionOf(row);
        const reason = mission.reflection?.reason ?? 'not-shared';
        const group = coaching.get(reason) ?? {
          reason,
          items: [],
          total: Number(row.group_total),
        };
        group.items.push({ rep: row.name, mission });
        coaching.set(reason, group);
      }
      const reasons: (ReflectionReason | 'not-shared')[] = [
        ...ReflectionReason.options,
        'not-shared',
      ];
      // The team's 20 latest wins are among the 20 missions with the latest wins.
      const feedRows = await withReps()
        .select(['r.name', 'm.title', 'm.metric', 'm.wins'])
        .where('m.team_id', '=', teamId)
        .where('m.last_win_at', 'is not', null)
        .orderBy('m.last_win_at', 'desc')
        .limit(FEED)
        .execute();
      return {
        team: teamName,
        generatedAt: at.toISOString(),
        weeks,
        reps: onPage,
        page: current,
        pages,
        repCount: all.length,
        behindTotal: Number(behindCount?.n ?? 0),
        feed: feedRows
          .flatMap((row) =>
            jsonColumn(WinsColumn, row.wins).map(([winAt, amount]) => ({
              rep: row.name,
              mission: row.title,
              metric: metricOf(row.metric),
              amount,
              at: winAt,
            })),
          )
          .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
          .slice(0, FEED),
        behind: behind.map((row) => ({ rep: row.name, mission: missionOf(row) })),
        coaching: reasons.flatMap((r) => {
          const group = coaching.get(r);
          return group ? [group] : [];
        }),
      };
    },
  };
}

export type BoardReads = ReturnType<typeof createBoardReads>;
