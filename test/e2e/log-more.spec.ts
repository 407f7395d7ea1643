// The +1's longer form: several wins at once, with a note; a refused amount changes nothing;
// Today's log lists the day's wins with their notes.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test('logs three meetings with a note in one go, and refuses zero', async ({ app }) => {
  const mission = await createMission(app);
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  await card.getByRole('button', { name: `Log more for ${mission.title}` }).click();
  const dialog = page.getByRole('dialog', { name: `Log meetings: ${mission.title}` });
  const amount = dialog.getByLabel('How many meetings');
  await expect(amount).toBeFocused();

  // Zero: the schema's message, and nothing on disk.
  await amount.fill('0');
  await dialog.getByRole('button', { name: 'Log' }).click();
  await expect(dialog.getByText('Amount must be at least 1')).toBeVisible();
  expect((await app.winsOnDisk('2026-11-23')).wins).toEqual([]);

  await amount.fill('3');
  await dialog.getByLabel('Note (optional)').fill('Acme, Globex and Initech');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(card.getByTestId('today-count')).toHaveText('3');
  await expect(page.getByRole('status').filter({ hasText: 'Logged 3 meetings' })).toContainText(
    'Acme, Globex and Initech',
  );
  const wins = (await app.winsOnDisk('2026-11-23')).wins;
  expect(wins.map((w) => [w.amount, w.note, w.source])).toEqual([
    [3, 'Acme, Globex and Initech', 'window'],
  ]);

  // Today's log lists it, with the note, beside a +1 from the card.
  await card.getByRole('button', { name: `+1 meeting for ${mission.title}` }).click();
  await expect(card.getByTestId('today-count')).toHaveText('4');
  const log = page.locator('details', { hasText: 'Today’s log' });
  await log.getByText('Today’s log · 4').click();
  await expect(log.getByRole('listitem')).toHaveText([
    `09:00+1 meeting · ${mission.title}`,
    `09:00+3 meetings · ${mission.title}Acme, Globex and Initech`,
  ]);

  // Escape closes it without logging.
  await card.getByRole('button', { name: `Log more for ${mission.title}` }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect((await app.winsOnDisk('2026-11-23')).wins).toHaveLength(2);
});
