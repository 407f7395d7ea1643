// Preferences take effect at once and are saved; a value the schema refuses shows its message and
// leaves the saved preferences as they were.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Settings } from '../../src/shared/settings.ts';
import { expect, test } from './harness.ts';

test('changes are saved at once; a refused value changes nothing', async ({ app }) => {
  const { page } = app;
  const onDisk = async () =>
    Settings.parse(JSON.parse(await readFile(join(app.dataDir, 'preferences.json'), 'utf8')));
  await app.open();
  await page.getByRole('button', { name: 'Preferences' }).click();

  const lead = page.getByLabel('Remind this many minutes before');
  await lead.fill('30');
  await lead.press('Enter');
  await expect.poll(async () => (await onDisk()).reminderLeadMinutes).toBe(30);

  await lead.fill('2');
  await lead.press('Enter');
  await expect(lead).toHaveAccessibleDescription('Remind at least 5 minutes before a deadline');
  expect((await onDisk()).reminderLeadMinutes).toBe(30);

  await page.getByRole('checkbox', { name: 'Tell me when a deadline passes unmet' }).check();
  await expect.poll(async () => (await onDisk()).notify.deadlineMissed).toBe(true);

  await page.getByRole('checkbox', { name: 'Saturday' }).check();
  await expect.poll(async () => (await onDisk()).workingDays).toEqual([1, 2, 3, 4, 5, 6]);

  // Pausing goes through the shell's own handler; 09:00 + 1 hour in Berlin.
  await page.getByRole('button', { name: 'Pause 1 hour' }).click();
  await expect(page.getByText('Paused until 10:00')).toBeVisible();
  expect((await onDisk()).pausedUntil).toBe('2026-11-23T09:00:00.000Z');
  await page.getByRole('button', { name: 'Resume now' }).click();
  await expect(page.getByRole('button', { name: 'Pause 1 hour' })).toBeVisible();
  expect((await onDisk()).pausedUntil).toBeNull();

  // A pause shows on Today too, where one click ends it.
  await page.getByRole('button', { name: 'Pause until tomorrow' }).click();
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(page.getByText('Notifications paused until Tue 00:00')).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText(/Notifications paused/)).toHaveCount(0);
  expect((await onDisk()).pausedUntil).toBeNull();
});

test('the data export saves everything where the rep chose', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Preferences' }).click();
  await page.getByRole('button', { name: 'Export everything (JSON)' }).click();
  const saved = join(app.exportDir, 'mission-tray-2026-11-23.json');
  await expect(page.getByRole('status').filter({ hasText: `Saved to ${saved}` })).toBeVisible();
  expect(JSON.parse(await readFile(saved, 'utf8'))).toBeTruthy();
});
