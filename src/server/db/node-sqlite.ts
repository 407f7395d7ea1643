// Kysely's SQLite dialect over Node's built-in node:sqlite (docs/decisions/0010): Kysely ships a
// dialect shaped on better-sqlite3's API, which DatabaseSync nearly matches; this adapts the
// rest (parameters spread, `reader` from the statement's columns) and prepares each SQL text
// once, where Kysely's driver would prepare it again on every run. The same prepared statements
// also run compiled queries synchronously (`SyncRunner`), for the group commit's per-write ones.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { CompiledQuery, SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept per connection; the board's `IN (…)` lists make at most a few dozen more. */
const MAX_STATEMENTS = 500;

function input(value: unknown): SQLInputValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    value instanceof Uint8Array
  )
    return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new TypeError(`SQLite cannot store a ${typeof value} parameter`);
}

const inputs = (parameters: readonly unknown[]): SQLInputValue[] => parameters.map(input);

function statementOf(stmt: StatementSync): SqliteStatement {
  return {
    reader: stmt.columns().length > 0,
    all: (parameters) => stmt.all(...inputs(parameters)),
    run: (parameters) => stmt.run(...inputs(parameters)),
    iterate: (parameters) => stmt.iterate(...inputs(parameters)),
  };
}

export function sqliteDatabaseOf(db: DatabaseSync): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statement = statementOf(db.prepare(sql));
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Runs a compiled query at once on the connection, past Kysely's executor: no promise per
 * statement. For statements inside a transaction the caller holds through Kysely (on SQLite one
 * connection, and nothing else runs on it until the caller awaits).
 */
export interface SyncRunner {
  rows<R>(query: CompiledQuery<R>): R[];
  /** Rows the statement inserted, updated or deleted. */
  changes(query: CompiledQuery<unknown>): number;
}

export function syncRunnerOf(database: SqliteDatabase): SyncRunner {
  return {
    rows: <R>(query: CompiledQuery<R>) => database.prepare(query.sql).all(query.parameters) as R[],
    changes: (query) => Number(database.prepare(query.sql).run(query.parameters).changes),
  };
}
