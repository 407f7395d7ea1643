// `team-server serve` as a real process, on a SQLite file and on PostgreSQL (DATABASE_URL): it
// refuses to start on a missing database, logs JSON with request ids and no secrets, and on
// SIGTERM finishes the request in flight before it exits.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseUrl } from '../../postgres-cluster.ts';
import type { DatabaseTarget } from '../../../src/server/db/connection.ts';
import { openTeamStore } from '../../../src/server/store.ts';
import { postgresAdminUrl } from './postgres.ts';
import { DIALECTS, sampleState, testDatabaseTarget } from './team-server-fixture.ts';

const cli = fileURLToPath(new URL('../../../src/server/cli.ts', import.meta.url));
let dir = '';
let child: ChildProcess | null = null;
let drop = async () => {};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-serve-'));
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  await drop();
  drop = async () => {};
  rmSync(dir, { recursive: true, force: true });
});

/** `team-server serve` on the target: --db FILE, or DATABASE_URL for PostgreSQL. */
function serveArgs(target: DatabaseTarget) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if ('url' in target) env.DATABASE_URL = target.url;
  const args = [cli, 'serve', ...('file' in target ? ['--db', target.file] : []), '--port', '0'];
  return { args, env };
}

/** Starts `team-server serve` on the target and waits for the port it listens on. */
async function startServing(target: DatabaseTarget) {
  const { args, env } = serveArgs(target);
  const server = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  child = server;
  let out = '';
  server.stdout?.on('data', (d) => (out += String(d)));
  server.stderr?.on('data', (d) => (out += String(d)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in: ${out}`)), 80_000);
    server.stdout?.on('data', () => {
      const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { server, port, output: () => out };
}

async function databaseNames(): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    const result = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    return result.rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

// Generous limits: each case starts a Node process that loads the server's TypeScript, which takes
// tens of seconds on a machine busy with other work.
describe('on sqlite', () => {
  it(
    'refuses to serve a database that is not there, and creates nothing',
    { timeout: 90_000 },
    () => {
      const file = join(dir, 'team.db');
      const { args, env } = serveArgs({ file });
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 80_000, env });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('There is no team database at');
      expect(result.stderr).toContain('init');
      expect(existsSync(file)).toBe(false);
    },
  );
});

describe('on postgres', () => {
  // The PostgreSQL equivalent of a missing file: a database that does not exist (dropped, or a
  // typo in DATABASE_URL) is refused, and serve never creates one.
  it(
    'refuses to serve a database that is not there, and creates nothing',
    { timeout: 90_000 },
    async () => {
      const name = `mt_test_${process.pid}_absent`;
      const { args, env } = serveArgs({ url: databaseUrl(postgresAdminUrl(), name) });
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 80_000, env });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`database "${name}" does not exist`);
      expect(await databaseNames()).not.toContain(name);
    },
  );
});

describe.each(DIALECTS)('on %s', (dialect) => {
  it(
    'logs JSON with request ids and no secrets, and drains the request in flight on SIGTERM',
    { timeout: 150_000 },
    async () => {
      const database = await testDatabaseTarget(dialect, dir);
      drop = database.drop;
      const { target } = database;
      const db = await openTeamStore(target, { create: true });
      // Only its owner may read the SQLite file (PostgreSQL keeps its own files).
      if (dialect === 'sqlite')
        expect((statSync(database.file).mode & 0o777).toString(8)).toBe('600');
      await db.accounts.addTeam('North');
      const ann = await db.accounts.addRep('North', 'Ann');
      const password = 'a manager password nobody logs';
      await db.accounts.addManager('North', 'mia@north.test', password);
      await db.close();

      const { server, port, output } = await startServing(target);
      const url = `http://127.0.0.1:${port}`;

      const note = 'A private-sounding reflection note';
      const put = await fetch(`${url}/api/v1/missions/m1`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          revision: 1,
          state: sampleState({
            status: 'missed',
            reflection: { reason: 'other', note, nextStep: '' },
            asOf: new Date().toISOString(),
            recentWins: [],
          }),
        }),
      });
      expect(put.status).toBe(200);
      const login = await fetch(`${url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'mia@north.test', password }).toString(),
      });
      expect(login.status).toBe(303);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect((await fetch(`${url}/board`, { headers: { cookie } })).status).toBe(200);

      // A request whose body is half sent when SIGTERM arrives is still answered and stored.
      const body = JSON.stringify({
        revision: 1,
        state: sampleState({ title: 'Sent during shutdown', asOf: new Date().toISOString() }),
      });
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += String(d)));
      await new Promise<void>((resolve) => socket.on('connect', resolve));
      socket.write(
        `PUT /api/v1/missions/m2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ann.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
          body.slice(0, 40),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = new Promise<number | null>((resolve) =>
        server.on('exit', (code) => resolve(code)),
      );
      server.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // New connections are no longer accepted…
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      // …while the one in flight completes. Its client keeps the connection open, as undici
      // does: the answer closes it, so the process exits by itself (0), not by the 10 s
      // deadline (1). A client that hung up (end) would have had its request aborted by Node.
      socket.write(body.slice(40));
      expect(await exited).toBe(0);
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      const after = await openTeamStore(target);
      const stored = await after.database.db
        .selectFrom('missions')
        .select('title')
        .where('id', '=', 'm2')
        .executeTakeFirst();
      expect(stored?.title).toBe('Sent during shutdown');
      await after.close();

      const out = output();
      const lines = out.trim().split('\n');
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      // One line per request answered: the PUT, the sign-in, the board and the PUT in flight.
      expect(entries.filter((e) => typeof e.reqId === 'string').length).toBeGreaterThanOrEqual(4);
      for (const secret of [ann.token, password, cookie.split('=')[1] ?? 'x', note])
        expect(out).not.toContain(secret);
    },
  );
});

describe('on postgres', () => {
  // A PostgreSQL restart, a failover or a proxy's idle timeout ends the pool's idle connections;
  // node-postgres reports that as an 'error' event, which crashed the server when nobody listened.
  it(
    'keeps serving when PostgreSQL ends its connections (a restart or failover)',
    { timeout: 150_000 },
    async () => {
      const database = await testDatabaseTarget('postgres', dir);
      drop = database.drop;
      const { target } = database;
      if (!target.url) throw new Error('a PostgreSQL database was expected');
      const name = new URL(target.url).pathname.slice(1);
      const setup = await openTeamStore(target, { create: true });
      await setup.accounts.addTeam('North');
      const ann = await setup.accounts.addRep('North', 'Ann');
      await setup.close();
      const { server, port } = await startServing(target);
      const url = `http://127.0.0.1:${port}`;
      const put = (id: string) =>
        fetch(`${url}/api/v2/missions/${id}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            revision: 1,
            state: sampleState({ asOf: new Date().toISOString() }),
          }),
        });
      expect((await put('m1')).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      const exits: (number | null)[] = [];
      server.on('exit', (code) => exits.push(code));
      const admin = new pg.Client({ connectionString: postgresAdminUrl() });
      await admin.connect();
      try {
        const ended = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        expect(ended.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(exits).toEqual([]);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await put('m2')).status).toBe(200);
    },
  );
});
