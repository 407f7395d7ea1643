import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * The real-Electron suite's test build (npm run test:electron sets MISSION_TRAY_TEST_BUILD=1):
 * src/main/test-build.ts. Every other build defines it false, which drops the test hooks.
 */
export const testBuildDefine = (env: NodeJS.ProcessEnv) => ({
  __MISSION_TRAY_TEST_BUILD__: JSON.stringify(env['MISSION_TRAY_TEST_BUILD'] === '1'),
});

export default defineConfig({
  main: {
    define: testBuildDefine(process.env),
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module; CommonJS lets windows keep `sandbox: true`.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves output unminified; the window's initial JS has a 100 KB gzip budget.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
