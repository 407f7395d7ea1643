// Undo: the toast after a win takes it back, and so does Ctrl+Z; the wins file loses exactly it.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test('the rep undoes the last win from the toast and with Ctrl+Z', async ({ app }) => {
  const mission = await createMission(app);
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  const plusOne = card.getByRole('button', { name: `+1 meeting for ${mission.title}` });

  for (const expected of ['1', '2', '3']) {
    await plusOne.click();
    await expect(card.getByTestId('today-count')).toHaveText(expected);
  }
  expect((await app.winsOnDisk('2026-11-23')).wins).toHaveLength(3);

  const toast = page.locator('.toast');
  await expect(toast).toContainText('Logged 1 meeting');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByTestId('today-count')).toHaveText('2');
  await expect(toast).toContainText('Last win undone');
  const afterUndo = (await app.winsOnDisk('2026-11-23')).wins;
  expect(afterUndo).toHaveLength(2);

  await page.locator('main').focus();
  await page.keyboard.press('Control+z');
  await expect(card.getByTestId('today-count')).toHaveText('1');
  const left = (await app.winsOnDisk('2026-11-23')).wins;
  // The earliest win stays; the two latest went, latest first.
  expect(left.map((w) => w.id)).toEqual([afterUndo[0]?.id]);
});
