// Numbered migrations on a real SQLite file and a real PostgreSQL database: applied once and
// recorded, a database from before migrations were recorded adopted with its data, and a database
// newer than the code refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../../src/server/db/connection.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/server/db/migrations.ts';
import type { DialectName } from '../../../src/server/db/schema.ts';
import { openTeamStore } from '../../../src/server/store.ts';
import { DIALECTS, call, startTeamServer, testDatabaseTarget } from './team-server-fixture.ts';

/**
 * Raw SQL on the database, as another program (an older or newer server) would run it: the
 * statements in order, the last one's rows returned. `?` placeholders on both.
 */
async function rawSql(
  target: DatabaseTarget,
  statements: readonly string[],
  parameters: readonly (string | number | null)[] = [],
): Promise<Record<string, unknown>[]> {
  const last = statements.length - 1;
  if ('file' in target) {
    const db = new DatabaseSync(target.file);
    try {
      statements.slice(0, last).forEach((s) => db.exec(s));
      const statement = db.prepare(statements[last] ?? 'SELECT 1');
      return statement.columns().length > 0
        ? statement.all(...parameters)
        : (statement.run(...parameters), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    for (const s of statements.slice(0, last)) await client.query(s);
    let n = 0;
    const text = (statements[last] ?? 'SELECT 1').replace(/\?/g, () => `$${++n}`);
    return (await client.query(text, [...parameters])).rows;
  } finally {
    await client.end();
  }
}

const recorded = async (target: DatabaseTarget) =>
  (
    await rawSql(target, ['SELECT version, name, applied_at FROM schema_migrations ORDER BY 1'])
  ).map((row) => ({
    version: Number(row.version),
    name: String(row.name),
    appliedAt: String(row.applied_at),
  }));

const indexNamed = (dialect: DialectName, name: string): string =>
  dialect === 'sqlite'
    ? `SELECT name FROM sqlite_master WHERE type = 'index' AND name = '${name}'`
    : `SELECT indexname AS name FROM pg_indexes WHERE indexname = '${name}'`;

describe.each(DIALECTS)('on %s', (dialect) => {
  let dir = '';
  let target: DatabaseTarget = { file: '' };
  let drop = async () => {};
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mt-migrations-'));
    ({ target, drop } = await testDatabaseTarget(dialect, dir));
  });
  afterEach(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once, in order, and records each', async () => {
    await (
      await openTeamStore(target, { create: true, now: () => new Date('2026-11-01T00:00:00Z') })
    ).close();
    const first = await recorded(target);
    expect(first.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.every((r) => r.appliedAt === '2026-11-01T00:00:00.000Z')).toBe(true);
    await (await openTeamStore(target, { now: () => new Date('2026-12-01T00:00:00Z') })).close();
    expect(await recorded(target)).toEqual(first);
  });

  it('adopts a database made before migrations were recorded, keeping its data', async () => {
    const v1 = MIGRATIONS.find((m) => m.version === 1);
    await rawSql(
      target,
      [
        ...(v1?.statements(dialect) ?? []),
        'INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)',
      ],
      ['team_1', 'North', '2026-01-01T00:00:00Z'],
    );
    const db = await openTeamStore(target);
    expect((await db.accounts.addRep('North', 'Ann')).teamId).toBe('team_1');
    await db.close();
    expect(await rawSql(target, [indexNamed(dialect, 'mission_heads_rep')])).toHaveLength(1);
    expect((await recorded(target)).map((r) => r.version)).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
  });

  it('keeps every mission, on the board, when version 7 keys them by team', async () => {
    const before = MIGRATIONS.filter((m) => m.version < 7);
    const at = '2026-11-30T09:00:00.000Z';
    const mission = {
      rep_id: 'rep_1',
      id: 'm-1',
      team_id: 'team_1',
      title: 'Book 10 meetings',
      metric: JSON.stringify({ kind: 'meetings' }),
      target: 10,
      total: 3,
      status: 'active',
      start_date: '2026-11-30',
      end_date: '2026-12-04',
      pace_expected: 4,
      pace_delta: -1,
      pace_label: 'behind',
      streak_current: 1,
      streak_best: 2,
      reflection_reason: null,
      reflection_note: null,
      reflection_next: null,
      weeks: JSON.stringify([['2026-11-30', 3, 4]]),
      wins: JSON.stringify([[at, 1]]),
      last_win_at: at,
      updated_at: at,
      away: '[]',
      daily: JSON.stringify([['2026-11-30', 3]]),
      working_days: '[1,2,3,4,5]',
    };
    const columns = Object.keys(mission);
    // A database as the server of version 6 left it, with a rep's mission on the board.
    await rawSql(target, [
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      ...before.flatMap((m) => m.statements(dialect)),
      ...before.map(
        (m) =>
          `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, 'v${m.version}', '${at}')`,
      ),
      `INSERT INTO teams (id, name, created_at) VALUES ('team_1', 'North', '${at}')`,
      `INSERT INTO reps (id, team_id, name, token_hash, created_at) VALUES ('rep_1', 'team_1', 'Ann', 'h1', '${at}')`,
      `INSERT INTO mission_heads (id, rep_id, revision) VALUES ('m-1', 'rep_1', 4)`,
      `SELECT 1`,
    ]);
    await rawSql(
      target,
      [
        `INSERT INTO missions (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ],
      Object.values(mission),
    );

    const db = await openTeamStore(target, { now: () => new Date('2026-11-30T12:00:00Z') });
    try {
      const board = await db.reads.board('team_1', 'North');
      expect(board.reps.map((r) => [r.name, r.missions.map((m) => [m.title, m.total])])).toEqual([
        ['Ann', [['Book 10 meetings', 3]]],
      ]);
      expect(board.behind.map((b) => [b.rep, b.mission.title])).toEqual([
        ['Ann', 'Book 10 meetings'],
      ]);
      expect(board.feed.map((f) => [f.rep, f.at])).toEqual([['Ann', at]]);
    } finally {
      await db.close();
    }
    const [row] = await rawSql(target, [`SELECT ${columns.join(', ')} FROM missions`]);
    expect({ ...row, target: Number(row?.target), total: Number(row?.total) }).toEqual({
      ...mission,
    });
    expect((await recorded(target)).map((r) => r.version)).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
  });

  it('refuses a database newer than the code, at start and at /readyz', async () => {
    const server = await startTeamServer({ dialect });
    try {
      expect((await call(server.url, 'GET', '/readyz', null)).status).toBe(200);
      // Another server, from a newer release, migrates the same database.
      await rawSql(
        server.target,
        ['INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'],
        [SCHEMA_VERSION + 1, 'from the future', '2027-01-01T00:00:00Z'],
      );
      const ready = await call(server.url, 'GET', '/readyz', null);
      expect(ready.status).toBe(503);
      expect(ready.json).toEqual({
        error: expect.stringMatching(/schema version \d+.*newer server/),
      });
      await expect(openTeamStore(server.target)).rejects.toThrow(
        new RegExp(
          `version ${SCHEMA_VERSION + 1}; this server knows versions up to ${SCHEMA_VERSION}`,
        ),
      );
    } finally {
      await server.close();
    }
  });
});
