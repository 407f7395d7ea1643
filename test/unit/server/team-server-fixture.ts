// A real team server on 127.0.0.1 with a real database file in a temp dir, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeamServer, type TeamServerOptions } from '../../../src/server/app.ts';
import { openTeamDb } from '../../../src/server/db.ts';
import type { TeamMissionState } from '../../../src/shared/team.ts';

export async function startTeamServer(options: Partial<TeamServerOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mt-team-'));
  const file = join(dir, 'team.db');
  const db = openTeamDb(file, { now: options.now, create: true });
  const app = createTeamServer({ db, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    db,
    file,
    url,
    port,
    /** Every row of a table, straight from the database file. */
    rows(table: string): Record<string, unknown>[] {
      return db.db.prepare(`SELECT * FROM ${table}`).all();
    },
    async close() {
      await app.close();
      db.close();
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
