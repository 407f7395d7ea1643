// Numbers and dates follow the OS locale: a German rep reads German dates and separators.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test.use({
  appOptions: { now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin', locale: 'de-DE' },
});

test('dates, times and numbers in the OS locale', async ({ app }) => {
  const mission = await createMission(app, {
    title: 'Make 1500 calls',
    metric: { kind: 'calls' },
    target: 1500,
  });
  const { page } = app;
  await app.open();
  await expect(page.locator('.header-date')).toHaveText('Montag, 23. November');
  const card = page.getByRole('article', { name: mission.title });
  await expect(card).toContainText('0 of 1.500 calls');
  await expect(card.getByRole('list', { name: /Today's milestones/ })).toContainText(
    '150 calls by 12:00',
  );
  await page.getByRole('button', { name: 'Missions' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: mission.title })).toContainText(
    'Mo., 23. Nov. – So., 29. Nov.',
  );
});
