// Bad input gets the core's own sentence by the field, and nothing is saved.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './harness.ts';

test('target 0, end before start and a 121-character title are refused inline', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New mission' })).toBeVisible();

  await page.getByLabel('Title').fill('x'.repeat(121));
  await page.getByLabel('Target', { exact: true }).fill('0');
  await page.getByLabel('Starts').fill('2026-11-27');
  await page.getByLabel('Ends').fill('2026-11-24');
  await page.getByRole('button', { name: 'Create mission' }).click();

  await expect(page.getByLabel('Title')).toHaveAccessibleDescription(
    'Titles are 120 characters at most',
  );
  await expect(page.getByLabel('Target', { exact: true })).toHaveAccessibleDescription(
    'Target must be at least 1',
  );
  await expect(page.getByLabel('Ends')).toHaveAccessibleDescription(
    'End date must be on or after the start date',
  );
  await expect(page.getByRole('alert')).toContainText('Nothing was saved');
  // Focus goes to the first field to fix.
  await expect(page.getByLabel('Title')).toBeFocused();

  // The core answers a window that skipped the form's check with the very same sentence.
  const direct = await page.evaluate(`window.missionTray.missions.create({
    title: 'Book 10 meetings', metric: { kind: 'meetings' }, target: 0,
    startDate: '2026-11-23', endDate: '2026-11-27', workingDays: [1, 2, 3, 4, 5],
  })`);
  expect(direct).toMatchObject({
    ok: false,
    error: { code: 'invalid', message: 'Target must be at least 1', path: ['target'] },
  });

  // Nothing was written: no missions file, or one without missions.
  const file = join(app.dataDir, 'missions.json');
  if (existsSync(file)) expect((await app.missionsOnDisk()).missions).toEqual([]);

  // Fixing the fields clears the messages and saves.
  await page.getByLabel('Title').fill('Book 10 meetings');
  await page.getByLabel('Target', { exact: true }).fill('10');
  await page.getByLabel('Ends').fill('2026-11-29');
  await expect(page.getByLabel('Title')).toHaveAccessibleDescription('');
  await page.getByRole('button', { name: 'Create mission' }).click();
  await expect(page.getByRole('article', { name: 'Book 10 meetings' })).toBeVisible();
  expect((await app.missionsOnDisk()).missions.map((m) => m.title)).toEqual(['Book 10 meetings']);
});
