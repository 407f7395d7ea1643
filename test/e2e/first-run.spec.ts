// First run: the empty state leads to a new mission; its plan is previewed and edited; wins are
// logged by click and by key; a reload and a restart keep every win.
import { expect, test } from './harness.ts';

// Monday 23 November 2026, 09:00 in Berlin.
test.use({ appOptions: { now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin' } });

test('a rep creates a first mission, logs wins by click and by key, and keeps them', async ({
  app,
}) => {
  const { page } = app;
  await app.open();

  await expect(page.getByRole('heading', { name: 'Set your first mission' })).toBeVisible();
  await page.getByRole('button', { name: 'Create a mission' }).click();
  await page.getByRole('button', { name: 'Book 10 meetings this week' }).click();
  await expect(page.getByLabel('Title')).toHaveValue('Book 10 meetings this week');

  // The planned milestones, before saving: 2 a day over Monday–Friday, 1 by noon and 2 by 17:00.
  await page.getByText('Working days and milestones').click();
  const plan = page.getByRole('list', { name: 'Planned milestones by day' });
  await expect(plan.getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('plan-total')).toHaveText('5 working days · 10 meetings in all');
  // The rep front-loads Monday and eases Friday.
  await page.getByLabel('Mon 23 Nov: meetings by 17:00').fill('3');
  await page.getByLabel('Fri 27 Nov: meetings by 17:00').fill('1');
  await expect(page.getByTestId('plan-total')).toHaveText('5 working days · 10 meetings in all');
  await page.getByRole('button', { name: 'Create mission' }).click();

  // Today shows the mission and Monday's edited milestones.
  const card = page.getByRole('article', { name: 'Book 10 meetings this week' });
  await expect(card).toBeVisible();
  const milestones = card.getByRole('list', { name: /Today's milestones/ });
  await expect(milestones.getByRole('listitem')).toHaveText([
    /1 meeting by noon\s*0\/1\s*On track/,
    /3 meetings by 17:00\s*0\/3\s*Upcoming/,
  ]);
  const saved = (await app.missionsOnDisk()).missions;
  expect(saved).toHaveLength(1);
  expect(saved[0]?.title).toBe('Book 10 meetings this week');
  expect(saved[0]?.plan.map((d) => d.checkpoints.at(-1)?.count)).toEqual([3, 2, 2, 2, 1]);

  // One click, then one key.
  await card.getByRole('button', { name: '+1 meeting for Book 10 meetings this week' }).click();
  await expect(card.getByTestId('today-count')).toHaveText('1');
  await expect(page.getByRole('status').filter({ hasText: 'Logged 1 meeting' })).toBeVisible();
  await page.locator('main').focus();
  await page.keyboard.press('1');
  await expect(card.getByTestId('today-count')).toHaveText('2');
  await expect(milestones.getByRole('listitem')).toHaveText([
    /1 meeting by noon\s*1\/1\s*Done/,
    /3 meetings by 17:00\s*2\/3\s*On track/,
  ]);
  const wins = (await app.winsOnDisk('2026-11-23')).wins;
  expect(wins.map((w) => [w.amount, w.source])).toEqual([
    [1, 'window'],
    [1, 'window'],
  ]);

  await app.reload();
  await expect(card.getByTestId('today-count')).toHaveText('2');
  await expect(card.getByTestId('mission-total')).toHaveText('2');

  // Quit and start again on the same data directory: the wins were on disk, not only in memory.
  await app.restart();
  await expect(card.getByTestId('today-count')).toHaveText('2');
  await expect(milestones.getByRole('listitem').first()).toContainText('Done');
});

test('keyboard only: N, a title, Enter; then 1 logs a win and Ctrl+Z takes it back', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  await page.keyboard.press('n');
  await expect(page.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Book 10 meetings');
  await page.keyboard.press('Enter');

  const card = page.getByRole('article', { name: 'Book 10 meetings' });
  await expect(card).toBeVisible();
  // Back on Today, focus is on the view, so the next key is a shortcut, not text.
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('1');
  await expect(card.getByTestId('today-count')).toHaveText('1');
  expect((await app.winsOnDisk('2026-11-23')).wins).toHaveLength(1);
  await page.keyboard.press('Control+z');
  await expect(card.getByTestId('today-count')).toHaveText('0');
  expect((await app.winsOnDisk('2026-11-23')).wins).toHaveLength(0);

  // The views are buttons in the tab order: Enter opens one.
  await page.getByRole('button', { name: 'History' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Last 4 weeks' })).toBeVisible();
});
