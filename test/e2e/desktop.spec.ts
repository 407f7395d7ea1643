// Preferences shows what the desktop made of the app: a global shortcut another app holds (with
// others to use in one click), launch at login in a development run, and the logs folder.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './harness.ts';

const logsParent = await mkdtemp(join(tmpdir(), 'mt-e2e-logs-'));
const logsFolder = join(logsParent, 'logs');
test.afterAll(() => rm(logsParent, { recursive: true, force: true }));

test.use({
  appOptions: {
    now: '2026-11-23T08:00:00Z',
    timeZone: 'Europe/Berlin',
    desktop: {
      // Another app holds the default and the first alternative.
      takenShortcuts: ['CommandOrControl+Alt+Shift+W', 'CommandOrControl+Alt+Shift+L'],
      loginUnavailable:
        'Launch at login applies to the installed Mission Tray. This copy runs from a development build (npm start), so it adds no login item.',
      logsFolder,
    },
  },
});

test('a shortcut another app holds: Preferences says so and one click uses another', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Preferences' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'is not available' });
  await expect(problem).toContainText('The shortcut CommandOrControl+Alt+Shift+W is not available');

  // The first one offered is taken too: the field says so, and it is no longer offered.
  await problem.getByRole('button', { name: 'Use CommandOrControl+Alt+Shift+L' }).click();
  await expect(page.getByRole('textbox', { name: 'Global shortcut' })).toHaveAccessibleDescription(
    /CommandOrControl\+Alt\+Shift\+L is not available/,
  );
  await expect(problem.getByRole('button', { name: /Alt\+Shift\+L/ })).toHaveCount(0);

  await problem.getByRole('button', { name: 'Use CommandOrControl+Alt+Shift+J' }).click();
  await expect(page.getByRole('textbox', { name: 'Global shortcut' })).toHaveValue(
    'CommandOrControl+Alt+Shift+J',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'is not available' })).toHaveCount(0);
  expect(app.settings.get().shortcut).toBe('CommandOrControl+Alt+Shift+J');
});

test('in a development run, launch at login says it is for the installed app', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Preferences' }).click();
  await expect(
    page.getByRole('checkbox', { name: 'Start Mission Tray when I log in' }),
  ).toBeDisabled();
  await expect(
    page.getByText('Launch at login applies to the installed Mission Tray.'),
  ).toBeVisible();
});

test('Open logs folder opens it, or says why not', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Preferences' }).click();
  await expect(
    page.getByText(`Mission Tray writes what went wrong to ${logsFolder}`),
  ).toBeVisible();
  const open = page.getByRole('button', { name: 'Open logs folder' });
  await open.click();
  await expect(
    page.getByRole('status').filter({ hasText: 'could not open its logs folder' }),
  ).toContainText('Failed to open path');
  await mkdir(logsFolder);
  await open.click();
  await expect(page.getByRole('status').filter({ hasText: 'could not open' })).toHaveCount(0);
});
