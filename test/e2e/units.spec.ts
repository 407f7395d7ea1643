// A custom unit has a singular and a plural (issue #12, item 9): "1 proposal", "2 proposals", in
// the window, the tray and the notifications. The form asks for both, deriving the singular for
// the rep to correct; a store written before singulars existed opens unchanged and counts right.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../src/shared/documents.ts';
import { expect, test } from './harness.ts';
import { storedMission } from './seed-history.ts';

// Monday 23 November 2026, 09:00 in Berlin.
test.use({ appOptions: { now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin' } });

test.describe('a store from before units had a singular', () => {
  // missions.json as the app wrote it then: a custom metric with its label and plural unit only.
  const mission = {
    ...storedMission(
      { id: 'proposals', title: 'Send 10 proposals', target: 10, startDate: '2026-11-23', seq: 1 },
      'Europe/Berlin',
    ),
    metric: { kind: 'custom', label: 'Proposals sent', unit: 'proposals' },
  };
  const oldFile = JSON.stringify({
    schemaVersion: SCHEMA_VERSION,
    missions: [mission],
    timeOff: [],
    lastSeq: 1,
  });
  test.use({
    appOptions: {
      now: '2026-11-23T08:00:00Z',
      timeZone: 'Europe/Berlin',
      seed: (dataDir) => writeFile(join(dataDir, 'missions.json'), oldFile),
    },
  });

  test('opens unchanged and counts 1 proposal in the window, the tray and a notification', async ({
    app,
  }) => {
    const { page } = app;
    await app.open();
    const card = page.getByRole('article', { name: mission.title });
    await expect(card).toContainText('0 of 10 proposals');
    await card.getByRole('button', { name: `+1 proposal for ${mission.title}` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Logged 1 proposal' })).toHaveText(
      /Logged 1 proposal(?!s)/,
    );
    await expect(card).toContainText('1 of 10 proposals');
    await page.getByText('Today’s log · 1').click();
    await expect(page.locator('.today-log-list li').first()).toContainText('+1 proposal ·');

    expect(app.tray.labels()).toContain('Log proposal — 1/10 this week · 1/2 by 17:00');
    await expect
      .poll(() => app.notifications.map((n) => n.body))
      .toContain('1 of 1 proposal by noon. Nice work.');

    // Nothing rewrote the document: the app before this one reads it as it wrote it.
    await app.restart();
    await expect(page.getByRole('article', { name: mission.title })).toContainText(
      '1 of 10 proposals',
    );
    expect(await readFile(join(app.dataDir, 'missions.json'), 'utf8')).toBe(oldFile);
  });
});

test('the form derives the singular from the unit and the rep corrects it', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.keyboard.press('n');
  await page.getByLabel('Title').fill('Meet 10 people');
  await page.getByLabel('Metric', { exact: true }).selectOption('custom');
  await page.getByLabel('Metric name').fill('Contacts');
  await page.getByLabel('Unit').fill('case studies');
  await expect(page.getByLabel('Singular')).toHaveValue('case study');
  await page.getByLabel('Unit').fill('people');
  await expect(page.getByLabel('Singular')).toHaveValue('people');
  await page.getByLabel('Singular').fill('person');
  // Once the rep has said it, the singular stays theirs.
  await page.getByLabel('Unit').fill('people met');
  await expect(page.getByLabel('Singular')).toHaveValue('person');
  await page.getByLabel('Unit').fill('people');
  await page.getByRole('button', { name: 'Create mission' }).click();

  const card = page.getByRole('article', { name: 'Meet 10 people' });
  await expect(card).toContainText('0 of 10 people');
  await card.getByRole('button', { name: '+1 person for Meet 10 people' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Logged 1 person' })).toBeVisible();
  expect(app.tray.labels()).toContain('Log person — 1/10 this week · 1/2 by 17:00');
  expect((await app.missionsOnDisk()).missions[0]?.metric).toEqual({
    kind: 'custom',
    label: 'Contacts',
    unit: 'people',
    singular: 'person',
  });

  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: 'Edit Meet 10 people' }).click();
  await expect(page.getByLabel('Singular')).toHaveValue('person');
});
