import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Electron cannot run here (TOOLCHAIN.md): the shell's wiring is tested against small fakes.
    alias: { electron: resolve('test/fakes/electron.ts') },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // electron-store imports electron at module load; inline it so the alias reaches it.
    server: { deps: { inline: ['electron-store'] } },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
