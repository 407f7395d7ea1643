// The window's budgets: initial JavaScript (gzip), Today rendered after navigation with a year of
// history, and "+1" click to the updated count, through the same harness as the e2e tests.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import config from '../../playwright.config.ts';
import {
  RENDERER_DIR,
  bundleBridge,
  launchMissionTray,
  serveRenderer,
} from '../e2e/launch-mission-tray.ts';
import { seedHistory } from '../e2e/seed-history.ts';
import { percentile, type BenchSection } from './report.ts';

const RELOADS = 40;
const CLICKS = 200;

// Tells the bench the moment Today's first count is in the document, from navigation start,
// through a binding: passive, so nothing of Playwright's (its selector engine, polling) runs in
// the page while it loads and is counted as the window's time.
const MARK_TODAY_SHOWN = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="today-count"]')) return;
    observer.disconnect();
    globalThis.__benchTodayShown(performance.now());
  }).observe(document, { childList: true, subtree: true });
`;

/** Clicks the first "+1" n times, each time until the count in the document changes. */
const timeClicks = (n: number) => `(async () => {
  const button = document.querySelector('.log-button');
  const count = document.querySelector('[data-testid="today-count"]');
  if (!button || !count) throw new Error('Today has no mission to click');
  const clicks = [];
  const renders = [];
  for (let i = 0; i < ${n}; i++) {
    const before = count.textContent;
    const started = performance.now();
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (count.textContent === before) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
      button.click();
    });
    const done = performance.now();
    clicks.push(done - started);
    // From the pushed snapshot's arrival (page-bridge.ts marks it) to the count: the window alone.
    renders.push(done - globalThis.__missionTrayPushedAt);
  }
  return { clicks, renders };
})()`;

/** n calls of missions.today() through the window's API, each timed in the page. */
const timeRoundTrips = (n: number) => `(async () => {
  const times = [];
  for (let i = 0; i < ${n}; i++) {
    const started = performance.now();
    await window.missionTray.missions.today();
    times.push(performance.now() - started);
  }
  return times;
})()`;

/** Scripts the page loads before it can show anything: the entry and its preloaded imports. */
function initialScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)];
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  return [...entry, ...preloads].map((m) => m[1] ?? '');
}

export const rendererBench: BenchSection = {
  name: 'renderer',
  async run(report) {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
      if (built.status !== 0) throw new Error('Building the window failed');
    }
    const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
    const gzipBytes = initialScripts(html).reduce(
      (sum, src) => sum + gzipSync(readFileSync(join(RENDERER_DIR, src))).length,
      0,
    );
    report.figure('window initial JS (gzip)', gzipBytes / 1024, 'KB', 100);
    // Two cores shared with other work make browser timings noisy; the load says how noisy.
    report.figure('machine load average (1 min) at start', loadavg()[0] ?? NaN, '');

    const server = await serveRenderer();
    let missionId = '';
    const browser = await chromium.launch(config.use?.launchOptions);
    const bridgeScript = await bundleBridge();
    try {
      const app = await launchMissionTray(browser, {
        now: '2026-11-23T08:00:00Z',
        timeZone: 'Europe/Berlin',
        rendererUrl: server.url,
        bridgeScript,
        seed: async (dir) => {
          missionId = (await seedHistory(dir, { today: '2026-11-23', timeZone: 'Europe/Berlin' }))
            .activeMissionId;
        },
      });
      const { page } = app;
      // In-page code is a string: the bench typechecks with Node's libraries, not the DOM's.
      let todayShown = Promise.withResolvers<number>();
      await page.exposeFunction('__benchTodayShown', (at: unknown) =>
        todayShown.resolve(z.number().parse(at)),
      );
      await page.addInitScript(MARK_TODAY_SHOWN);
      const shown: number[] = [];
      const asked: number[] = [];
      const answered: number[] = [];
      await app.open();
      for (let i = 0; i < RELOADS; i++) {
        todayShown = Promise.withResolvers<number>();
        await page.reload();
        shown.push(await todayShown.promise);
        const [ask, answer] = z
          .tuple([z.number(), z.number()])
          .parse(await page.evaluate('globalThis.__missionTrayFirstCall'));
        asked.push(ask);
        answered.push(answer);
      }
      shown.sort((a, b) => a - b);
      // Where the time goes: the window's script runs and asks the core (at "asked"), the
      // harness carries the question and the answer (to "answered"), the window renders.
      report.figure(
        'Today: first call asked, after navigation, p50',
        percentile(
          asked.sort((a, b) => a - b),
          50,
        ),
        'ms',
      );
      report.figure(
        'Today: first call answered, after navigation, p50',
        percentile(
          answered.sort((a, b) => a - b),
          50,
        ),
        'ms',
      );
      report.figure(
        'Today shown after navigation, 1 year of history, p50',
        percentile(shown, 50),
        'ms',
      );
      report.figure(
        'Today shown after navigation, 1 year of history, p95',
        percentile(shown, 95),
        'ms',
        150,
      );

      // Each click: the page calls the core through the boundary, the core writes the win
      // durably and pushes a new snapshot, React renders it; timed in the page until the count
      // changes in the document.
      const timed = z
        .object({ clicks: z.array(z.number()), renders: z.array(z.number()) })
        .parse(await page.evaluate(timeClicks(CLICKS)));
      const clicks = timed.clicks.sort((a, b) => a - b);
      const renders = timed.renders.sort((a, b) => a - b);
      // What the harness's transport alone costs (Playwright binding there, page.evaluate back):
      // Electron's IPC is far cheaper, so the click figure is an upper bound for the real app.
      const roundTrips = z
        .array(z.number())
        .parse(await page.evaluate(timeRoundTrips(CLICKS)))
        .sort((a, b) => a - b);
      report.figure(
        'harness IPC round trip (missions.today), p50',
        percentile(roundTrips, 50),
        'ms',
      );
      report.figure('"+1" click to updated count, p50', percentile(clicks, 50), 'ms');
      report.figure('"+1" click to updated count, p95', percentile(clicks, 95), 'ms', 16);
      report.figure(
        'pushed snapshot to updated count (window alone), p95',
        percentile(renders, 95),
        'ms',
      );
      const onDisk = (await app.winsOnDisk('2026-11-23')).wins.length;
      if (onDisk !== CLICKS) throw new Error(`${CLICKS} clicks but ${onDisk} wins on disk`);

      // The floor under every click: the core's own durable write of a win, called directly.
      const direct: number[] = [];
      for (let i = 0; i < CLICKS; i++) {
        const started = performance.now();
        await app.core.handlers.wins.log({ missionId, amount: 1, source: 'tray' });
        direct.push(performance.now() - started);
      }
      direct.sort((a, b) => a - b);
      report.figure(
        'core log-a-win, same data dir, p50 (floor of a click)',
        percentile(direct, 50),
        'ms',
      );
      report.figure('core log-a-win, same data dir, p95', percentile(direct, 95), 'ms');
      await app.close();
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
