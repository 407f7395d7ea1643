// Numbered migrations on a real SQLite file: applied once and recorded, a database from before
// migrations were recorded adopted with its data, and a database newer than the code refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/server/db/migrations.ts';
import { openTeamStore } from '../../../src/server/store.ts';
import { call, startTeamServer } from './team-server-fixture.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const recorded = (file: string) => {
  const db = new DatabaseSync(file);
  const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations').all();
  db.close();
  return rows;
};

it('applies every migration once, in order, and records each', async () => {
  const file = join(dir, 'team.db');
  await (
    await openTeamStore({ file }, { create: true, now: () => new Date('2026-11-01T00:00:00Z') })
  ).close();
  const first = recorded(file);
  expect(first.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  expect(first.every((r) => r.applied_at === '2026-11-01T00:00:00.000Z')).toBe(true);
  await (await openTeamStore({ file }, { now: () => new Date('2026-12-01T00:00:00Z') })).close();
  expect(recorded(file)).toEqual(first);
});

it('adopts a database made before migrations were recorded, keeping its data', async () => {
  const file = join(dir, 'team.db');
  const old = new DatabaseSync(file);
  const v1 = MIGRATIONS.find((m) => m.version === 1);
  for (const statement of v1?.statements('sqlite') ?? []) old.exec(statement);
  old
    .prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)')
    .run('team_1', 'North', '2026-01-01T00:00:00Z');
  old.close();
  const db = await openTeamStore({ file });
  expect((await db.accounts.addRep('North', 'Ann')).teamId).toBe('team_1');
  const indexes = db.database.sqlite
    ?.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'mission_heads_rep'")
    .all();
  expect(indexes).toHaveLength(1);
  await db.close();
  expect(recorded(file).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
});

it('refuses a database newer than the code, at start and at /readyz', async () => {
  const server = await startTeamServer();
  try {
    expect((await call(server.url, 'GET', '/readyz', null)).status).toBe(200);
    // Another server, from a newer release, migrates the same file.
    const newer = new DatabaseSync(server.file);
    newer
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(SCHEMA_VERSION + 1, 'from the future', '2027-01-01T00:00:00Z');
    newer.close();
    const ready = await call(server.url, 'GET', '/readyz', null);
    expect(ready.status).toBe(503);
    expect(ready.json).toEqual({
      error: expect.stringMatching(/schema version \d+.*newer server/),
    });
    await expect(openTeamStore({ file: server.file })).rejects.toThrow(
      new RegExp(
        `version ${SCHEMA_VERSION + 1}; this server knows versions up to ${SCHEMA_VERSION}`,
      ),
    );
  } finally {
    await server.close();
  }
});
