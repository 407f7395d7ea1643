// The one connection every repository shares: embedded SQLite by default (Node's built-in
// node:sqlite, WAL, one writer), or PostgreSQL when given a postgres:// URL (node-postgres, a
// pool), both behind Kysely so each query is written once (docs/decisions/0010). Only public
// mission state ever reaches either.
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type PostgresCursor,
  type PostgresPool,
  type PostgresQueryResult,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import { assertSchemaCurrent, migrate } from './migrations.ts';
import { type SyncRunner, sqliteDatabaseOf, syncRunnerOf } from './node-sqlite.ts';
import { statementName } from './prepared.ts';
import type { DialectName, TeamSchema } from './schema.ts';

export type DatabaseTarget = { file: string } | { url: string };

export interface OpenDatabaseOptions {
  now?: () => Date;
  /** SQLite: create the file when it is absent (the `init` command); otherwise it is refused. */
  create?: boolean;
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
}

export interface TeamDatabase {
  readonly dialect: DialectName;
  readonly db: Kysely<TeamSchema>;
  /** SQLite's own handle (PRAGMAs, tests); null on PostgreSQL. */
  readonly sqlite: DatabaseSync | null;
  /** SQLite's compiled queries run synchronously, inside `transaction`; null on PostgreSQL. */
  readonly sync: SyncRunner | null;
  /** Runs `fn` in one transaction on one connection; SQLite's takes the write lock at once. */
  transaction<T>(fn: (tx: Kysely<TeamSchema>) => Promise<T>): Promise<T>;
  /** False once the database itself has ended the transaction (a full disk, an I/O error). */
  inTransaction(): boolean;
  /**
   * Whether another connection may have changed the data since this was last asked, so caches
   * of it must go. SQLite tells (PRAGMA data_version); PostgreSQL has other instances, so always.
   */
  othersChanged(): boolean;
  /** Throws unless the database answers, is current, and (SQLite) is still the file opened. */
  assertReady(): Promise<void>;
  close(): Promise<void>;
}

/** The database file is gone or another file took its place: nothing more may be written. */
export class DatabaseGoneError extends Error {
  override name = 'DatabaseGoneError';
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else is not a database URL. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

const raw = (text: string) => CompiledQuery.raw(text);

/** BEGIN/COMMIT/ROLLBACK written once; the SQLite one takes the write lock at BEGIN. */
function transactionsOf(
  db: Kysely<TeamSchema>,
  dialect: DialectName,
  inTransaction: () => boolean,
  before: () => void,
) {
  const begin = raw(dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  const commit = raw('COMMIT');
  const rollback = raw('ROLLBACK');
  return <T>(fn: (tx: Kysely<TeamSchema>) => Promise<T>): Promise<T> => {
    before();
    return db.connection().execute(async (conn) => {
      await conn.executeQuery(begin);
      try {
        const result = await fn(conn);
        await conn.executeQuery(commit);
        return result;
      } catch (error) {
        // On a full disk or an I/O error SQLite has already ended the transaction: ROLLBACK would
        // fail too, and its "no transaction is active" must not replace the error that matters.
        if (inTransaction()) {
          try {
            await conn.executeQuery(rollback);
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
    });
  };
}

/** The database and the files SQLite keeps beside it hold rep data: only their owner reads them. */
function restrictFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

async function openSqlite(file: string, options: OpenDatabaseOptions): Promise<TeamDatabase> {
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
  const sqlite = new DatabaseSync(file, { timeout: 5000 });
  sqlite.exec('PRAGMA journal_mode = WAL');
  // WAL + NORMAL: a crash of the server loses nothing committed; a power loss may lose the last
  // transactions, which the apps then resend (they keep their outbox until acknowledged).
  sqlite.exec('PRAGMA synchronous = NORMAL');
  sqlite.exec('PRAGMA foreign_keys = ON');
  // 32 MB of page cache: a 1,000-rep team's board rows stay in memory between refreshes.
  sqlite.exec('PRAGMA cache_size = -32000');
  // Checkpoint less often than every 1,000 pages: each checkpoint syncs the database file.
  sqlite.exec('PRAGMA wal_autocheckpoint = 4000');
  const statements = sqliteDatabaseOf(sqlite);
  const db = new Kysely<TeamSchema>({ dialect: new SqliteDialect({ database: statements }) });
  try {
    await migrate(db, 'sqlite', now);
  } catch (error) {
    await db.destroy();
    throw error;
  }
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

  const dataVersion = sqlite.prepare('PRAGMA data_version');
  let seenDataVersion = -1;
  // Asked once per event-loop turn: the PRAGMA is a read transaction of its own (~16 µs in WAL
  // mode), and a change committed elsewhere is seen from the next turn on all the same.
  let askedThisTurn = false;
  const nextTurn = () => (askedThisTurn = false);
  const inTransaction = () => sqlite.isTransaction;

  return {
    dialect: 'sqlite',
    db,
    sqlite,
    sync: syncRunnerOf(statements),
    transaction: transactionsOf(db, 'sqlite', inTransaction, assertFile),
    inTransaction,
    othersChanged() {
      if (askedThisTurn) return false;
      askedThisTurn = true;
      setImmediate(nextTurn);
      const version = Number(dataVersion.get()?.data_version ?? -1);
      if (version === seenDataVersion) return false;
      seenDataVersion = version;
      return true;
    },
    async assertReady() {
      assertFile();
      await assertSchemaCurrent(db);
    },
    close: () => db.destroy(),
  };
}

/** The commands whose result Kysely reads (rows affected); BEGIN, SAVEPOINT and the like are none. */
const COMMANDS = ['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE', 'COMMIT', 'ROLLBACK'] as const;

/** The pool as Kysely sees it, sending the statements run often as named ones (prepared.ts). */
function namingStatements(pool: pg.Pool): PostgresPool {
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      function query<R>(
        sql: string,
        parameters: ReadonlyArray<unknown>,
      ): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        sql: string | PostgresCursor<R>,
        parameters: ReadonlyArray<unknown> = [],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        // Kysely passes a cursor only to .stream(), which the server never calls.
        if (typeof sql !== 'string') throw new Error('The team server does not stream queries');
        return client
          .query<R & pg.QueryResultRow>({
            text: sql,
            values: [...parameters],
            name: statementName(sql),
          })
          .then((result) => ({
            command: COMMANDS.find((c) => c === result.command) ?? 'SELECT',
            rowCount: result.rowCount ?? 0,
            rows: result.rows,
          }));
      }
      return { query, release: (destroy?: boolean) => client.release(destroy) };
    },
  };
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<TeamDatabase> {
  const now = options.now ?? (() => new Date());
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // count(*) and the BIGINT columns (ms times) are int8, which node-postgres leaves as text;
    // every one of ours is far below 2^53.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format),
    },
  });
  // PostgreSQL ends idle connections on a restart, a failover or a proxy's timeout, and the pool
  // reports it here; unheard, the event would end the process. The pool has already dropped that
  // client, and the next query connects afresh: a database that stays down shows in /readyz and
  // in the requests that fail, with their own errors.
  pool.on('error', () => {});
  const db = new Kysely<TeamSchema>({
    dialect: new PostgresDialect({ pool: namingStatements(pool) }),
  });
  try {
    await migrate(db, 'postgres', now);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const inTransaction = () => true;
  return {
    dialect: 'postgres',
    db,
    sqlite: null,
    sync: null,
    transaction: transactionsOf(db, 'postgres', inTransaction, () => {}),
    inTransaction,
    othersChanged: () => true,
    assertReady: () => assertSchemaCurrent(db),
    close: () => db.destroy(),
  };
}

/** Opens (and migrates) the team database: a SQLite file, or PostgreSQL at a postgres:// URL. */
export function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<TeamDatabase> {
  return 'url' in target ? openPostgres(target.url, options) : openSqlite(target.file, options);
}
