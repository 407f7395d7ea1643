// Every view in light and dark: axe finds no serious or critical violation, and a screenshot of
// each is saved under test-results/screenshots/ (the README shows today-light.png).
import { checkView } from './check-view.ts';
import { createMission, logWin } from './drafts.ts';
import { expect, test } from './harness.ts';
import { fourWeeksOfHistory } from './seed-history.ts';

const SCHEMES = ['light', 'dark'] as const;

for (const scheme of SCHEMES) {
  test.describe(`${scheme} scheme`, () => {
    // A few weeks of ups and downs, so the chart and the hit rates have something to say.
    test.describe('with a few weeks of history', () => {
      // Monday 23 November 2026, 11:15 in Berlin.
      test.use({ appOptions: fourWeeksOfHistory() });

      test('Today, Missions, the mission form, History and Preferences', async ({ app }) => {
        const calls = await createMission(app, {
          title: 'Make 60 calls this week',
          metric: { kind: 'calls' },
          target: 60,
          visibility: 'public',
        });
        for (let i = 0; i < 3; i++) await logWin(app, 'this-week');
        for (let i = 0; i < 5; i++) await logWin(app, calls.id);
        const { page } = app;
        await page.emulateMedia({ colorScheme: scheme });
        await app.open();
        await expect(page.getByRole('article')).toHaveCount(2);
        await checkView(page, 'today', scheme);

        await page.getByRole('button', { name: 'Missions' }).click();
        await expect(page.getByRole('heading', { name: 'Active missions' })).toBeVisible();
        await checkView(page, 'missions', scheme);

        await page.getByRole('button', { name: 'New mission' }).click();
        // The template offers the target the rep's history suggests, not a fixed 10.
        await page.getByRole('button', { name: /^Book \d+ meetings this week$/ }).click();
        await expect(page.getByTestId('fold-detail')).toContainText(/\d+ meetings over 5 days/);
        await expect(page.getByTestId('suggest-challenging')).toBeVisible();
        await checkView(page, 'mission-form', scheme);
        await page.getByText('Working days and milestones').click();
        await page.getByRole('heading', { name: 'Planned milestones' }).scrollIntoViewIfNeeded();
        await checkView(page, 'mission-plan', scheme);

        await page.getByRole('button', { name: 'History' }).click();
        await expect(page.getByRole('heading', { name: 'Last 4 weeks' })).toBeVisible();
        await expect(page.locator('.past-mission').first()).toBeVisible();
        await checkView(page, 'history', scheme);

        await page.getByRole('button', { name: 'Team', exact: true }).click();
        await expect(page.getByRole('heading', { name: 'Team sync is off' })).toBeVisible();
        await checkView(page, 'team-off', scheme);

        await page.getByRole('button', { name: 'Preferences' }).click();
        await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
        await checkView(page, 'preferences', scheme);
      });
    });

    test('the first run and the reflection dialog', async ({ app }) => {
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme });
      await app.open();
      await expect(page.getByRole('heading', { name: 'Set your first mission' })).toBeVisible();
      await checkView(page, 'first-run', scheme);

      const mission = await createMission(app, { visibility: 'public' });
      for (let i = 0; i < 7; i++) await logWin(app, mission.id);
      await app.setNow('2026-11-30T08:00:00Z');
      await expect(page.getByRole('dialog')).toBeVisible();
      await checkView(page, 'reflection', scheme);
    });
  });
}

test('the theme preference overrides the system scheme', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open();
  const background = () =>
    page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
  const light = await background();
  await page.getByRole('button', { name: 'Preferences' }).click();
  await page.getByLabel('Theme').selectOption('dark');
  await expect.poll(background).not.toBe(light);
  expect(app.settings.get().theme).toBe('dark');
  // Saved: a restart opens dark.
  await app.restart();
  expect(await background()).not.toBe(light);
});
