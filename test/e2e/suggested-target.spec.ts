// The form starts from the target the rep most likely takes (issue #12, item 10): after a mission
// they called unrealistic, the new, lower suggestion — in the Target field and in the template
// chip — not the old number, now the Elite one.
import { createMission, logWin } from './drafts.ts';
import { expect, test } from './harness.ts';

test('after an unrealistic target, the form and its template offer the lowered suggestion', async ({
  app,
}) => {
  // Book 10 meetings over Monday 23 – Friday 27 November: it ended at 8.
  const mission = await createMission(app, { title: 'Book 10 meetings this week', target: 10 });
  for (let i = 0; i < 8; i++) await logWin(app, mission.id);
  await app.setNow('2026-11-30T08:00:00Z'); // the next Monday, 09:00 in Berlin
  const { page } = app;
  await app.open();

  const dialog = page.getByRole('dialog', { name: 'Looking back: Book 10 meetings this week' });
  await dialog.getByRole('radio', { name: 'Unrealistic target' }).check();
  await dialog.getByRole('button', { name: 'Save reflection' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: 'New mission' }).click();
  const suggestions = page.getByRole('group', { name: 'Suggested targets' });
  await expect(suggestions).toContainText('Lowered: you marked your last meetings mission');
  await expect(page.getByTestId('suggest-attainable')).toHaveText('7');
  await expect(page.getByTestId('suggest-elite')).toHaveText('10');

  // The Target field holds the lowered suggestion, marked as the one chosen; 10 is not offered.
  const target = page.getByRole('spinbutton', { name: 'Target' });
  await expect(target).toHaveValue('7');
  await expect(suggestions.getByRole('button', { name: /attainable/i })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(suggestions.getByRole('button', { name: /elite/i })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  const templates = page.getByRole('group', { name: 'Start from a template' });
  await expect(templates.getByRole('button', { name: 'Book 10 meetings this week' })).toHaveCount(
    0,
  );
  await templates.getByRole('button', { name: 'Book 7 meetings this week' }).click();
  await expect(page.getByLabel('Title')).toHaveValue('Book 7 meetings this week');
  await expect(target).toHaveValue('7');
  await expect(page.getByTestId('plan-total')).toHaveText('5 working days · 7 meetings in all');

  // The rep's own number stays theirs while they change the rest.
  await target.fill('9');
  await page.getByLabel('Ends').fill('2026-12-03');
  await expect(target).toHaveValue('9');
  await page.getByRole('button', { name: 'Create mission' }).click();
  await expect(page.getByRole('article', { name: 'Book 7 meetings this week' })).toBeVisible();
  const created = (await app.missionsOnDisk()).missions.find((m) => m.status === 'active');
  expect(created).toMatchObject({ target: 9, endDate: '2026-12-03' });
});
