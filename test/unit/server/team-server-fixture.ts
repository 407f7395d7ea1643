// A real team server on 127.0.0.1 over a real database, for tests: a SQLite file in a temp dir,
// or a fresh database of its own on the test PostgreSQL cluster (postgres.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createTeamServer, type TeamServerOptions } from '../../../src/server/app.ts';
import type { DatabaseTarget } from '../../../src/server/db/connection.ts';
import type { DialectName } from '../../../src/server/db/schema.ts';
import { openTeamStore } from '../../../src/server/store.ts';
import type { TeamMissionState } from '../../../src/shared/team.ts';
import { createTestDatabase } from './postgres.ts';

/** Every behavioural server test runs on both: `describe.each(DIALECTS)`. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface TeamServerFixtureOptions extends Partial<Omit<TeamServerOptions, 'store'>> {
  dialect?: DialectName;
}

/** A database for one test: a file path in `dir`, or a new PostgreSQL database. */
export async function testDatabaseTarget(dialect: DialectName, dir: string) {
  if (dialect === 'sqlite') {
    const file = join(dir, 'team.db');
    return { target: { file } satisfies DatabaseTarget, file, drop: async () => {} };
  }
  const database = await createTestDatabase();
  return { target: { url: database.url } satisfies DatabaseTarget, file: '', drop: database.drop };
}

export async function startTeamServer(options: TeamServerFixtureOptions = {}) {
  const { dialect = 'sqlite', ...serverOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'mt-team-'));
  const { target, file, drop } = await testDatabaseTarget(dialect, dir);
  const store = await openTeamStore(target, { now: options.now, create: true });
  const app = createTeamServer({ store, ...serverOptions });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const { db } = store.database;
  const instances: (() => Promise<void>)[] = [];
  return {
    dialect,
    store,
    /** Where the database is, for a second connection (the CLI, another process). */
    target,
    /** The SQLite file ('' on PostgreSQL). */
    file,
    url,
    port,
    /** Every row of a table, straight from the database. */
    async rows(table: string): Promise<Record<string, unknown>[]> {
      const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
        db,
      );
      return result.rows;
    },
    /** The names of the database's tables. */
    async tables(): Promise<string[]> {
      const result =
        dialect === 'sqlite'
          ? await sql<{
              name: string;
            }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)
          : await sql<{
              name: string;
            }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(
              db,
            );
      return result.rows.map((row) => row.name);
    },
    /** A second server process's worth: its own connection to the same database, its own port. */
    async anotherInstance(more: Partial<Omit<TeamServerOptions, 'store'>> = {}) {
      const other = await openTeamStore(target, { now: options.now });
      const second = createTeamServer({ store: other, ...serverOptions, ...more });
      await second.listen({ port: 0, host: '127.0.0.1' });
      const at = second.server.address();
      instances.push(async () => {
        await second.close();
        await other.close();
      });
      return `http://127.0.0.1:${typeof at === 'object' && at ? at.port : 0}`;
    },
    async close() {
      for (const stop of instances) await stop();
      await app.close();
      await store.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type TeamServerFixture = Awaited<ReturnType<typeof startTeamServer>>;
/** A consistent mission: its day's count and its pace follow the total unless given. */
export function sampleState(overrides: Partial<TeamMissionState> = {}): TeamMissionState {
  const total = overrides.total ?? 3;
  return {
    title: 'Book 10 meetings',
    metric: { kind: 'meetings' },
    target: 10,
    startDate: '2026-11-23',
    endDate: '2026-11-27',
    workingDays: [1, 2, 3, 4, 5],
    objective: null,
    status: 'active',
    total,
    days: [{ date: '2026-11-23', count: total, hit: 1, of: 1 }],
    pace: { expected: 2, actual: total, delta: total - 2, label: 'ahead by 1' },
    streak: { current: 1, best: 1 },
    recentWins: [{ at: '2026-11-23T10:00:00.000Z', amount: 3 }],
    reflection: null,
    asOf: '2026-11-23T11:00:00.000Z',
    ...overrides,
  };
}

export async function call(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}
