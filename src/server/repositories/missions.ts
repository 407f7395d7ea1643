// Shared missions: the board's row of each public mission, and its head (owner and highest
// revision seen) that outlives a withdrawal as a tombstone, so a delayed older upsert cannot
// bring a withdrawn mission back. Writes run inside a transaction the caller holds: the group
// commit's (group-commit.ts), each in its own savepoint.
import { CompiledQuery, type Kysely } from 'kysely';
import { format, parseISO, startOfISOWeek } from 'date-fns';
import type { TeamMissionState } from '../../shared/team.ts';
import type { TeamDatabase } from '../db/connection.ts';
import { prepare } from '../db/prepared.ts';
import type { TeamSchema } from '../db/schema.ts';
import type { Rep } from './accounts.ts';

export type WriteOutcome =
  | { kind: 'ok'; revision: number; applied: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  | { kind: 'full'; message: string };

/** Public missions one rep can have on the board at once (a busy rep has a dozen). */
export const MAX_LIVE_MISSIONS_PER_REP = 200;
/** Mission ids one rep can own, withdrawn ones included (years of weekly missions). */
export const MAX_MISSION_IDS_PER_REP = 5000;

/** The writes a group commit can hold, each run inside the shared transaction. */
export interface MissionWrites {
  upsertMission(
    rep: Pick<Rep, 'id' | 'teamId'>,
    missionId: string,
    revision: number,
    state: TeamMissionState,
  ): Promise<WriteOutcome>;
  withdrawMission(repId: string, missionId: string, revision: number): Promise<WriteOutcome>;
}

export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Monday of the ISO week a local date falls in; memoized, as the same few dates recur. */
const weekCache = new Map<string, string>();
function weekOf(date: string): string {
  let week = weekCache.get(date);
  if (week === undefined) {
    week = format(startOfISOWeek(parseISO(date)), 'yyyy-MM-dd');
    if (weekCache.size > 10_000) weekCache.clear();
    weekCache.set(date, week);
  }
  return week;
}

const MISSION_ROW: TeamSchema['missions'] = {
  rep_id: '',
  id: '',
  team_id: '',
  title: '',
  metric: '',
  target: 0,
  total: 0,
  status: '',
  start_date: '',
  end_date: '',
  pace_expected: 0,
  pace_delta: 0,
  pace_label: '',
  streak_current: 0,
  streak_best: 0,
  reflection_reason: '',
  reflection_note: '',
  reflection_next: '',
  weeks: '',
  wins: '',
  last_win_at: '',
  updated_at: '',
  away: '',
  daily: '',
  working_days: '',
};

/** The mission row the board reads, from a parsed state. */
function rowOf(
  rep: Pick<Rep, 'id' | 'teamId'>,
  missionId: string,
  state: TeamMissionState,
  at: Date,
): TeamSchema['missions'] {
  const r = state.reflection;
  const wins = [...state.recentWins].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const weeks = new Map<string, [string, number, number]>();
  for (const day of state.days) {
    const week = weekOf(day.date);
    const w = weeks.get(week) ?? [week, 0, 0];
    weeks.set(week, [week, w[1] + day.hit, w[2] + day.of]);
  }
  return {
    rep_id: rep.id,
    id: missionId,
    team_id: rep.teamId,
    title: state.title,
    metric: JSON.stringify(state.metric),
    target: state.target,
    total: state.total,
    status: state.status,
    start_date: state.startDate,
    end_date: state.endDate,
    pace_expected: state.pace.expected,
    pace_delta: state.pace.delta,
    pace_label: state.pace.label,
    streak_current: state.streak.current,
    streak_best: state.streak.best,
    reflection_reason: r?.reason ?? null,
    reflection_note: r?.note ?? null,
    reflection_next: r?.nextStep ?? null,
    weeks: JSON.stringify([...weeks.values()]),
    wins: JSON.stringify(wins.map((w) => [w.at, w.amount])),
    last_win_at: wins[0]?.at ?? null,
    updated_at: at.toISOString(),
    away: JSON.stringify(state.away ?? []),
    daily: JSON.stringify(state.days.filter((d) => d.count > 0).map((d) => [d.date, d.count])),
    working_days: JSON.stringify(state.workingDays),
  };
}

export function createMissions(database: TeamDatabase, now: () => Date) {
  const { db } = database;
  // The upsert path's queries, compiled once (db/prepared.ts).
  const q = {
    isLive: prepare({ repId: '', id: '' }, (p) =>
      db.selectFrom('missions').select('id').where('rep_id', '=', p.repId).where('id', '=', p.id),
    ),
    head: prepare({ id: '' }, (p) =>
      db.selectFrom('mission_heads').select(['rep_id', 'revision']).where('id', '=', p.id),
    ),
    idCount: prepare({ repId: '' }, (p) =>
      db
        .selectFrom('mission_heads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('rep_id', '=', p.repId),
    ),
    liveCount: prepare({ repId: '' }, (p) =>
      db
        .selectFrom('missions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('rep_id', '=', p.repId),
    ),
    // Moves the head forward only for its owner and only to a higher revision, in one statement:
    // two instances racing on one mission cannot both apply, nor apply an older revision last.
    advanceHead: prepare({ id: '', repId: '', revision: 0 }, (p) =>
      db
        .insertInto('mission_heads')
        .values({ id: p.id, rep_id: p.repId, revision: p.revision })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({ revision: eb.ref('excluded.revision') }))
            .whereRef('mission_heads.rep_id', '=', 'excluded.rep_id')
            .whereRef('mission_heads.revision', '<', 'excluded.revision'),
        ),
    ),
    upsertMission: prepare(MISSION_ROW, (p) =>
      db
        .insertInto('missions')
        .values(p)
        .onConflict((oc) =>
          oc.columns(['rep_id', 'id']).doUpdateSet((eb) => ({
            team_id: eb.ref('excluded.team_id'),
            title: eb.ref('excluded.title'),
            metric: eb.ref('excluded.metric'),
            target: eb.ref('excluded.target'),
            total: eb.ref('excluded.total'),
            status: eb.ref('excluded.status'),
            start_date: eb.ref('excluded.start_date'),
            end_date: eb.ref('excluded.end_date'),
            pace_expected: eb.ref('excluded.pace_expected'),
            pace_delta: eb.ref('excluded.pace_delta'),
            pace_label: eb.ref('excluded.pace_label'),
            streak_current: eb.ref('excluded.streak_current'),
            streak_best: eb.ref('excluded.streak_best'),
            reflection_reason: eb.ref('excluded.reflection_reason'),
            reflection_note: eb.ref('excluded.reflection_note'),
            reflection_next: eb.ref('excluded.reflection_next'),
            weeks: eb.ref('excluded.weeks'),
            wins: eb.ref('excluded.wins'),
            last_win_at: eb.ref('excluded.last_win_at'),
            updated_at: eb.ref('excluded.updated_at'),
            away: eb.ref('excluded.away'),
            daily: eb.ref('excluded.daily'),
            working_days: eb.ref('excluded.working_days'),
          })),
        ),
    ),
    deleteMission: prepare({ repId: '', id: '' }, (p) =>
      db.deleteFrom('missions').where('rep_id', '=', p.repId).where('id', '=', p.id),
    ),
    deleteCheers: prepare({ id: '' }, (p) =>
      db.deleteFrom('cheers').where('mission_id', '=', p.id),
    ),
  };
  const savepoint = CompiledQuery.raw('SAVEPOINT one_write');
  const release = CompiledQuery.raw('RELEASE SAVEPOINT one_write');
  const rollbackTo = CompiledQuery.raw('ROLLBACK TO SAVEPOINT one_write');

  async function count(tx: Kysely<TeamSchema>, query: CompiledQuery<{ n: number }>) {
    return Number((await tx.executeQuery(query)).rows[0]?.n ?? 0);
  }

  /** Why a write must not apply, from the mission's head: another owner's, or not newer. */
  async function refusal(
    tx: Kysely<TeamSchema>,
    repId: string,
    missionId: string,
    revision: number,
  ) {
    const head = (await tx.executeQuery(q.head({ id: missionId }))).rows[0];
    if (!head) return null;
    if (head.rep_id !== repId) return { kind: 'forbidden' } as const;
    return revision <= head.revision
      ? ({ kind: 'ok', revision: head.revision, applied: false } as const)
      : null;
  }

  /** A mission that would be new on the board, past the rep's caps, is refused. */
  async function capReached(tx: Kysely<TeamSchema>, repId: string, missionId: string) {
    const known = (await tx.executeQuery(q.head({ id: missionId }))).rows.length > 0;
    if (!known && (await count(tx, q.idCount({ repId }))) >= MAX_MISSION_IDS_PER_REP)
      return {
        kind: 'full',
        message: `A rep can send at most ${MAX_MISSION_IDS_PER_REP.toLocaleString('en')} missions; ask your manager to clear old ones.`,
      } as const;
    if ((await count(tx, q.liveCount({ repId }))) >= MAX_LIVE_MISSIONS_PER_REP)
      return {
        kind: 'full',
        message: `A rep can share at most ${MAX_LIVE_MISSIONS_PER_REP} missions at once; make an old one private first.`,
      } as const;
    return null;
  }

  async function advanceHead(
    tx: Kysely<TeamSchema>,
    repId: string,
    missionId: string,
    revision: number,
  ): Promise<WriteOutcome | null> {
    const result = await tx.executeQuery(q.advanceHead({ id: missionId, repId, revision }));
    if (Number(result.numAffectedRows ?? 0) > 0) return null;
    return (await refusal(tx, repId, missionId, revision)) ?? { kind: 'forbidden' };
  }

  function writesOn(tx: Kysely<TeamSchema>): MissionWrites {
    return {
      async upsertMission(rep, missionId, revision, state) {
        // The usual upsert is a mission already on the board: three statements.
        const live = (await tx.executeQuery(q.isLive({ repId: rep.id, id: missionId }))).rows;
        if (live.length === 0) {
          const refused =
            (await refusal(tx, rep.id, missionId, revision)) ??
            (await capReached(tx, rep.id, missionId));
          if (refused) return refused;
        }
        const refused = await advanceHead(tx, rep.id, missionId, revision);
        if (refused) return refused;
        await tx.executeQuery(q.upsertMission(rowOf(rep, missionId, state, now())));
        return { kind: 'ok', revision, applied: true };
      },

      async withdrawMission(repId, missionId, revision) {
        // An id the server never held leaves no tombstone: there is nothing to withdraw.
        if ((await tx.executeQuery(q.head({ id: missionId }))).rows.length === 0)
          return { kind: 'ok', revision: 0, applied: false };
        const refused = await advanceHead(tx, repId, missionId, revision);
        if (refused) return refused;
        await tx.executeQuery(q.deleteMission({ repId, id: missionId }));
        await tx.executeQuery(q.deleteCheers({ id: missionId }));
        return { kind: 'ok', revision, applied: true };
      },
    };
  }

  return {
    upsertMission(
      rep: Pick<Rep, 'id' | 'teamId'>,
      missionId: string,
      revision: number,
      state: TeamMissionState,
    ): Promise<WriteOutcome> {
      return database.transaction((tx) =>
        writesOn(tx).upsertMission(rep, missionId, revision, state),
      );
    },

    withdrawMission(repId: string, missionId: string, revision: number): Promise<WriteOutcome> {
      return database.transaction((tx) => writesOn(tx).withdrawMission(repId, missionId, revision));
    },

    /**
     * Group commit: runs each write in its own savepoint inside one shared transaction, so a
     * failing write is undone alone and the others still commit. Returns each write's outcome or
     * error, in order, once the shared transaction has committed; throws (nothing committed) if
     * the transaction itself cannot begin or commit.
     */
    writeAll<T>(
      writes: readonly ((tx: MissionWrites) => Promise<T>)[],
    ): Promise<BatchOutcome<T>[]> {
      return database.transaction(async (tx) => {
        const on = writesOn(tx);
        const outcomes: BatchOutcome<T>[] = [];
        for (const write of writes) {
          await tx.executeQuery(savepoint);
          try {
            const value = await write(on);
            await tx.executeQuery(release);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // The database ended the whole transaction (a full disk, an I/O error): the batch
            // fails with this error, not with the savepoint's "no such savepoint".
            if (!database.inTransaction()) throw error;
            await tx.executeQuery(rollbackTo);
            await tx.executeQuery(release);
            outcomes.push({ ok: false, error });
          }
        }
        return outcomes;
      });
    },
  };
}

export type Missions = ReturnType<typeof createMissions>;
