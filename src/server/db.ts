// The team endpoint's database: Node's built-in SQLite (no native dependency), WAL, prepared
// statements, one transaction per write. Only public mission state ever reaches it; a withdrawn
// mission leaves nothing but a tombstone (id, owner, revision) so a delayed older upsert cannot
// bring it back.
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { DatabaseSync, type SQLOutputValue } from 'node:sqlite';
import { format, parseISO, startOfISOWeek } from 'date-fns';
import type { TeamMissionState } from '../shared/team.ts';
import { hashPassword, newId, newToken, sha256 } from './auth.ts';
import { assertSchemaCurrent, migrate } from './migrations.ts';

export interface Rep {
  id: string;
  teamId: string;
  teamName: string;
  name: string;
}

export interface Manager {
  id: string;
  teamId: string;
  teamName: string;
  email: string;
}

export type WriteOutcome =
  | { kind: 'ok'; revision: number; applied: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  | { kind: 'full'; message: string };

/** Public missions one rep can have on the board at once (a busy rep has a dozen). */
export const MAX_LIVE_MISSIONS_PER_REP = 200;
/** Mission ids one rep can own, withdrawn ones included (years of weekly missions). */
export const MAX_MISSION_IDS_PER_REP = 5000;

/** The database file is gone or another file took its place: nothing more may be written. */
export class DatabaseGoneError extends Error {
  override name = 'DatabaseGoneError';
}

export interface OpenTeamDbOptions {
  now?: () => Date;
  /** Create the file when it is absent (the `init` command); otherwise an absent file is refused. */
  create?: boolean;
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The database and the files SQLite keeps beside it hold rep data: only their owner reads them. */
function restrictFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export type CheerOutcome =
  { kind: 'ok'; cheers: number } | { kind: 'own' } | { kind: 'forbidden' } | { kind: 'not-found' };

// Row values come from our own schema; these check the type instead of casting it.
type Row = Record<string, SQLOutputValue>;
function str(row: Row, key: string): string {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`Column ${key} is not text`);
  return v;
}
function strOrNull(row: Row, key: string): string | null {
  const v = row[key];
  return typeof v === 'string' ? v : null;
}
function int(row: Row, key: string): number {
  const v = row[key];
  if (typeof v !== 'number') throw new Error(`Column ${key} is not a number`);
  return v;
}

/** A manager row joined with their team (sign-in and sessions select these columns). */
const managerOf = (row: Row): Manager => ({
  id: str(row, 'id'),
  teamId: str(row, 'team_id'),
  teamName: str(row, 'team_name'),
  email: str(row, 'email'),
});

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

export type TeamDb = ReturnType<typeof openTeamDb>;

/** The writes a group commit can hold, each run inside the shared transaction. */
export interface MissionWrites {
  upsertMission(
    rep: Pick<Rep, 'id' | 'teamId'>,
    missionId: string,
    revision: number,
    state: TeamMissionState,
  ): WriteOutcome;
  withdrawMission(repId: string, missionId: string, revision: number): WriteOutcome;
}

export function openTeamDb(file: string, options: OpenTeamDbOptions = {}) {
  const now = options.now ?? (() => new Date());
  if (!existsSync(file)) {
    if (!options.create)
      throw new Error(
        `There is no team database at ${file}. On a first run, create it with ` +
          `"npm run team-server -- init --db ${file}"; if it held data, restore it from a backup.`,
      );
    // Created here, empty and private, so SQLite never makes it with the default mode.
    closeSync(openSync(file, 'wx', 0o600));
  }
  const db = new DatabaseSync(file, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  // WAL + NORMAL: a crash of the server loses nothing committed; a power loss may lose the last
  // transactions, which the apps then resend (they keep their outbox until acknowledged).
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  // 32 MB of page cache: a 1,000-rep team's board rows stay in memory between refreshes.
  db.exec('PRAGMA cache_size = -32000');
  // Checkpoint less often than every 1,000 pages: each checkpoint syncs the database file.
  db.exec('PRAGMA wal_autocheckpoint = 4000');
  migrate(db, now);
  restrictFiles(file);

  // The file this connection writes to. Deleted or replaced under a running server, SQLite
  // would keep writing to the unlinked inode and acknowledge writes that no restart can see.
  const opened = statSync(file);
  function assertFile(): void {
    let current;
    try {
      current = statSync(file);
    } catch {
      throw new DatabaseGoneError(`The team database ${file} was deleted; writes are refused.`);
    }
    if (current.ino !== opened.ino || current.dev !== opened.dev)
      throw new DatabaseGoneError(`The team database ${file} was replaced; writes are refused.`);
  }

  const q = {
    teamByName: db.prepare('SELECT id, name FROM teams WHERE name = ?'),
    insertTeam: db.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)'),
    insertRep: db.prepare(
      'INSERT INTO reps (id, team_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    repByToken: db.prepare(
      `SELECT r.id, r.team_id, r.name, t.name AS team_name FROM reps r JOIN teams t ON t.id = r.team_id
       WHERE r.token_hash = ? AND r.revoked_at IS NULL`,
    ),
    revokeRep: db.prepare('UPDATE reps SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    deleteRepCheers: db.prepare(
      'DELETE FROM cheers WHERE mission_id IN (SELECT id FROM missions WHERE rep_id = ?)',
    ),
    deleteRepMissions: db.prepare('DELETE FROM missions WHERE rep_id = ?'),
    insertManager: db.prepare(
      'INSERT INTO managers (id, team_id, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    managerByEmail: db.prepare(
      `SELECT m.id, m.team_id, m.email, m.password_hash, t.name AS team_name
       FROM managers m JOIN teams t ON t.id = m.team_id WHERE m.email = ? AND m.revoked_at IS NULL`,
    ),
    revokeManager: db.prepare(
      'UPDATE managers SET revoked_at = ? WHERE email = ? AND revoked_at IS NULL',
    ),
    deleteManagerSessions: db.prepare(
      'DELETE FROM sessions WHERE manager_id IN (SELECT id FROM managers WHERE email = ?)',
    ),
    insertSession: db.prepare(
      'INSERT INTO sessions (id_hash, manager_id, csrf, expires_at) VALUES (?, ?, ?, ?)',
    ),
    session: db.prepare(
      `SELECT m.id, m.team_id, m.email, t.name AS team_name, s.csrf FROM sessions s
       JOIN managers m ON m.id = s.manager_id JOIN teams t ON t.id = m.team_id
       WHERE s.id_hash = ? AND s.expires_at > ? AND m.revoked_at IS NULL`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    repIdCount: db.prepare('SELECT count(*) AS n FROM mission_heads WHERE rep_id = ?'),
    repLiveCount: db.prepare('SELECT count(*) AS n FROM missions WHERE rep_id = ?'),
    isLive: db.prepare('SELECT 1 AS live FROM missions WHERE rep_id = ? AND id = ?'),
    head: db.prepare('SELECT rep_id, revision FROM mission_heads WHERE id = ?'),
    upsertHead: db.prepare(
      `INSERT INTO mission_heads (id, rep_id, revision) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET revision = excluded.revision`,
    ),
    upsertMission: db.prepare(
      `INSERT OR REPLACE INTO missions (id, rep_id, team_id, title, metric, target, total, status,
         start_date, end_date, pace_expected, pace_delta, pace_label, streak_current, streak_best,
         reflection_reason, reflection_note, reflection_next, weeks, wins, last_win_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteMission: db.prepare('DELETE FROM missions WHERE rep_id = ? AND id = ?'),
    deleteCheers: db.prepare('DELETE FROM cheers WHERE mission_id = ?'),
    missionOwner: db.prepare(
      `SELECT m.rep_id, m.team_id FROM mission_heads h
       JOIN missions m ON m.rep_id = h.rep_id AND m.id = h.id WHERE h.id = ?`,
    ),
    insertCheer: db.prepare(
      'INSERT OR IGNORE INTO cheers (mission_id, from_rep_id, at) VALUES (?, ?, ?)',
    ),
    cheerCount: db.prepare('SELECT count(*) AS n FROM cheers WHERE mission_id = ?'),
  };

  // Prepared once: each request's transaction is on the hot path.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT one_write');
  const release = db.prepare('RELEASE one_write');
  const rollbackTo = db.prepare('ROLLBACK TO one_write');
  function transaction<T>(fn: () => T): T {
    assertFile();
    begin.run();
    try {
      const result = fn();
      commit.run();
      return result;
    } catch (error) {
      // On a full disk or an I/O error SQLite has already ended the transaction: ROLLBACK would
      // fail too, and its "no transaction is active" must not replace the error that matters.
      if (db.isTransaction) {
        try {
          rollback.run();
        } catch (rollbackError) {
          // The message leads with the write's own error, the one to fix.
          throw new Error(
            `${messageOf(error)} (and rolling back failed: ${messageOf(rollbackError)})`,
            { cause: rollbackError },
          );
        }
      }
      throw error;
    }
  }

  // Token → rep, kept briefly so a request skips the hash and the join. A revocation in this
  // process clears it; one from the CLI (another connection) changes PRAGMA data_version, which
  // clears it on the next lookup; the TTL bounds how long any entry lives regardless.
  const REP_CACHE_TTL_MS = 5000;
  const REP_CACHE_MAX = 10_000;
  const repCache = new Map<string, { rep: Rep; until: number }>();
  const dataVersion = db.prepare('PRAGMA data_version');
  let seenDataVersion = -1;
  function othersChanged(): boolean {
    const row = dataVersion.get();
    const version = row ? int(row, 'data_version') : -1;
    if (version === seenDataVersion) return false;
    seenDataVersion = version;
    return true;
  }

  function teamId(name: string): string {
    const row = q.teamByName.get(name);
    if (!row) throw new Error(`No team named "${name}". Add it first with add-team.`);
    return str(row, 'id');
  }

  /** Checks ownership and staleness; returns the revision held when the write must not apply. */
  function checkHead(repId: string, missionId: string, revision: number) {
    const head = q.head.get(missionId);
    if (!head) return null;
    if (str(head, 'rep_id') !== repId) return { kind: 'forbidden' } as const;
    const held = int(head, 'revision');
    return revision <= held ? ({ kind: 'ok', revision: held, applied: false } as const) : null;
  }

  const countOf = (row: Row | undefined): number => (row ? int(row, 'n') : 0);

  /** A mission that would be new on the board, past the rep's caps, is refused. */
  function capReached(repId: string, missionId: string): WriteOutcome | null {
    if (q.isLive.get(repId, missionId)) return null;
    if (!q.head.get(missionId) && countOf(q.repIdCount.get(repId)) >= MAX_MISSION_IDS_PER_REP)
      return {
        kind: 'full',
        message: `A rep can send at most ${MAX_MISSION_IDS_PER_REP.toLocaleString('en')} missions; ask your manager to clear old ones.`,
      };
    if (countOf(q.repLiveCount.get(repId)) >= MAX_LIVE_MISSIONS_PER_REP)
      return {
        kind: 'full',
        message: `A rep can share at most ${MAX_LIVE_MISSIONS_PER_REP} missions at once; make an old one private first.`,
      };
    return null;
  }

  /** One upsert, inside a transaction the caller holds. */
  function writeMission(
    rep: Pick<Rep, 'id' | 'teamId'>,
    missionId: string,
    revision: number,
    state: TeamMissionState,
  ): WriteOutcome {
    const repId = rep.id;
    const refused = checkHead(repId, missionId, revision);
    if (refused) return refused;
    const full = capReached(repId, missionId);
    if (full) return full;
    q.upsertHead.run(missionId, repId, revision);
    const r = state.reflection;
    const wins = [...state.recentWins].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const weeks = new Map<string, [string, number, number]>();
    for (const day of state.days) {
      const week = weekOf(day.date);
      const w = weeks.get(week) ?? [week, 0, 0];
      weeks.set(week, [week, w[1] + day.hit, w[2] + day.of]);
    }
    q.upsertMission.run(
      missionId,
      repId,
      rep.teamId,
      state.title,
      JSON.stringify(state.metric),
      state.target,
      state.total,
      state.status,
      state.startDate,
      state.endDate,
      state.pace.expected,
      state.pace.delta,
      state.pace.label,
      state.streak.current,
      state.streak.best,
      r?.reason ?? null,
      r?.note ?? null,
      r?.nextStep ?? null,
      JSON.stringify([...weeks.values()]),
      JSON.stringify(wins.map((w) => [w.at, w.amount])),
      wins[0]?.at ?? null,
      now().toISOString(),
    );
    return { kind: 'ok', revision, applied: true };
  }

  /** One withdrawal, inside a transaction the caller holds. */
  function withdraw(repId: string, missionId: string, revision: number): WriteOutcome {
    // An id the server never held leaves no tombstone: there is nothing to withdraw.
    if (!q.head.get(missionId)) return { kind: 'ok', revision: 0, applied: false };
    const refused = checkHead(repId, missionId, revision);
    if (refused) return refused;
    q.upsertHead.run(missionId, repId, revision);
    q.deleteMission.run(repId, missionId);
    q.deleteCheers.run(missionId);
    return { kind: 'ok', revision, applied: true };
  }

  const missionWrites: MissionWrites = { upsertMission: writeMission, withdrawMission: withdraw };

  return {
    db,

    addTeam(name: string): string {
      const id = newId('team');
      transaction(() => q.insertTeam.run(id, name, now().toISOString()));
      return id;
    },

    /** Returns the rep's token: shown once, stored only as its hash. */
    addRep(team: string, name: string): { id: string; teamId: string; token: string } {
      const id = newId('rep');
      const token = newToken('mt');
      const inTeam = teamId(team);
      transaction(() => q.insertRep.run(id, inTeam, name, sha256(token), now().toISOString()));
      return { id, teamId: inTeam, token };
    },

    async addManager(team: string, email: string, password: string): Promise<string> {
      const hash = await hashPassword(password);
      const id = newId('mgr');
      const inTeam = teamId(team);
      transaction(() =>
        q.insertManager.run(id, inTeam, email.toLowerCase(), hash, now().toISOString()),
      );
      return id;
    },

    /** The rep's token stops working and their missions leave the board (ids stay as tombstones). */
    revokeRep(id: string): boolean {
      repCache.clear();
      return transaction(() => {
        const revoked = Number(q.revokeRep.run(now().toISOString(), id).changes) > 0;
        if (revoked) {
          q.deleteRepCheers.run(id);
          q.deleteRepMissions.run(id);
        }
        return revoked;
      });
    },

    revokeManager(email: string): boolean {
      return transaction(() => {
        q.deleteManagerSessions.run(email.toLowerCase());
        return Number(q.revokeManager.run(now().toISOString(), email.toLowerCase()).changes) > 0;
      });
    },

    repByToken(token: string): Rep | null {
      if (othersChanged()) repCache.clear();
      const at = Date.now();
      const cached = repCache.get(token);
      if (cached && cached.until > at) return cached.rep;
      const row = q.repByToken.get(sha256(token));
      if (!row) {
        repCache.delete(token);
        return null;
      }
      const rep = {
        id: str(row, 'id'),
        teamId: str(row, 'team_id'),
        teamName: str(row, 'team_name'),
        name: str(row, 'name'),
      };
      // Only known tokens are kept, so guessing tokens cannot grow the cache.
      if (repCache.size >= REP_CACHE_MAX) repCache.clear();
      repCache.set(token, { rep, until: at + REP_CACHE_TTL_MS });
      return rep;
    },

    managerForLogin(email: string): (Manager & { passwordHash: string }) | null {
      const row = q.managerByEmail.get(email.toLowerCase());
      return row ? { ...managerOf(row), passwordHash: str(row, 'password_hash') } : null;
    },

    createSession(managerId: string, ttlMs: number): { id: string; csrf: string } {
      const id = newToken('s');
      const csrf = newToken('c');
      const at = now().getTime();
      transaction(() => {
        // Expired sessions go as new ones come: the table holds only live ones.
        q.purgeSessions.run(at);
        q.insertSession.run(sha256(id), managerId, csrf, at + ttlMs);
      });
      return { id, csrf };
    },

    session(id: string): (Manager & { csrf: string }) | null {
      const row = q.session.get(sha256(id), now().getTime());
      return row ? { ...managerOf(row), csrf: str(row, 'csrf') } : null;
    },

    deleteSession(id: string): void {
      transaction(() => q.deleteSession.run(sha256(id)));
    },

    /** Throws unless the database answers and is still the file it was opened from. */
    assertReady(): void {
      assertFile();
      assertSchemaCurrent(db);
    },

    upsertMission(
      rep: Pick<Rep, 'id' | 'teamId'>,
      missionId: string,
      revision: number,
      state: TeamMissionState,
    ): WriteOutcome {
      return transaction(() => writeMission(rep, missionId, revision, state));
    },

    withdrawMission(repId: string, missionId: string, revision: number): WriteOutcome {
      return transaction(() => withdraw(repId, missionId, revision));
    },

    /**
     * Group commit: runs each write in its own savepoint inside one shared transaction, so a
     * failing write is undone alone and the others still commit. Returns each write's outcome or
     * error, in order, once the shared transaction has committed; throws (nothing committed) if
     * the transaction itself cannot begin or commit.
     */
    writeAll<T>(
      writes: readonly ((tx: MissionWrites) => T)[],
    ): ({ ok: true; value: T } | { ok: false; error: unknown })[] {
      return transaction(() =>
        writes.map((write) => {
          savepoint.run();
          try {
            const value = write(missionWrites);
            release.run();
            return { ok: true, value } as const;
          } catch (error) {
            // SQLite ended the whole transaction (a full disk, an I/O error): the batch fails
            // with this error, not with the savepoint's "no such savepoint".
            if (!db.isTransaction) throw error;
            rollbackTo.run();
            release.run();
            return { ok: false, error } as const;
          }
        }),
      );
    },

    cheer(rep: Rep, missionId: string): CheerOutcome {
      return transaction(() => {
        const owner = q.missionOwner.get(missionId);
        if (!owner) return { kind: 'not-found' } as const;
        if (str(owner, 'team_id') !== rep.teamId) return { kind: 'forbidden' } as const;
        if (str(owner, 'rep_id') === rep.id) return { kind: 'own' } as const;
        q.insertCheer.run(missionId, rep.id, now().toISOString());
        const count = q.cheerCount.get(missionId);
        return { kind: 'ok', cheers: count ? int(count, 'n') : 0 } as const;
      });
    },

    close(): void {
      db.close();
    },
  };
}

export { int, str, strOrNull, type Row };
