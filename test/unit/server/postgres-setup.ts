// vitest globalSetup: the PostgreSQL cluster the server tests make their databases on. CI
// (.ci/run) starts one and exports TEST_DATABASE_URL; without it, a throwaway cluster is started
// here for the run, so `npm test` on a developer's machine runs the PostgreSQL tests too. Where
// PostgreSQL is not installed, the tests that need it fail with the sentence saying how to install
// it (test/unit/server/postgres.ts), and the others run.
import type { TestProject } from 'vitest/node';
import { findPostgresBin, INSTALL_POSTGRES, startPostgresCluster } from '../../postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test cluster, or the sentence saying why there is none. */
    postgres: { url: string } | { error: string };
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgres', { url: given });
    return;
  }
  if (!findPostgresBin()) {
    project.provide('postgres', { error: INSTALL_POSTGRES });
    return;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgres', { url: cluster.url });
  return () => cluster.stop();
}
