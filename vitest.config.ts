import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The Electron binary is not in its npm package, so no test runs it: the shell's wiring is
    // tested against small fakes (docs/decisions/0006-electron-never-runs-in-tests.md).
    alias: { electron: resolve('test/fakes/electron.ts') },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // The PostgreSQL cluster the server tests make their databases on (TEST_DATABASE_URL or a
    // throwaway one for the run).
    globalSetup: ['test/unit/server/postgres-setup.ts'],
    // electron-store imports electron at module load; inline it so the alias reaches it.
    server: { deps: { inline: ['electron-store'] } },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
