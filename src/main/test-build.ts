// Whether this bundle is the real-Electron suite's test build (npm run test:electron). The build
// defines __MISSION_TRAY_TEST_BUILD__ (electron.vite.config.ts): false for every other build, so
// the bundler drops each `if (TEST_BUILD)` branch and the code it imports, and a production
// bundle has no test hook at all (test/unit/main/test-build.test.ts builds one and greps it).
// Undefined where no bundler defines it (vitest, the main smoke test): false.
declare const __MISSION_TRAY_TEST_BUILD__: boolean | undefined;

export const TEST_BUILD =
  typeof __MISSION_TRAY_TEST_BUILD__ !== 'undefined' && __MISSION_TRAY_TEST_BUILD__;
