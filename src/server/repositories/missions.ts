// Shared missions: the board's row of each public mission, and its head (owner and highest
// revision seen) that outlives a withdrawal as a tombstone, so a delayed older upsert cannot
// bring a withdrawn mission back. A group commit's writes (group-commit.ts) share one transaction:
// the usual ones, a new revision of a mission already on the board, are decided together in a
// few statements for the whole group; the others (a new mission, a withdrawal, a mission sent
// twice in one group) one by one, each in its own savepoint.
import { CompiledQuery, type Kysely } from 'kysely';
import { format, parseISO, startOfISOWeek } from 'date-fns';
import type { TeamMissionState } from '../../shared/team.ts';
import { messageOf, type TeamDatabase } from '../db/connection.ts';
import type { SyncRunner } from '../db/node-sqlite.ts';
import { prepare } from '../db/prepared.ts';
import type { TeamSchema } from '../db/schema.ts';
import type { Rep } from './accounts.ts';
import { postgresBatchStatements } from './mission-batch.ts';

export type WriteOutcome =
  | { kind: 'ok'; revision: number; applied: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  /** The rep was revoked after their token was read: nothing is written for them. */
  | { kind: 'revoked' }
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

/** One write of a group commit. */
export type MissionWrite =
  | {
      kind: 'upsert';
      rep: Pick<Rep, 'id' | 'teamId'>;
      missionId: string;
      revision: number;
      state: TeamMissionState;
    }
  | { kind: 'withdraw'; repId: string; missionId: string; revision: number };

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

const MISSION_COLUMNS = Object.keys(MISSION_ROW);
const INTEGER_COLUMNS = new Set(
  Object.entries(MISSION_ROW).flatMap(([column, value]) =>
    typeof value === 'number' ? [column] : [],
  ),
);

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
    // The two writes of an upsert whose mission is already on the board (the group commit's
    // usual case, on SQLite) as plain UPDATEs, one seek each, where the INSERT … ON CONFLICT
    // statements above first try an insert. Where the head is not there, the write is left for
    // one by one; where the row is not, the INSERT … ON CONFLICT writes it (perWrite.apply).
    moveHead: prepare({ id: '', repId: '', revision: 0 }, (p) =>
      db
        .updateTable('mission_heads')
        .set({ revision: p.revision })
        .where('id', '=', p.id)
        .where('rep_id', '=', p.repId)
        .where('revision', '<', p.revision),
    ),
    // A mission's team is its rep's, which never changes: the key is not rewritten.
    updateMission: prepare(MISSION_ROW, (p) => {
      const { rep_id: repId, id, team_id: teamId, ...changed } = p;
      return db
        .updateTable('missions')
        .set(changed)
        .where('team_id', '=', teamId)
        .where('rep_id', '=', repId)
        .where('id', '=', id);
    }),
    // A write's rep (if not revoked), its mission's head and whether it is live, in one statement.
    lookup: prepare({ repId: '', id: '' }, (p) =>
      db
        .selectFrom('reps as r')
        .leftJoin('mission_heads as h', (join) => join.on('h.id', '=', p.id))
        .leftJoin('missions as m', (join) =>
          join.onRef('m.rep_id', '=', 'r.id').on('m.id', '=', p.id),
        )
        .select(['h.rep_id as owner', 'h.revision', 'm.id as live'])
        .where('r.id', '=', p.repId)
        .where('r.revoked_at', 'is', null),
    ),
    repActive: prepare({ repId: '' }, (p) =>
      db.selectFrom('reps').select('id').where('id', '=', p.repId).where('revoked_at', 'is', null),
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
        // Revoked since their token was read (by another instance, or the CLI): nothing written.
        if ((await tx.executeQuery(q.repActive({ repId: rep.id }))).rows.length === 0)
          return { kind: 'revoked' };
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
        if ((await tx.executeQuery(q.repActive({ repId }))).rows.length === 0)
          return { kind: 'revoked' };
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

  type Upsert = Extract<MissionWrite, { kind: 'upsert' }>;
  type Found = { i: number; owner: string | null; revision: number | null; live: boolean };
  type Row = TeamSchema['missions'] & { i: number; revision: number };

  // How the group's upserts are looked up and applied: one statement per write on SQLite, run
  // synchronously on its one connection (through Kysely's executor, the promises of a write's
  // three statements cost ~35k instructions, half of SQLite's own work on them); one statement for
  // the whole group on PostgreSQL (repositories/mission-batch.ts).
  const perWrite = (sync: SyncRunner) => ({
    /** The writes whose rep is not revoked, with their mission's head and whether it is live. */
    async lookup(_tx: Kysely<TeamSchema>, upserts: readonly { i: number; write: Upsert }[]) {
      const found: Found[] = [];
      for (const { i, write } of upserts) {
        const row = sync.rows(q.lookup({ repId: write.rep.id, id: write.missionId }))[0];
        if (row)
          found.push({ i, owner: row.owner, revision: row.revision, live: row.live !== null });
      }
      return found;
    },
    /** Moves each head forward and writes its row; returns the ids it moved. */
    async apply(_tx: Kysely<TeamSchema>, rows: readonly Row[]) {
      const moved = new Set<string>();
      for (const row of rows) {
        const advanced = sync.changes(
          q.moveHead({ id: row.id, repId: row.rep_id, revision: row.revision }),
        );
        if (advanced === 0) continue;
        moved.add(row.id);
        if (sync.changes(q.updateMission(row)) === 0) sync.changes(q.upsertMission(row));
      }
      return moved;
    },
  });
  const pgBatch = postgresBatchStatements(MISSION_COLUMNS, INTEGER_COLUMNS);
  const run = <R>(tx: Kysely<TeamSchema>, text: string, value: unknown) =>
    tx.executeQuery<R>(CompiledQuery.raw(text, [JSON.stringify(value)]));
  const perGroup: ReturnType<typeof perWrite> = {
    async lookup(tx, upserts) {
      const result = await run<{
        i: number;
        owner: string | null;
        revision: number | null;
        live: number;
        active: number;
      }>(
        tx,
        pgBatch.lookup,
        upserts.map(({ i, write }) => ({ i, id: write.missionId, rep_id: write.rep.id })),
      );
      return result.rows
        .filter((row) => row.active === 1)
        .map((row) => ({
          i: row.i,
          owner: row.owner,
          revision: row.revision,
          live: row.live === 1,
        }));
    },
    async apply(tx, rows) {
      const result = await run<{ id: string }>(
        tx,
        pgBatch.advance,
        rows.map((r) => ({ id: r.id, rep_id: r.rep_id, revision: r.revision })),
      );
      const moved = new Set(result.rows.map((r) => r.id));
      const written = rows.filter((r) => moved.has(r.id));
      if (written.length > 0) await run(tx, pgBatch.upsert, written);
      return moved;
    },
  };
  const group = database.sync ? perWrite(database.sync) : perGroup;

  /**
   * The group's upserts, each mission once, decided without a savepoint each: refused from their
   * head, or applied if their mission is on the board. Returns the outcomes it decided; the rest
   * (a mission new to the board, one another instance moved on meanwhile) are left for one by one.
   */
  async function together(
    tx: Kysely<TeamSchema>,
    upserts: readonly { i: number; write: Upsert }[],
  ): Promise<Map<number, WriteOutcome>> {
    const decided = new Map<number, WriteOutcome>();
    // A write whose rep is not found was revoked after its token was read.
    for (const { i } of upserts) decided.set(i, { kind: 'revoked' });
    const byIndex = new Map(upserts.map(({ i, write }) => [i, write]));
    const apply: Row[] = [];
    const at = now();
    for (const row of await group.lookup(tx, upserts)) {
      const write = byIndex.get(row.i);
      if (!write) continue;
      decided.delete(row.i);
      if (row.owner !== null && row.owner !== write.rep.id)
        decided.set(row.i, { kind: 'forbidden' });
      else if (row.owner !== null && write.revision <= Number(row.revision))
        decided.set(row.i, { kind: 'ok', revision: Number(row.revision), applied: false });
      else if (row.live)
        apply.push({
          ...rowOf(write.rep, write.missionId, write.state, at),
          i: row.i,
          revision: write.revision,
        });
    }
    if (apply.length === 0) return decided;
    const moved = await group.apply(tx, apply);
    for (const r of apply)
      if (moved.has(r.id)) decided.set(r.i, { kind: 'ok', revision: r.revision, applied: true });
    return decided;
  }

  /** One write in its own savepoint: undone alone if it fails. */
  async function alone(
    tx: Kysely<TeamSchema>,
    on: MissionWrites,
    write: MissionWrite,
  ): Promise<BatchOutcome<WriteOutcome>> {
    await tx.executeQuery(savepoint);
    try {
      const value =
        write.kind === 'upsert'
          ? await on.upsertMission(write.rep, write.missionId, write.revision, write.state)
          : await on.withdrawMission(write.repId, write.missionId, write.revision);
      await tx.executeQuery(release);
      return { ok: true, value };
    } catch (error) {
      // The database ended the whole transaction (a full disk, an I/O error): the batch fails
      // with this error, not with the savepoint's "no such savepoint".
      if (!database.inTransaction()) throw error;
      await tx.executeQuery(rollbackTo);
      await tx.executeQuery(release);
      return { ok: false, error };
    }
  }

  async function runAll(
    tx: Kysely<TeamSchema>,
    writes: readonly MissionWrite[],
    shared: boolean,
  ): Promise<BatchOutcome<WriteOutcome>[]> {
    const decided = new Map<number, WriteOutcome>();
    if (shared) {
      // A mission written twice in one group is written in order, one by one; the others
      // commute with every other write of the group (they change no rep's counts), so deciding
      // them first is the same as deciding them in their turn.
      const times = new Map<string, number>();
      for (const w of writes) times.set(w.missionId, (times.get(w.missionId) ?? 0) + 1);
      const upserts = writes.flatMap((write, i) =>
        write.kind === 'upsert' && times.get(write.missionId) === 1 ? [{ i, write }] : [],
      );
      if (upserts.length > 0) {
        try {
          for (const [i, outcome] of await together(tx, upserts)) decided.set(i, outcome);
        } catch (error) {
          if (!database.inTransaction()) throw error;
          throw new TogetherFailed(messageOf(error), { cause: error });
        }
      }
    }
    const on = writesOn(tx);
    const outcomes: BatchOutcome<WriteOutcome>[] = [];
    for (const [i, write] of writes.entries()) {
      const value = decided.get(i);
      outcomes.push(value ? { ok: true, value } : await alone(tx, on, write));
    }
    return outcomes;
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
     * Group commit: runs the writes in one shared transaction. Returns each write's outcome or
     * error, in order, once it has committed; throws (nothing committed) if the transaction
     * itself cannot begin or commit. A failing write is undone alone and the others still commit.
     */
    async writeAll(writes: readonly MissionWrite[]): Promise<BatchOutcome<WriteOutcome>[]> {
      try {
        return await database.transaction((tx) => runAll(tx, writes, true));
      } catch (error) {
        if (!(error instanceof TogetherFailed)) throw error;
        // A statement of the writes decided together failed, and took them all with it: run them
        // again, one by one, so that the write at fault fails alone.
        return database.transaction((tx) => runAll(tx, writes, false));
      }
    },
  };
}

/** Thrown out of a transaction when a statement shared by several writes failed. */
class TogetherFailed extends Error {
  override name = 'TogetherFailed';
}

export type Missions = ReturnType<typeof createMissions>;
