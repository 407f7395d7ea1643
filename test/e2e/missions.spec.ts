// Managing missions: a custom metric, editing a mission, archiving and abandoning; and a win
// logged elsewhere (the tray) showing in the open window at once.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test('a custom metric mission is created, edited, then abandoned', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.keyboard.press('n');
  await page.getByLabel('Title').fill('Send 15 proposals');
  await page.getByLabel('Metric', { exact: true }).selectOption('custom');
  await page.getByLabel('Target', { exact: true }).fill('15');
  await page.getByRole('button', { name: 'Create mission' }).click();
  // The custom metric needs its name and unit first.
  await expect(page.getByLabel('Metric name')).toHaveAccessibleDescription(
    'Give the custom metric a name',
  );
  await page.getByLabel('Metric name').fill('Proposals sent');
  await page.getByLabel('Unit').fill('proposals');
  await page.getByLabel('Team objective (optional)').fill('Q4 pipeline: 40 new opportunities');
  await page.getByRole('button', { name: 'Create mission' }).click();

  const card = page.getByRole('article', { name: 'Send 15 proposals' });
  await expect(card).toContainText('0 of 15 proposals');
  await expect(card).toContainText('For Q4 pipeline: 40 new opportunities');
  expect((await app.missionsOnDisk()).missions[0]).toMatchObject({
    metric: { kind: 'custom', label: 'Proposals sent', unit: 'proposals' },
    objective: 'Q4 pipeline: 40 new opportunities',
  });

  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: 'Edit Send 15 proposals' }).click();
  await expect(page.getByRole('heading', { name: 'Edit mission' })).toBeVisible();
  await page.getByLabel('Title').fill('Send 12 proposals');
  await page.getByLabel('Target', { exact: true }).fill('12');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('article', { name: 'Send 12 proposals' })).toContainText(
    '0 of 12 proposals',
  );
  const edited = (await app.missionsOnDisk()).missions;
  expect(edited.map((m) => [m.title, m.target])).toEqual([['Send 12 proposals', 12]]);

  // Abandoning asks for a second click, then the mission leaves Today.
  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: 'Abandon Send 12 proposals' }).click();
  expect((await app.missionsOnDisk()).missions[0]?.status).toBe('active');
  await page.getByRole('button', { name: 'Yes, abandon' }).click();
  await expect(page.getByText('No active missions.')).toBeVisible();
  expect((await app.missionsOnDisk()).missions[0]?.status).toBe('abandoned');
});

test('archiving a mission takes it off Today and keeps it on disk', async ({ app }) => {
  const mission = await createMission(app);
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: `Archive ${mission.title}` }).click();
  await expect(page.getByText('No active missions.')).toBeVisible();
  const onDisk = (await app.missionsOnDisk()).missions;
  expect(onDisk.map((m) => [m.id, m.archived])).toEqual([[mission.id, true]]);
});

test('a win logged from the tray menu shows in the open window at once', async ({ app }) => {
  const mission = await createMission(app);
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  await expect(card.getByTestId('today-count')).toHaveText('0');
  // The shell's own tray menu (Linux: the menu is the only way in without the window).
  const clickLog = () => {
    const label = app.tray.labels().find((l) => l.startsWith('Log meeting'));
    if (!label) throw new Error(`No "Log meeting" item in ${app.tray.labels().join(' | ')}`);
    app.tray.click(label);
  };
  clickLog();
  await expect(card.getByTestId('today-count')).toHaveText('1');
  clickLog();
  await expect(card.getByTestId('today-count')).toHaveText('2');
  expect((await app.winsOnDisk('2026-11-23')).wins.map((w) => w.source)).toEqual(['tray', 'tray']);
  // The tray's wins reach the milestone, and the window celebrates it too.
  await expect(page.locator('.celebration')).toContainText('Milestone hit!');
});
