// The schema moves only by numbered migrations, applied in order at start, each in its own
// transaction and recorded in schema_migrations, on SQLite and PostgreSQL alike. A database
// another (newer) server has migrated past what this code knows is refused rather than written
// with the wrong idea of its tables.
import { CompiledQuery, type Kysely } from 'kysely';
import type { DialectName, TeamSchema } from './schema.ts';

export interface Migration {
  version: number;
  name: string;
  /** The statements, in the dialect's own DDL. */
  statements(dialect: DialectName): string[];
}

/**
 * The few words the dialects spell differently. Text compares byte by byte on both (SQLite's
 * BINARY, PostgreSQL's "C"), so orderings and uniqueness are the same whichever runs.
 */
function ddl(dialect: DialectName) {
  const pg = dialect === 'postgres';
  return {
    text: pg ? 'TEXT COLLATE "C"' : 'TEXT',
    bigint: pg ? 'BIGINT' : 'INTEGER',
    withoutRowid: pg ? '' : ' WITHOUT ROWID',
  };
}

/** Every column of missions as of version 7, in its order. */
const MISSION_COLUMNS = `rep_id, id, team_id, title, metric, target, total, status, start_date, end_date,
  pace_expected, pace_delta, pace_label, streak_current, streak_best, reflection_reason,
  reflection_note, reflection_next, weeks, wins, last_win_at, updated_at, away, daily, working_days`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'teams, reps, managers, sessions, missions, cheers',
    // IF NOT EXISTS: a database made before migrations were recorded is adopted as it is.
    statements(dialect) {
      const { text, bigint, withoutRowid } = ddl(dialect);
      return [
        `CREATE TABLE IF NOT EXISTS teams (
  id ${text} PRIMARY KEY, name ${text} NOT NULL UNIQUE, created_at ${text} NOT NULL)`,
        `CREATE TABLE IF NOT EXISTS reps (
  id ${text} PRIMARY KEY, team_id ${text} NOT NULL REFERENCES teams(id), name ${text} NOT NULL,
  token_hash ${text} NOT NULL UNIQUE, revoked_at ${text}, created_at ${text} NOT NULL)`,
        'CREATE INDEX IF NOT EXISTS reps_team ON reps(team_id)',
        `CREATE TABLE IF NOT EXISTS managers (
  id ${text} PRIMARY KEY, team_id ${text} NOT NULL REFERENCES teams(id), email ${text} NOT NULL UNIQUE,
  password_hash ${text} NOT NULL, revoked_at ${text}, created_at ${text} NOT NULL)`,
        `CREATE TABLE IF NOT EXISTS sessions (
  id_hash ${text} PRIMARY KEY, manager_id ${text} NOT NULL REFERENCES managers(id),
  csrf ${text} NOT NULL, expires_at ${bigint} NOT NULL)`,
        `CREATE TABLE IF NOT EXISTS mission_heads (
  id ${text} PRIMARY KEY, rep_id ${text} NOT NULL REFERENCES reps(id), revision INTEGER NOT NULL
)${withoutRowid}`,
        // What the team sees of each shared mission: the columns the board and the team view
        // read. One row per mission and few indexes, so an upsert writes few pages (it is the
        // hot path): weekly tallies and the latest wins ride along as small JSON columns.
        // team_id is repeated so a team's missions are one index range; the key leads with the
        // rep, so a page of reps' missions is a few key ranges.
        `CREATE TABLE IF NOT EXISTS missions (
  rep_id ${text} NOT NULL REFERENCES reps(id), id ${text} NOT NULL REFERENCES mission_heads(id),
  team_id ${text} NOT NULL,
  title ${text} NOT NULL, metric ${text} NOT NULL, target INTEGER NOT NULL, total INTEGER NOT NULL,
  status ${text} NOT NULL, start_date ${text} NOT NULL, end_date ${text} NOT NULL,
  pace_expected INTEGER NOT NULL, pace_delta INTEGER NOT NULL, pace_label ${text} NOT NULL,
  streak_current INTEGER NOT NULL, streak_best INTEGER NOT NULL,
  reflection_reason ${text}, reflection_note ${text}, reflection_next ${text},
  weeks ${text} NOT NULL, wins ${text} NOT NULL, last_win_at ${text}, updated_at ${text} NOT NULL,
  PRIMARY KEY (rep_id, id)
)${withoutRowid}`,
        // "Behind pace" and the coaching moments: a range of one team's missions by status.
        'CREATE INDEX IF NOT EXISTS missions_status ON missions(team_id, status, pace_delta)',
        // The feed: the team's missions with the latest wins.
        'CREATE INDEX IF NOT EXISTS missions_feed ON missions(team_id, last_win_at)',
        `CREATE TABLE IF NOT EXISTS cheers (
  mission_id ${text} NOT NULL, from_rep_id ${text} NOT NULL REFERENCES reps(id), at ${text} NOT NULL,
  PRIMARY KEY (mission_id, from_rep_id))${withoutRowid}`,
      ];
    },
  },
  {
    version: 2,
    name: 'indexes for session expiry and the per-rep mission cap',
    statements: () => [
      'CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at)',
      'CREATE INDEX IF NOT EXISTS mission_heads_rep ON mission_heads(rep_id)',
    ],
  },
  {
    version: 3,
    name: 'sign-in attempts per account and per address, shared by every instance',
    statements(dialect) {
      const { text, bigint, withoutRowid } = ddl(dialect);
      return [
        `CREATE TABLE sign_in_attempts (
  key ${text} PRIMARY KEY, window_start ${bigint} NOT NULL, attempts INTEGER NOT NULL)${withoutRowid}`,
      ];
    },
  },
  {
    version: 4,
    name: 'protocol v2: the days a rep is away, so the board shows them away, not behind',
    statements(dialect) {
      const { text } = ddl(dialect);
      return [`ALTER TABLE missions ADD COLUMN away ${text} NOT NULL DEFAULT '[]'`];
    },
  },
  {
    version: 5,
    name: "the board's wins per day against plan: each mission's wins per day and working days",
    statements(dialect) {
      const { text } = ddl(dialect);
      return [
        `ALTER TABLE missions ADD COLUMN daily ${text} NOT NULL DEFAULT '[]'`,
        `ALTER TABLE missions ADD COLUMN working_days ${text} NOT NULL DEFAULT '[1,2,3,4,5]'`,
      ];
    },
  },
  {
    version: 6,
    name: 'admins, one-time password links, invites, and when each rep last synced',
    statements(dialect) {
      const { text, bigint } = ddl(dialect);
      return [
        // Admins are their own rows (no team); their board sessions their own table, so the
        // sessions of managers keep their key and what reads them.
        `CREATE TABLE admins (
  id ${text} PRIMARY KEY, email ${text} NOT NULL UNIQUE, password_hash ${text} NOT NULL,
  revoked_at ${text}, created_at ${text} NOT NULL)`,
        `CREATE TABLE admin_sessions (
  id_hash ${text} PRIMARY KEY, admin_id ${text} NOT NULL REFERENCES admins(id),
  csrf ${text} NOT NULL, expires_at ${bigint} NOT NULL)`,
        'CREATE INDEX admin_sessions_expiry ON admin_sessions(expires_at)',
        // A link sets the password of exactly one account: an admin's or a manager's.
        `CREATE TABLE password_links (
  secret_hash ${text} PRIMARY KEY, admin_id ${text} REFERENCES admins(id),
  manager_id ${text} REFERENCES managers(id), expires_at ${bigint} NOT NULL,
  used_at ${text}, created_at ${text} NOT NULL,
  CHECK ((admin_id IS NULL) <> (manager_id IS NULL)))`,
        'CREATE INDEX password_links_manager ON password_links(manager_id)',
        'CREATE INDEX password_links_admin ON password_links(admin_id)',
        // rep_id is null for a new rep (made at the join) and set for a re-invite.
        `CREATE TABLE invites (
  id ${text} PRIMARY KEY, secret_hash ${text} NOT NULL UNIQUE, team_id ${text} NOT NULL REFERENCES teams(id),
  rep_id ${text} REFERENCES reps(id), rep_name ${text} NOT NULL, created_by ${text},
  created_at ${text} NOT NULL, expires_at ${bigint} NOT NULL, used_at ${text}, revoked_at ${text})`,
        'CREATE INDEX invites_team ON invites(team_id, created_at)',
        'CREATE INDEX invites_rep ON invites(rep_id)',
        `ALTER TABLE reps ADD COLUMN last_seen_at ${text}`,
      ];
    },
  },
  {
    version: 7,
    name: "a team's missions together, and no index an upsert rewrites",
    // The board reads a team's missions; an upsert rewrites one row. Before, the missions were
    // keyed by rep, and two indexes led the board to a team's (team_id with status and pace, with
    // the latest win): every upsert rewrote both entries, even when those values were unchanged
    // (SQLite rewrites each index holding a column the UPDATE sets), and a team-wide read looked
    // up each mission's row apart. On SQLite the table is rebuilt keyed by team first, so a
    // team's missions are one range of the table itself; on PostgreSQL, whose tables are not
    // ordered by their key, one index on the team. (rep_id, id) stays unique on both: what an
    // upsert names its mission by.
    statements(dialect) {
      const { text } = ddl(dialect);
      if (dialect === 'postgres')
        return [
          'CREATE INDEX missions_team ON missions(team_id)',
          'DROP INDEX missions_status',
          'DROP INDEX missions_feed',
        ];
      return [
        `CREATE TABLE missions_by_team (
  rep_id ${text} NOT NULL REFERENCES reps(id), id ${text} NOT NULL REFERENCES mission_heads(id),
  team_id ${text} NOT NULL,
  title ${text} NOT NULL, metric ${text} NOT NULL, target INTEGER NOT NULL, total INTEGER NOT NULL,
  status ${text} NOT NULL, start_date ${text} NOT NULL, end_date ${text} NOT NULL,
  pace_expected INTEGER NOT NULL, pace_delta INTEGER NOT NULL, pace_label ${text} NOT NULL,
  streak_current INTEGER NOT NULL, streak_best INTEGER NOT NULL,
  reflection_reason ${text}, reflection_note ${text}, reflection_next ${text},
  weeks ${text} NOT NULL, wins ${text} NOT NULL, last_win_at ${text}, updated_at ${text} NOT NULL,
  away ${text} NOT NULL DEFAULT '[]', daily ${text} NOT NULL DEFAULT '[]',
  working_days ${text} NOT NULL DEFAULT '[1,2,3,4,5]',
  PRIMARY KEY (team_id, rep_id, id)
) WITHOUT ROWID`,
        `INSERT INTO missions_by_team (${MISSION_COLUMNS}) SELECT ${MISSION_COLUMNS} FROM missions`,
        'DROP TABLE missions',
        'ALTER TABLE missions_by_team RENAME TO missions',
        'CREATE UNIQUE INDEX missions_mission ON missions(rep_id, id)',
      ];
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export class DatabaseTooNewError extends Error {
  override name = 'DatabaseTooNewError';
}

async function versionOf(db: Kysely<TeamSchema>): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

function checkVersion(version: number): void {
  if (version > SCHEMA_VERSION)
    throw new DatabaseTooNewError(
      `The team database is at schema version ${version}; this server knows versions up to ${SCHEMA_VERSION}. Run the newer server that migrated it.`,
    );
  if (version < SCHEMA_VERSION)
    throw new Error(`The team database is at schema version ${version}, not ${SCHEMA_VERSION}.`);
}

/** Throws unless the database is at exactly the version this code knows. */
export async function assertSchemaCurrent(db: Kysely<TeamSchema>): Promise<void> {
  checkVersion(await versionOf(db));
}

/** Any number: the key of the advisory lock two PostgreSQL instances starting together share. */
const MIGRATION_LOCK = 7_135_201;

/**
 * Applies the migrations the database lacks; returns their versions. Two servers starting
 * together apply each migration once: SQLite's BEGIN IMMEDIATE and PostgreSQL's advisory lock
 * make the second wait, then read the version the first recorded.
 */
export async function migrate(
  db: Kysely<TeamSchema>,
  dialect: DialectName,
  now: () => Date,
): Promise<number[]> {
  const run = (conn: Kysely<TeamSchema>, text: string) =>
    conn.executeQuery(CompiledQuery.raw(text));
  return db.connection().execute(async (conn) => {
    const applied: number[] = [];
    if (dialect === 'postgres') await run(conn, `SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await run(
        conn,
        `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
      );
      for (const migration of MIGRATIONS) {
        await run(conn, dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
        try {
          const current = await versionOf(conn);
          if (current > SCHEMA_VERSION) checkVersion(current);
          if (migration.version <= current) {
            await run(conn, 'ROLLBACK');
            continue;
          }
          for (const statement of migration.statements(dialect)) await run(conn, statement);
          await conn
            .insertInto('schema_migrations')
            .values({
              version: migration.version,
              name: migration.name,
              applied_at: now().toISOString(),
            })
            .execute();
          await run(conn, 'COMMIT');
          applied.push(migration.version);
        } catch (error) {
          await run(conn, 'ROLLBACK').catch(() => {});
          throw error;
        }
      }
    } finally {
      if (dialect === 'postgres')
        await run(conn, `SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {});
    }
    return applied;
  });
}
