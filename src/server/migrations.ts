// The schema moves only by numbered migrations, applied in order at start, each in its own
// transaction and recorded in schema_migrations. A database another (newer) server has migrated
// past what this code knows is refused rather than written with the wrong idea of its tables.
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'teams, reps, managers, sessions, missions, cheers',
    // IF NOT EXISTS: a database made before migrations were recorded is adopted as it is.
    sql: `
CREATE TABLE IF NOT EXISTS teams (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reps (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id), name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, revoked_at TEXT, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reps_team ON reps(team_id);
CREATE TABLE IF NOT EXISTS managers (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id), email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL, revoked_at TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, manager_id TEXT NOT NULL REFERENCES managers(id),
  csrf TEXT NOT NULL, expires_at INTEGER NOT NULL);
-- Who owns each mission id and the highest revision seen, withdrawn or not.
CREATE TABLE IF NOT EXISTS mission_heads (
  id TEXT PRIMARY KEY, rep_id TEXT NOT NULL REFERENCES reps(id), revision INTEGER NOT NULL
) WITHOUT ROWID;
-- What the team sees of each shared mission: the columns the board and the team view read.
-- One row per mission and one index, so an upsert writes few pages (it is the hot path):
-- weekly milestone tallies and the latest wins ride along as small JSON columns rather than
-- tables. team_id is repeated so a team's missions are one index range.
CREATE TABLE IF NOT EXISTS missions (
  rep_id TEXT NOT NULL REFERENCES reps(id), id TEXT NOT NULL REFERENCES mission_heads(id),
  team_id TEXT NOT NULL,
  title TEXT NOT NULL, metric TEXT NOT NULL, target INTEGER NOT NULL, total INTEGER NOT NULL,
  status TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
  pace_expected INTEGER NOT NULL, pace_delta INTEGER NOT NULL, pace_label TEXT NOT NULL,
  streak_current INTEGER NOT NULL, streak_best INTEGER NOT NULL,
  reflection_reason TEXT, reflection_note TEXT, reflection_next TEXT,
  -- [[monday, hit, due], …] per ISO week
  weeks TEXT NOT NULL,
  -- [[at, amount], …], newest first, at most 20
  wins TEXT NOT NULL,
  last_win_at TEXT,
  updated_at TEXT NOT NULL,
  -- Keyed by rep: a page of reps' missions is a few key ranges (ids are unique on their own too,
  -- mission_heads sees to that).
  PRIMARY KEY (rep_id, id)
) WITHOUT ROWID;
-- "Behind pace" and the coaching moments: a range of one team's missions by status.
CREATE INDEX IF NOT EXISTS missions_status ON missions(team_id, status, pace_delta);
-- The feed: the team's missions with the latest wins.
CREATE INDEX IF NOT EXISTS missions_feed ON missions(team_id, last_win_at);
CREATE TABLE IF NOT EXISTS cheers (
  mission_id TEXT NOT NULL, from_rep_id TEXT NOT NULL REFERENCES reps(id), at TEXT NOT NULL,
  PRIMARY KEY (mission_id, from_rep_id)) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: 'indexes for session expiry and the per-rep mission cap',
    sql: `
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);
CREATE INDEX IF NOT EXISTS mission_heads_rep ON mission_heads(rep_id);`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export class DatabaseTooNewError extends Error {
  override name = 'DatabaseTooNewError';
}

function versionOf(db: DatabaseSync): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get();
  const v = row?.v;
  return typeof v === 'number' ? v : 0;
}

/** Throws unless the database is at exactly the version this code knows. */
export function assertSchemaCurrent(db: DatabaseSync): void {
  const version = versionOf(db);
  if (version > SCHEMA_VERSION)
    throw new DatabaseTooNewError(
      `The team database is at schema version ${version}; this server knows versions up to ${SCHEMA_VERSION}. Run the newer server that migrated it.`,
    );
  if (version < SCHEMA_VERSION)
    throw new Error(`The team database is at schema version ${version}, not ${SCHEMA_VERSION}.`);
}

/** Applies the migrations the database lacks; returns their versions. */
export function migrate(db: DatabaseSync, now: () => Date): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Read inside the write lock: two servers starting together apply each migration once.
      const current = versionOf(db);
      if (current > SCHEMA_VERSION) {
        db.exec('ROLLBACK');
        assertSchemaCurrent(db);
      }
      if (migration.version <= current) {
        db.exec('ROLLBACK');
        continue;
      }
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        now().toISOString(),
      );
      db.exec('COMMIT');
      applied.push(migration.version);
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
  return applied;
}
