// What reps and managers read: the team view (in the app) and the board's data. Each is a handful
// of prepared queries over one team; the board reads denormalized columns, never the state JSON.
import type { DatabaseSync } from 'node:sqlite';
import { format, startOfISOWeek, subWeeks } from 'date-fns';
import { z } from 'zod';
import { Metric, MissionStatus, ReflectionReason } from '../shared/mission.ts';
import type { TeamView } from '../shared/team.ts';
import { type Rep, type Row, int, str, strOrNull } from './db.ts';

export interface BoardMission {
  id: string;
  title: string;
  metric: Metric;
  target: number;
  total: number;
  status: MissionStatus;
  paceDelta: number;
  paceLabel: string;
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
const BOARD_COLUMNS = `m.id, m.rep_id, m.title, m.metric, m.target, m.total, m.status, m.end_date,
  m.pace_expected, m.pace_delta, m.pace_label, m.streak_current, m.streak_best,
  m.reflection_reason, m.reflection_note, m.reflection_next, m.weeks`;
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

export function createTeamReads(db: DatabaseSync, now: () => Date = () => new Date()) {
  const q = {
    reps: db.prepare(
      'SELECT id, name FROM reps WHERE team_id = ? AND revoked_at IS NULL ORDER BY name, id',
    ),
    // The board reads only what it shows: the missions of one page of reps, the furthest behind,
    // and the latest missed missions per reason, with counts — not every row of a big team.
    // The page's reps are this team's (from `reps`), so their ids alone pick the rows.
    pageMissions: db.prepare(
      `SELECT ${BOARD_COLUMNS} FROM missions m
       WHERE m.rep_id IN (SELECT value FROM json_each(?)) ORDER BY m.end_date DESC, m.title`,
    ),
    behind: db.prepare(
      `SELECT ${BOARD_COLUMNS}, r.name FROM missions m JOIN reps r ON r.id = m.rep_id
       WHERE m.team_id = ? AND m.status = 'active' AND m.pace_delta < 0
       ORDER BY m.pace_delta LIMIT ${LIST_LIMIT}`,
    ),
    behindCount: db.prepare(
      `SELECT count(*) AS n FROM missions
       WHERE team_id = ? AND status = 'active' AND pace_delta < 0`,
    ),
    // group_total, not total: the missions' own total column is selected too.
    coaching: db.prepare(
      `SELECT * FROM (
         SELECT ${BOARD_COLUMNS}, r.name,
           row_number() OVER (PARTITION BY m.reflection_reason ORDER BY m.end_date DESC, m.title) AS n,
           count(*) OVER (PARTITION BY m.reflection_reason) AS group_total
         FROM missions m JOIN reps r ON r.id = m.rep_id
         WHERE m.team_id = ? AND m.status IN ('missed', 'abandoned'))
       WHERE n <= ${LIST_LIMIT}`,
    ),
    missions: db.prepare(
      `SELECT m.id, m.rep_id, m.title, m.metric, m.target, m.total, m.status, m.end_date,
         m.pace_expected, m.pace_delta, m.pace_label, m.streak_current, m.streak_best,
         m.reflection_reason, m.reflection_note, m.reflection_next
       FROM missions m JOIN reps r ON r.id = m.rep_id
       WHERE m.team_id = ? AND r.revoked_at IS NULL ORDER BY m.end_date DESC, m.title`,
    ),
    cheers: db.prepare(
      `SELECT c.mission_id, count(*) AS n, sum(c.from_rep_id = ?) AS mine FROM missions m
       JOIN cheers c ON c.mission_id = m.id WHERE m.team_id = ? GROUP BY c.mission_id`,
    ),
    cheersReceived: db.prepare(
      `SELECT c.mission_id, m.title, r.name, c.at FROM missions m
       JOIN cheers c ON c.mission_id = m.id JOIN reps r ON r.id = c.from_rep_id
       WHERE m.team_id = ? AND m.rep_id = ? ORDER BY c.at DESC LIMIT 50`,
    ),
    // The team's 20 latest wins are among the 20 missions with the latest wins.
    feed: db.prepare(
      `SELECT r.name, m.title, m.metric, m.wins FROM missions m JOIN reps r ON r.id = m.rep_id
       WHERE m.team_id = ? AND m.last_win_at IS NOT NULL
       ORDER BY m.last_win_at DESC LIMIT ${FEED}`,
    ),
  };

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

  function missionOf(row: Row): BoardMission {
    const reason = strOrNull(row, 'reflection_reason');
    return {
      id: str(row, 'id'),
      title: str(row, 'title'),
      metric: metricOf(str(row, 'metric')),
      target: int(row, 'target'),
      total: int(row, 'total'),
      status: MissionStatus.parse(str(row, 'status')),
      paceDelta: int(row, 'pace_delta'),
      paceLabel: str(row, 'pace_label'),
      streakCurrent: int(row, 'streak_current'),
      streakBest: int(row, 'streak_best'),
      endDate: str(row, 'end_date'),
      reflection: reason
        ? {
            reason: ReflectionReason.parse(reason),
            note: strOrNull(row, 'reflection_note') ?? '',
            nextStep: strOrNull(row, 'reflection_next') ?? '',
          }
        : null,
    };
  }

  return {
    teamView(rep: Rep): TeamView {
      const cheers = new Map(
        q.cheers
          .all(rep.id, rep.teamId)
          .map((row) => [str(row, 'mission_id'), { n: int(row, 'n'), mine: int(row, 'mine') > 0 }]),
      );
      const byRep = new Map<string, TeamView['reps'][number]['missions']>();
      for (const row of q.missions.all(rep.teamId)) {
        const m = missionOf(row);
        const list = byRep.get(str(row, 'rep_id')) ?? [];
        list.push({
          missionId: m.id,
          title: m.title,
          metric: m.metric,
          target: m.target,
          total: m.total,
          pace: {
            expected: int(row, 'pace_expected'),
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
        byRep.set(str(row, 'rep_id'), list);
      }
      return {
        me: { repId: rep.id, name: rep.name, team: rep.teamName },
        reps: q.reps.all(rep.teamId).map((row) => ({
          repId: str(row, 'id'),
          name: str(row, 'name'),
          missions: byRep.get(str(row, 'id')) ?? [],
        })),
        cheersReceived: q.cheersReceived.all(rep.teamId, rep.id).map((row) => ({
          missionId: str(row, 'mission_id'),
          missionTitle: str(row, 'title'),
          from: str(row, 'name'),
          at: str(row, 'at'),
        })),
      };
    },

    board(teamId: string, teamName: string, page = 1): BoardData {
      const at = now();
      const firstWeek = format(startOfISOWeek(subWeeks(at, WEEKS - 1)), 'yyyy-MM-dd');
      const weeks = Array.from({ length: WEEKS }, (_, i) =>
        format(startOfISOWeek(subWeeks(at, WEEKS - 1 - i)), 'yyyy-MM-dd'),
      );
      const reps = new Map<string, BoardRep>(
        q.reps.all(teamId).map((row) => [
          str(row, 'id'),
          {
            id: str(row, 'id'),
            name: str(row, 'name'),
            missions: [],
            weeks: weeks.map((week) => ({ week, hit: 0, due: 0 })),
          },
        ]),
      );
      const all = [...reps.values()];
      const pages = Math.max(1, Math.ceil(all.length / REPS_PER_PAGE));
      const current = Math.min(Math.max(1, page), pages);
      const onPage = all.slice((current - 1) * REPS_PER_PAGE, current * REPS_PER_PAGE);
      for (const row of q.pageMissions.all(JSON.stringify(onPage.map((r) => r.id)))) {
        const rep = reps.get(str(row, 'rep_id'));
        if (!rep) continue;
        rep.missions.push(missionOf(row));
        for (const [week, hit, due] of jsonColumn(WeeksColumn, str(row, 'weeks'))) {
          if (week < firstWeek) continue;
          const slot = rep.weeks.find((w) => w.week === week);
          if (slot) {
            slot.hit += hit;
            slot.due += due;
          }
        }
      }
      const behindCount = q.behindCount.get(teamId);
      const coaching = new Map<ReflectionReason | 'not-shared', BoardData['coaching'][number]>();
      for (const row of q.coaching.all(teamId)) {
        const mission = missionOf(row);
        const reason = mission.reflection?.reason ?? 'not-shared';
        const group = coaching.get(reason) ?? { reason, items: [], total: int(row, 'group_total') };
        group.items.push({ rep: str(row, 'name'), mission });
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
        reps: onPage,
        page: current,
        pages,
        repCount: all.length,
        behindTotal: behindCount ? int(behindCount, 'n') : 0,
        feed: q.feed
          .all(teamId)
          .flatMap((row) =>
            jsonColumn(WinsColumn, str(row, 'wins')).map(([winAt, amount]) => ({
              rep: str(row, 'name'),
              mission: str(row, 'title'),
              metric: metricOf(str(row, 'metric')),
              amount,
              at: winAt,
            })),
          )
          .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
          .slice(0, FEED),
        behind: q.behind
          .all(teamId)
          .map((row) => ({ rep: str(row, 'name'), mission: missionOf(row) })),
        coaching: reasons.flatMap((r) => {
          const group = coaching.get(r);
          return group ? [group] : [];
        }),
      };
    },
  };
}
