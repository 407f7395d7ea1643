// What reps and managers read: the team view (in the app) and the board's data. Each is a handful
// of queries over one team; the board reads denormalized columns, never the state JSON.
import { type AliasedSelectQueryBuilder, type CompiledQuery, sql } from 'kysely';
import { format, startOfISOWeek, subWeeks } from 'date-fns';
import { z } from 'zod';
import { Metric, MissionStatus, ReflectionReason } from '../../shared/mission.ts';
import type { TeamView } from '../../shared/team.ts';
import type { TeamDatabase } from '../db/connection.ts';
import { prepare } from '../db/prepared.ts';
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

const WEEKS = 8;
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
 * a < b as the databases order text, byte by byte in UTF-8 (SQLite's BINARY, PostgreSQL's "C";
 * db/migrations.ts). JavaScript compares UTF-16 units, which agrees except where a character
 * beyond U+FFFF (a surrogate pair) meets one from U+E000 to U+FFFF: those two are swapped back.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === length) return a.length - b.length;
  const unit = (c: number) =>
    c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c;
  return unit(a.charCodeAt(i)) - unit(b.charCodeAt(i));
}

/** A rep's missions on the board: latest end date first, then by title, then by id. */
const latestFirst = (
  a: Pick<BoardRow, 'end_date' | 'title' | 'id'>,
  b: Pick<BoardRow, 'end_date' | 'title' | 'id'>,
): number =>
  compareText(b.end_date, a.end_date) || compareText(a.title, b.title) || compareText(a.id, b.id);

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
type ListPart = 'behind' | 'coaching' | 'feed';

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
  const todayQuoted = (at: Date): string => `"${at.toISOString().slice(0, 10)}"`;
  function missionOf(row: BoardRow, today: string): BoardMission {
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
      awayToday: row.away.includes(today),
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

  // The board's queries, compiled once (db/prepared.ts): building and compiling them cost the
  // server more than PostgreSQL took to run them. A page of reps (by name), with how many there
  // are in all.
  const pageOfReps = (p: { teamId: string; offset: number }) =>
    db
      .selectFrom('reps')
      .where('team_id', '=', p.teamId)
      .where('revoked_at', 'is', null)
      .orderBy('name')
      .orderBy('id')
      .limit(REPS_PER_PAGE)
      .offset(p.offset);
  const repsOnPage = prepare({ teamId: '', offset: 0 }, (p) =>
    pageOfReps(p).select(['id', 'name', sql<number>`count(*) OVER ()`.as('rep_count')]),
  );
  // Their missions: the page's reps are this team's, so their ids alone pick the rows (a few
  // ranges of the primary key). Ordered here (latestFirst), not by SQLite, whose sorter copies
  // every wide row into a temporary b-tree: that sort was most of the query's time.
  const missionsOnPage = prepare({ teamId: '', offset: 0 }, (p) =>
    missionsOf()
      .select([...BOARD_COLUMNS])
      .where('m.rep_id', 'in', pageOfReps(p).select('id')),
  );
  const countReps = prepare({ teamId: '' }, (p) =>
    db
      .selectFrom('reps')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', p.teamId)
      .where('revoked_at', 'is', null),
  );
  // The team-wide lists, in one query: the furthest behind, the latest missed missions per
  // reason, and the missions with the latest wins, each numbered (n) in its own order and with
  // the size of its whole group, so no list needs a count of its own. Each list is chosen and
  // numbered on the missions' keys alone, and only its few missions are then read whole: no
  // index orders a team's missions (an upsert would rewrite it), and sorting the whole rows of a
  // large team (SQLite's sorter copies each row) was most of the query's time: 9.9 of 12.2 ms
  // for 5,000 missions, against 2.8 ms on the keys. Each is a subquery, as SQLite takes no ORDER
  // BY or LIMIT on the members of a UNION.
  const listsOf = prepare({ teamId: '', notAway: '' }, (p) => {
    const keysOf = () =>
      missionsOf().select(['m.rep_id', 'm.id']).where('m.team_id', '=', p.teamId);
    type Keys = { rep_id: string; id: string; n: number; group_total: number };
    /** The whole rows of a list's missions, chosen and numbered (n, group_total) by `keys`. */
    const whole = (part: ListPart, keys: AliasedSelectQueryBuilder<Keys, 'k'>) =>
      db
        .selectFrom(keys)
        .innerJoin('missions as m', (join) =>
          join
            .on('m.team_id', '=', p.teamId)
            .onRef('m.rep_id', '=', 'k.rep_id')
            .onRef('m.id', '=', 'k.id'),
        )
        .innerJoin('reps as r', 'r.id', 'm.rep_id')
        .select([...BOARD_COLUMNS, 'm.wins', 'r.name', 'k.n', 'k.group_total'])
        .select(sql<ListPart>`${sql.lit(part)}`.as('part'));
    const behind = keysOf()
      .select([
        sql<number>`row_number() OVER (ORDER BY m.pace_delta, m.rep_id, m.id)`.as('n'),
        sql<number>`count(*) OVER ()`.as('group_total'),
      ])
      .where('m.status', '=', 'active')
      .where('m.pace_delta', '<', 0)
      // Away today is not behind: a manager never coaches someone on holiday.
      .where('m.away', 'not like', p.notAway)
      .orderBy('m.pace_delta')
      .orderBy('m.rep_id')
      .orderBy('m.id')
      .limit(LIST_LIMIT);
    // group_total, not total: the missions' own total column is selected too.
    const coaching = db
      .selectFrom(
        keysOf()
          .select([
            sql<number>`row_number() OVER (PARTITION BY m.reflection_reason ORDER BY m.end_date DESC, m.title, m.id)`.as(
              'n',
            ),
            sql<number>`count(*) OVER (PARTITION BY m.reflection_reason)`.as('group_total'),
          ])
          .where('m.status', 'in', ['missed', 'abandoned'])
          .as('c'),
      )
      .selectAll()
      .where('c.n', '<=', LIST_LIMIT);
    // The team's 20 latest wins are among the 20 missions with the latest wins.
    const feed = keysOf()
      .select([
        sql<number>`row_number() OVER (ORDER BY m.last_win_at DESC)`.as('n'),
        // Not counted: the feed is the 20 latest.
        sql<number>`0`.as('group_total'),
      ])
      .where('m.last_win_at', 'is not', null)
      .orderBy('m.last_win_at', 'desc')
      .limit(FEED);
    return whole('behind', behind.as('k'))
      .unionAll(whole('coaching', coaching.as('k')))
      .unionAll(whole('feed', feed.as('k')));
  });
  const rowsOf = async <R>(query: CompiledQuery<R>): Promise<R[]> =>
    (await db.executeQuery(query)).rows;

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
      const today = todayQuoted(now());
      for (const row of rows) {
        const m = missionOf(row, today);
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
      const today = todayQuoted(at);
      const firstWeek = format(startOfISOWeek(subWeeks(at, WEEKS - 1)), 'yyyy-MM-dd');
      const weeks = Array.from({ length: WEEKS }, (_, i) =>
        format(startOfISOWeek(subWeeks(at, WEEKS - 1 - i)), 'yyyy-MM-dd'),
      );
      // Sent together: on PostgreSQL each query is a round trip to another process, and on a
      // busy machine every round trip waits to be scheduled; sent one after another (the board
      // made seven), those waits added up to most of the page's time.
      const onPage = (n: number) => ({ teamId, offset: (n - 1) * REPS_PER_PAGE });
      let current = Math.max(1, page);
      const lists = rowsOf(listsOf({ teamId, notAway: `%${today}%` }));
      let [repRows, missionRows] = await Promise.all([
        rowsOf(repsOnPage(onPage(current))),
        rowsOf(missionsOnPage(onPage(current))),
        lists,
      ]);
      if (repRows.length === 0 && current > 1) {
        // Past the last page: the last one (rare, so its count costs a query of its own).
        const [count] = await rowsOf(countReps({ teamId }));
        current = Math.max(1, Math.ceil(Number(count?.n ?? 0) / REPS_PER_PAGE));
        [repRows, missionRows] = await Promise.all([
          rowsOf(repsOnPage(onPage(current))),
          rowsOf(missionsOnPage(onPage(current))),
        ]);
      }
      const repCount = Number(repRows[0]?.rep_count ?? 0);
      const pages = Math.max(1, Math.ceil(repCount / REPS_PER_PAGE));
      const reps = new Map<string, BoardRep>(
        repRows.map((row) => [
          row.id,
          {
            id: row.id,
            name: row.name,
            missions: [],
            weeks: weeks.map((week) => ({ week, hit: 0, due: 0 })),
          },
        ]),
      );
      for (const row of missionRows.sort(latestFirst)) {
        const rep = reps.get(row.rep_id);
        if (!rep) continue;
        rep.missions.push(missionOf(row, today));
        for (const [week, hit, due] of jsonColumn(WeeksColumn, row.weeks)) {
          if (week < firstWeek) continue;
          const slot = rep.weeks.find((w) => w.week === week);
          if (slot) {
            slot.hit += hit;
            slot.due += due;
          }
        }
      }

      const behind: BoardData['behind'] = [];
      let behindTotal = 0;
      const coaching = new Map<ReflectionReason | 'not-shared', BoardData['coaching'][number]>();
      const feed: BoardData['feed'] = [];
      // Each list in its own order (n); the union's rows come in any order.
      for (const row of (await lists).sort((a, b) => Number(a.n) - Number(b.n))) {
        if (row.part === 'feed') {
          for (const [winAt, amount] of jsonColumn(WinsColumn, row.wins))
            feed.push({
              rep: row.name,
              mission: row.title,
              metric: metricOf(row.metric),
              amount,
              at: winAt,
            });
          continue;
        }
        const mission = missionOf(row, today);
        if (row.part === 'behind') {
          behindTotal = Number(row.group_total);
          behind.push({ rep: row.name, mission });
          continue;
        }
        const reason = mission.reflection?.reason ?? 'not-shared';
        const group = coaching.get(reason) ?? { reason, items: [], total: Number(row.group_total) };
        group.items.push({ rep: row.name, mission });
        coaching.set(reason, group);
      }
      const reasons: (ReflectionReason | 'not-shared')[] = [
        ...ReflectionReason.options,
        'not-shared',
      ];
      return {
        team: teamName,
        generatedAt: at.toISOString(),
        weeks,
        reps: [...reps.values()],
        page: current,
        pages,
        repCount,
        behindTotal,
        feed: feed.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, FEED),
        behind,
        coaching: reasons.flatMap((r) => {
          const group = coaching.get(r);
          return group ? [group] : [];
        }),
      };
    },
  };
}

export type BoardReads = ReturnType<typeof createBoardReads>;
