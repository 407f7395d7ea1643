// Words that must fit the moment (issue #12, item 14): no pause offered when nothing is due, no
// "start a streak today" once today's chance has gone, and a tray tooltip cut after a whole word.
// (The reflection's "ended at 20 of 40 meetings" is in reflection.spec.ts.)
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test.describe('on a Saturday, with a Monday–Friday mission', () => {
  test('Today offers no pause and asks for no milestone', async ({ app }) => {
    const mission = await createMission(app);
    await app.setNow('2026-11-28T09:00:00Z'); // Saturday 10:00 in Berlin
    const { page } = app;
    await app.open();
    await expect(page.getByRole('article', { name: mission.title })).toBeVisible();
    await expect(page.getByTestId('streak')).toHaveText(
      'No milestones today; a streak starts on your next working day',
    );
    await expect(page.getByText('and your streak is kept')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Pause today' })).toHaveCount(0);
    // Nor does the tray: the mission is there to log on, the pause is not.
    expect(app.tray.labels()).toContain('Log meeting — 0/20 this week');
    expect(app.tray.labels()).not.toContain('Pause today (keeps your streak)');
    await page.screenshot({ path: 'test-results/screenshots/today-saturday-light.png' });
  });
});

test.describe('on a Wednesday at 17:30, with both of the day’s milestones missed', () => {
  test('Today no longer invites a streak today, and still offers the pause', async ({ app }) => {
    await createMission(app);
    await app.setNow('2026-11-25T16:30:00Z'); // Wednesday 17:30 in Berlin
    const { page } = app;
    await app.open();
    await expect(page.getByTestId('streak')).toHaveText(
      'A milestone slipped today; start a streak on your next working day',
    );
    await expect(page.getByRole('button', { name: 'Pause today' })).toBeVisible();
    expect(app.tray.labels()).toContain('Pause today (keeps your streak)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screenshots/today-missed-dark.png' });
  });
});

test('the tray tooltip is cut after a whole word', async ({ app }) => {
  const title =
    'Book twenty meetings with regional insurance brokers across Bavaria and the Rhineland before the quarter closes';
  await createMission(app, { title });
  await app.open();
  const tip = app.tray.tooltip;
  expect(tip.length).toBeLessThanOrEqual(127);
  expect(tip.endsWith('…')).toBe(true);
  // The tooltip's last line is the start of the title, ending where one of its words ends.
  const last = tip.slice(0, -1).split('\n').at(-1) ?? '';
  expect(last.length).toBeGreaterThan(20);
  expect(title.startsWith(last)).toBe(true);
  expect(title.charAt(last.length)).toBe(' ');
});
