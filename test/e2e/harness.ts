// The Playwright fixture for the window end to end (see launch-mission-tray.ts for what is real):
//   import { expect, test } from './harness.ts';
//   test.use({ appOptions: { now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin' } });
//   test('…', async ({ app }) => { await app.open(); … app.page …; await app.missionsOnDisk(); });
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import {
  bundleBridge,
  launchMissionTray,
  serveRenderer,
  type AppOptions,
  type MissionTrayHarness,
} from './launch-mission-tray.ts';

export { expect };
export type { AppOptions, MissionTrayHarness };

export const test = base.extend<
  { appOptions: AppOptions; app: MissionTrayHarness },
  { rendererUrl: string; bridgeScript: string }
>({
  // Monday 23 November 2026, 09:00 in Berlin, unless a spec says otherwise.
  appOptions: [{ now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin' }, { option: true }],

  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],

  bridgeScript: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => use(await bundleBridge()),
    { scope: 'worker' },
  ],

  app: async ({ browser, appOptions, rendererUrl, bridgeScript }, use) => {
    const app = await launchMissionTray(browser, { ...appOptions, rendererUrl, bridgeScript });
    await use(app);
    await app.close();
    // Every scenario also proves the window ran clean under the shell's CSP.
    expect(app.problems, 'errors or CSP violations in the page').toEqual([]);
  },
});

/** Nothing of a team was kept by the app: no endpoint, sync off, no token. */
export function expectNothingStored(app: MissionTrayHarness): void {
  expect(app.settings.get().sync).toEqual({
    enabled: false,
    endpoint: null,
    team: null,
    revoked: false,
  });
  expect(existsSync(join(app.dataDir, 'secrets.json'))).toBe(false);
}
