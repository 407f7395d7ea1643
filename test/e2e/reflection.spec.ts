// A mission ends short: the window asks kindly why, saves the answer with the mission, and the
// next suggestion for the same kind of mission comes down.
import { createMission, logWin } from './drafts.ts';
import { expect, test } from './harness.ts';

test('a missed mission leads to a reflection that lowers the next suggestion', async ({ app }) => {
  const mission = await createMission(app, {
    title: 'Book 40 meetings this week',
    target: 40,
    visibility: 'public',
  });
  for (let i = 0; i < 20; i++) await logWin(app, mission.id);
  // The next Monday, 09:00: the week ended at 20 of 40.
  await app.setNow('2026-11-30T08:00:00Z');
  const { page } = app;
  await app.open();

  const dialog = page.getByRole('dialog', { name: 'Looking back: Book 40 meetings this week' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This one ended at 20 of 40 meetings.');
  expect((await app.missionsOnDisk()).missions[0]?.status).toBe('missed');

  // "Later" first, to see what the suggestion is before the reflection.
  await dialog.getByRole('button', { name: 'Later' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: 'New mission' }).click();
  const challenging = page.getByTestId('suggest-challenging');
  await expect(challenging).toHaveText(/\d+/);
  const before = Number(await challenging.textContent());
  await page.getByRole('button', { name: 'Cancel' }).click();

  await app.reload();
  await expect(dialog).toBeVisible();
  // Escape is "Later" too; the dialog comes back with the next start.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await app.reload();
  await expect(dialog).toBeVisible();
  // Without a reason nothing is saved: the reason is what shapes the next suggestion.
  await dialog.getByRole('button', { name: 'Save reflection' }).click();
  await expect(dialog.getByRole('group', { name: 'The main reason' })).toHaveAccessibleDescription(
    'Pick the main reason — it shapes your next suggestion',
  );
  expect((await app.missionsOnDisk()).missions[0]?.reflection).toBeNull();
  await dialog.getByRole('radio', { name: 'Unrealistic target' }).check();
  await dialog.getByLabel('What happened (optional)').fill('Half the week went to a trade show.');
  await dialog.getByLabel('What to try next (optional)').fill('Plan around events first.');
  await dialog.getByRole('checkbox', { name: 'Share this reflection with my team' }).check();
  await dialog.getByRole('button', { name: 'Save reflection' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.toast')).toContainText('Reflection saved');

  const saved = (await app.missionsOnDisk()).missions[0];
  expect(saved?.reflection).toMatchObject({
    reason: 'unrealistic-target',
    note: 'Half the week went to a trade show.',
    nextStep: 'Plan around events first.',
    shareWithTeam: true,
  });

  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: 'New mission' }).click();
  await expect(page.locator('.suggestions')).toContainText(/unrealistic/i);
  const after = Number(await challenging.textContent());
  expect(after).toBeLessThan(before);

  // History shows the miss and the reflection.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  const past = page.locator('.past-mission', { hasText: 'Book 40 meetings this week' });
  await expect(past).toContainText('Missed');
  await expect(past).toContainText('Unrealistic target. Half the week went to a trade show.');
});
