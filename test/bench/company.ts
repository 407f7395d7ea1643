// A realistic company on one team database, for the server bench (issue 13): 2,000 teams × 25 reps
// × 5 missions. The first LIVE_TEAMS teams go through the server's own repositories (accounts and
// the missions' group-commit writeAll), so their rows are exactly what the server writes and their
// reps' tokens drive the load; the others are copies of the first team made by one INSERT … SELECT
// per table, so seeding 250,000 missions takes seconds, not 250,000 requests.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { sql } from 'kysely';
import type { DatabaseTarget } from '../../src/server/db/connection.ts';
import type { TeamSchema } from '../../src/server/db/schema.ts';
import type { MissionWrite } from '../../src/server/repositories/missions.ts';
import { openTeamStore, type TeamStore } from '../../src/server/store.ts';
import type { TeamMissionState } from '../../src/shared/team.ts';

export const TEAMS = 2000;
export const REPS_PER_TEAM = 25;
export const MISSIONS_PER_REP = 5;
/** Teams whose reps have tokens the bench knows (the others' rows are copies, for volume). */
export const LIVE_TEAMS = 8;
export const MANAGER = { email: 'boss@team0.test', password: 'bench password 123' };
/** Issue 5's big team (SQLite only): one manager's board over 1,000 reps × 5 missions. */
export const BIG_TEAM = {
  reps: 1000,
  manager: { email: 'boss@big.test', password: 'bench password 123' },
};

export function stateFor(i: number, asOf = '2026-11-20T17:00:00.000Z'): TeamMissionState {
  const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
  const progress = days.map((date, d) => ({
    date,
    count: 2 + ((i + d) % 2),
    hit: (i + d) % 2,
    of: 1,
  }));
  const total = progress.reduce((sum, d) => sum + d.count, 0);
  return {
    title: `Mission ${i}: book meetings with new accounts`,
    metric: { kind: 'meetings' },
    target: 20,
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    workingDays: [1, 2, 3, 4, 5],
    objective: 'Grow the mid-market pipeline',
    status: 'active',
    total,
    days: progress,
    pace: { expected: 10, actual: total, delta: total - 10, label: 'on pace' },
    streak: { current: i % 4, best: 4 },
    recentWins: Array.from({ length: 10 }, (_, w) => ({
      at: `2026-11-20T${String(8 + (w % 9)).padStart(2, '0')}:${String((i * 7 + w) % 60).padStart(2, '0')}:00.000Z`,
      amount: 1,
    })),
    reflection: null,
    asOf,
  };
}

export interface LiveRep {
  token: string;
  missionIds: string[];
  /** The state each of missionIds was seeded with, at revision 1. */
  states: TeamMissionState[];
}

/**
 * A rep of `team` with MISSIONS_PER_REP missions at revision 1, one commit: ids `${prefix}-0`…,
 * states stateFor(first), stateFor(first + 1)…
 */
export async function addRepWithMissions(
  store: TeamStore,
  team: string,
  name: string,
  prefix: string,
  first: number,
): Promise<LiveRep> {
  const rep = await store.accounts.addRep(team, name);
  const missionIds: string[] = [];
  const states: TeamMissionState[] = [];
  const writes: MissionWrite[] = [];
  for (let m = 0; m < MISSIONS_PER_REP; m++) {
    const missionId = `${prefix}-${m}`;
    const state = stateFor(first + m);
    missionIds.push(missionId);
    states.push(state);
    writes.push({ kind: 'upsert', rep, missionId, revision: 1, state });
  }
  const outcomes = await store.missions.writeAll(writes);
  const failed = outcomes.find((o) => !o.ok);
  if (failed) throw new Error(`seeding ${name} failed: ${String(failed.error)}`);
  return { token: rep.token, missionIds, states };
}

/**
 * The `sequence`-th upsert of a load over `live`: each rep in turn, each of their missions in
 * turn, at revision sequence + 1 (so every one is a real write); `state` is the body's JSON.
 */
export function nthUpsert(live: readonly LiveRep[], sequence: number, state: string) {
  const rep = live[sequence % live.length];
  const mission = rep?.missionIds[Math.floor(sequence / live.length) % MISSIONS_PER_REP];
  return {
    path: `/api/v1/missions/${mission}`,
    headers: { authorization: `Bearer ${rep?.token}`, 'content-type': 'application/json' },
    body: `{"revision":${sequence + 1},"state":${state}}`,
  };
}

// Every column of each copied table, checked against the schema both ways (a column added to
// TeamSchema and not here fails to compile). Ids get the copy's suffix; the rest is copied.
const columns = {
  teams: { id: 'id', name: 'name', created_at: 'same' },
  reps: {
    id: 'id',
    team_id: 'id',
    name: 'same',
    token_hash: 'id',
    revoked_at: 'same',
    created_at: 'same',
    last_seen_at: 'same',
  },
  mission_heads: { id: 'id', rep_id: 'id', revision: 'same' },
  missions: {
    rep_id: 'id',
    id: 'id',
    team_id: 'id',
    title: 'same',
    metric: 'same',
    target: 'same',
    total: 'same',
    status: 'same',
    start_date: 'same',
    end_date: 'same',
    pace_expected: 'same',
    pace_delta: 'same',
    pace_label: 'same',
    streak_current: 'same',
    streak_best: 'same',
    reflection_reason: 'same',
    reflection_note: 'same',
    reflection_next: 'same',
    weeks: 'same',
    wins: 'same',
    last_win_at: 'same',
    updated_at: 'same',
    away: 'same',
    daily: 'same',
    working_days: 'same',
  },
} satisfies {
  [T in 'teams' | 'reps' | 'mission_heads' | 'missions']: Record<
    keyof TeamSchema[T],
    'id' | 'name' | 'same'
  >;
};

/**
 * INSERT … SELECT of the rows of `table` that `template` selects, once per copy number 1…copies.
 * The template rows are read once (MATERIALIZED), not once per copy.
 */
function copyStatement(table: keyof typeof columns, template: string, copies: number): string {
  const spec: Record<string, string> = columns[table];
  const names = Object.keys(spec);
  const exprs = names.map((c) =>
    spec[c] === 'id'
      ? `t.${c} || '-' || g.n`
      : spec[c] === 'name'
        ? `t.${c} || ' ' || g.n`
        : `t.${c}`,
  );
  return `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${copies}),
    t AS MATERIALIZED (${template})
    INSERT INTO ${table} (${names.join(', ')})
    SELECT ${exprs.join(', ')} FROM g CROSS JOIN t`;
}

/**
 * Seeds the company on `target` (created if it is a file). Returns the live reps' tokens and
 * mission ids and how long it took. Its writes are on disk when it returns: left to the kernel's
 * writeback (SQLite, ~260 MB) or to PostgreSQL's next checkpoint, they landed in the first
 * figures measured after it.
 */
export async function seedCompany(
  target: DatabaseTarget,
  options: { bigTeam?: boolean } = {},
): Promise<{ live: LiveRep[]; seconds: number; missions: number }> {
  const seeded = await seed(target, options);
  if ('file' in target) {
    const fd = openSync(target.file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return seeded;
}

async function seed(
  target: DatabaseTarget,
  options: { bigTeam?: boolean },
): Promise<{ live: LiveRep[]; seconds: number; missions: number }> {
  const started = performance.now();
  const store = await openTeamStore(target, { create: true });
  try {
    const live: LiveRep[] = [];
    let teamZero = '';
    for (let t = 0; t < LIVE_TEAMS; t++) {
      const team = `Team ${t}`;
      const teamId = await store.accounts.addTeam(team);
      if (t === 0) teamZero = teamId;
      const writes: MissionWrite[] = [];
      for (let r = 0; r < REPS_PER_TEAM; r++) {
        const rep = await store.accounts.addRep(team, `Rep ${t}-${r}`);
        const missionIds: string[] = [];
        const states: TeamMissionState[] = [];
        for (let m = 0; m < MISSIONS_PER_REP; m++) {
          const i = (t * REPS_PER_TEAM + r) * MISSIONS_PER_REP + m;
          const id = `m-${t}-${r}-${m}`;
          const state = stateFor(i);
          missionIds.push(id);
          states.push(state);
          writes.push({ kind: 'upsert', rep, missionId: id, revision: 1, state });
        }
        live.push({ token: rep.token, missionIds, states });
      }
      const outcomes = await store.missions.writeAll(writes);
      const failed = outcomes.find((o) => !o.ok);
      if (failed) throw new Error(`seeding team ${t} failed: ${String(failed.error)}`);
    }
    await store.accounts.addManager('Team 0', MANAGER.email, MANAGER.password);
    if (options.bigTeam) {
      await store.accounts.addTeam('Big');
      await store.accounts.addManager('Big', BIG_TEAM.manager.email, BIG_TEAM.manager.password);
      for (let r = 0; r < BIG_TEAM.reps; r++) {
        await addRepWithMissions(store, 'Big', `Big rep ${r}`, `big-${r}`, r * MISSIONS_PER_REP);
      }
    }

    const copies = TEAMS - LIVE_TEAMS;
    const { db } = store.database;
    const t0 = `'${teamZero}'`;
    await store.database.transaction(async (tx) => {
      const templates = {
        teams: `SELECT * FROM teams WHERE id = ${t0}`,
        reps: `SELECT * FROM reps WHERE team_id = ${t0}`,
        mission_heads: `SELECT h.* FROM mission_heads h JOIN reps r ON r.id = h.rep_id WHERE r.team_id = ${t0}`,
        missions: `SELECT * FROM missions WHERE team_id = ${t0}`,
      };
      // Parents first, for the foreign keys.
      for (const table of ['teams', 'reps', 'mission_heads', 'missions'] as const)
        await sql.raw(copyStatement(table, templates[table], copies)).execute(tx);
    });
    // PostgreSQL's autovacuum would analyze tables this size soon after; do it now, so the plans
    // measured are the ones a running company gets.
    if (store.database.dialect === 'postgres') await sql`ANALYZE`.execute(db);
    const count = await db
      .selectFrom('missions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const seconds = (performance.now() - started) / 1000;
    if (store.database.dialect === 'postgres') await sql`CHECKPOINT`.execute(db);
    return {
      live,
      seconds,
      missions: Number(count.n),
    };
  } finally {
    await store.close();
  }
}
