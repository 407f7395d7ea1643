// The window loads under the shell's production CSP without a single violation — including the
// ones Chromium reports only as a securitypolicyviolation event, such as a caught `new Function`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './harness.ts';
import { recordCspViolations } from './launch-mission-tray.ts';
import { serveStatic } from './static-server.ts';

test('loading the window and moving through its views records no CSP violation', async ({
  app,
}) => {
  await app.open();
  for (const view of ['Missions', 'History', 'Preferences', 'Today']) {
    await app.page.getByRole('button', { name: view, exact: true }).first().click();
  }
  await app.page.waitForTimeout(200);
  expect(app.problems.filter((p) => p.startsWith('csp:'))).toEqual([]);
});

test('the recorder sees a violation the page catches, as zod probing for eval would', async ({
  browser,
}) => {
  // A page of the app's own origin whose script probes for eval and swallows the refusal.
  const dir = await mkdtemp(join(tmpdir(), 'mission-tray-csp-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><script src="probe.js"></script>');
  await writeFile(join(dir, 'probe.js'), 'try { new Function(""); } catch {}');
  const server = await serveStatic(dir);
  const page = await browser.newPage();
  const violations: string[] = [];
  await recordCspViolations(page, (v) => violations.push(v));
  await page.goto(server.url);
  await expect
    .poll(() => violations)
    .toEqual([expect.stringMatching(/^script-src blocked eval in .*probe\.js/)]);
  await page.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
