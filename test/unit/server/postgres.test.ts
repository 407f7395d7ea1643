// The PostgreSQL test harness itself: the databases the server tests get are real PostgreSQL on
// loopback, new and empty, apart from each other, and gone after; a machine without PostgreSQL
// gets one sentence saying how to install it; a cluster an interrupted run left running is
// stopped and removed by the next start.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findPostgresBin, INSTALL_POSTGRES, startPostgresCluster } from '../../postgres-cluster.ts';
import { createTestDatabase, postgresAdminUrl, useTestDatabase } from './postgres.ts';

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('a test file’s database', () => {
  const database = useTestDatabase();
  const others: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const other of others) await other.drop();
  });

  it('is PostgreSQL, on loopback, under its own name', async () => {
    const [row] = await query(
      database().url,
      'SELECT version() AS version, current_database() AS db, host(inet_server_addr()) AS addr',
    );
    expect(String(row?.version)).toMatch(/^PostgreSQL \d+/);
    expect(row?.db).toBe(database().name);
    expect(row?.addr).toBe('127.0.0.1');
  });

  it('starts empty', async () => {
    const rows = await query(
      database().url,
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('is apart from another file’s, which is dropped after', async () => {
    await query(database().url, 'CREATE TABLE mine (id int)');
    const other = await createTestDatabase();
    others.push(other);
    expect(other.name).not.toBe(database().name);
    const tables = await query(
      other.url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables).toEqual([]);
    // A connection left open (as by a server that was killed) does not keep it from being dropped.
    const lingering = new pg.Client({ connectionString: other.url });
    await lingering.connect();
    lingering.on('error', () => {});
    await other.drop();
    const left = await query(
      postgresAdminUrl(),
      `SELECT datname FROM pg_database WHERE datname = '${other.name}'`,
    );
    expect(left).toEqual([]);
    await lingering.end().catch(() => {});
  });
});

describe('a throwaway cluster', () => {
  it('listens on loopback only, and is gone with its files once stopped', async () => {
    const cluster = await startPostgresCluster();
    const rows = await query(
      cluster.url,
      "SELECT current_setting('listen_addresses') AS listen, current_setting('data_directory') AS dir",
    ).finally(() => cluster.stop());
    expect(rows[0]?.listen).toBe('127.0.0.1');
    const dataDir = String(rows[0]?.dir);
    expect(dataDir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
    await expect(query(cluster.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('left running by an interrupted run, is stopped and removed by the next start; a running one’s stays', async () => {
    const ours = await startPostgresCluster();
    try {
      // Another run (a vitest or a bench process) starts a cluster and is killed before it can
      // stop it, as Ctrl-C or a timeout would.
      const module = pathToFileURL(new URL('../../postgres-cluster.ts', import.meta.url).pathname);
      const run = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { startPostgresCluster } from ${JSON.stringify(module.href)};
           console.log((await startPostgresCluster()).url);
           setInterval(() => {}, 60_000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const leftUrl = await new Promise<string>((resolve, reject) => {
        run.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
        run.once('exit', (code) => reject(new Error(`the run exited with ${code}`)));
      });
      const gone = new Promise((resolve) => run.once('exit', resolve));
      run.kill('SIGKILL');
      await gone;
      const [left] = await query(leftUrl, "SELECT current_setting('data_directory') AS dir");
      const leftDir = String(left?.dir);
      expect(existsSync(leftDir)).toBe(true);

      const next = await startPostgresCluster();
      next.stop();
      await expect(query(leftUrl, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      expect(existsSync(leftDir)).toBe(false);
      // This process still runs: its cluster was left alone.
      expect(await query(ours.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      ours.stop();
    }
  });

  it('where PostgreSQL is not installed, fails with the sentence saying how to install it', async () => {
    const nowhere = { path: '/nonexistent', versionRoots: ['/nonexistent'] };
    expect(findPostgresBin(nowhere)).toBeNull();
    await expect(startPostgresCluster(nowhere)).rejects.toThrow(INSTALL_POSTGRES);
    expect(INSTALL_POSTGRES).toMatch(/apt-get install postgresql/);
  });
});
