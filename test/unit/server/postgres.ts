// Fresh PostgreSQL databases for the server tests, on the cluster postgres-setup.ts provides:
// each one CREATEd with a unique name and DROPped after, so no test sees another's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { databaseUrl } from '../../postgres-cluster.ts';

/** The test cluster's superuser URL; throws the install sentence where there is no cluster. */
export function postgresAdminUrl(): string {
  const provided = inject('postgres');
  if ('error' in provided) throw new Error(provided.error);
  return provided.url;
}

export interface TestDatabase {
  name: string;
  /** postgres://… for DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test cluster. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `mt_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  // The name is ours (letters, digits, _), so it can be spliced in: DDL takes no parameters.
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: databaseUrl(postgresAdminUrl(), name),
    async drop() {
      // WITH (FORCE): a server under test that was killed may leave its connections behind.
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh database for this test file, created before its tests and dropped after them. */
export function useTestDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('useTestDatabase(): the database is made in beforeAll');
    return database;
  };
}
