// The manager's board in real Chromium: two reps' apps sync their missions (public and private)
// through the real sync engine to the real team server; the manager signs in and sees exactly
// the public missions and the shared reflection. Checked with axe; a screenshot is kept.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startTeamServer, type TeamServerFixture } from '../unit/server/team-server-fixture.ts';
import { startRep, type RepApp } from '../unit/core/sync/rep-fixture.ts';

const PASSWORD = 'correct horse battery staple';
let server: TeamServerFixture;
let ann: RepApp;
let bob: RepApp;

test.beforeEach(async () => {
  server = await startTeamServer();
  await server.store.accounts.addTeam('North');
  await server.store.accounts.addTeam('South');
  await server.store.accounts.addManager('North', 'mia@north.test', PASSWORD);
  ann = await startRep({
    endpoint: server.url,
    token: (await server.store.accounts.addRep('North', 'Ann Lee')).token,
  });
  bob = await startRep({
    endpoint: server.url,
    token: (await server.store.accounts.addRep('North', 'Bob Diaz')).token,
  });

  await ann.data.add({ id: 'ann-calls', title: 'Book 10 meetings', visibility: 'public' });
  await ann.data.logWin('ann-calls', 3);
  await ann.data.add({ id: 'ann-secret', title: 'Private side project', visibility: 'private' });
  await ann.data.logWin('ann-secret', 1);
  await bob.data.add({ id: 'bob-demos', title: 'Run 8 demos', visibility: 'public', target: 8 });
  await bob.data.reflect('bob-demos', {
    reason: 'external-blockers',
    note: 'The demo environment was down for two days',
    nextStep: 'Book demos earlier in the week',
    shareWithTeam: true,
  });
  await bob.data.add({ id: 'bob-quiet', title: 'Unshared lesson', visibility: 'public' });
  await bob.data.reflect('bob-quiet', {
    reason: 'other',
    note: 'A reflection Bob kept to himself',
    nextStep: '',
    shareWithTeam: false,
  });
  await ann.engine.flush();
  await bob.engine.flush();

  const eve = await server.store.accounts.addRep('South', 'Eve South');
  await fetch(`${server.url}/api/v1/missions/eve-1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${eve.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      revision: 1,
      state: {
        title: 'Another team’s mission',
        metric: { kind: 'calls' },
        target: 5,
        startDate: '2026-11-23',
        endDate: '2026-11-27',
        workingDays: [1, 2, 3, 4, 5],
        objective: null,
        status: 'active',
        total: 1,
        days: [],
        pace: { expected: 1, actual: 1, delta: 0, label: 'on pace' },
        streak: { current: 0, best: 0 },
        recentWins: [],
        reflection: null,
        asOf: '2026-11-23T10:00:00.000Z',
      },
    }),
  });
});

test.afterEach(async () => {
  await ann.close();
  await bob.close();
  await server.close();
});

test('a manager signs in and sees the team’s public missions and shared reflections only', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.clock.install();

  await page.goto(`${server.url}/board`);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill('mia@north.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/board$/);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team board — North');
  const missions = page.getByRole('table').filter({ hasText: 'Mission' }).first();
  await expect(missions.getByRole('row', { name: /Ann Lee Book 10 meetings/ })).toContainText(
    '3 meetings of 10',
  );
  await expect(missions.getByRole('row', { name: /Bob Diaz Run 8 demos/ })).toBeVisible();
  const coaching = page.getByRole('region', { name: 'Coaching moments' });
  await expect(coaching.getByRole('heading', { name: 'External blockers' })).toBeVisible();
  await expect(coaching).toContainText('The demo environment was down for two days');
  await expect(coaching).toContainText('Book demos earlier in the week');
  await expect(coaching.getByRole('heading', { name: 'Reflection not shared' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent wins' })).toContainText('Ann Lee');

  const text = await page.locator('body').innerText();
  expect(text).not.toContain('Private side project');
  expect(text).not.toContain('A reflection Bob kept to himself');
  expect(text).not.toContain('Eve South');
  expect(text).not.toContain('Another team');

  // The session cookie is out of the page's reach.
  expect(await page.evaluate('document.cookie')).toBe('');

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/board.png', fullPage: true });

  // The board refreshes itself: a new win synced by Ann shows up without a reload.
  await ann.data.logWin('ann-calls', 2);
  await ann.engine.flush();
  await page.clock.runFor(31_000);
  await expect(missions.getByRole('row', { name: /Ann Lee Book 10 meetings/ })).toContainText(
    '5 meetings of 10',
  );
  expect(problems).toEqual([]);

  // Signing out ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`${server.url}/board`);
  await expect(page).toHaveURL(/\/login$/);
});
