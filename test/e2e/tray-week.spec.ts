// The tray beside the window through a rep's week: the same counts, an undo only where it can
// work, and a reflection the tray can always bring back.
import { createMission, logWin } from './drafts.ts';
import { expect, test } from './harness.ts';

// Monday 23 November 2026, 10:00 in Berlin.
test.use({ appOptions: { now: '2026-11-23T09:00:00Z', timeZone: 'Europe/Berlin' } });

test('a busy morning: the tray caps milestone counts at their target, as the window does', async ({
  app,
}) => {
  const mission = await createMission(app); // 2 by 12:00, 4 by 17:00
  for (let i = 0; i < 6; i++) await logWin(app, mission.id);
  await app.open();
  const card = app.page.getByRole('article', { name: mission.title });
  const milestones = card.getByRole('list', { name: /Today's milestones/ }).getByRole('listitem');
  await expect(milestones).toHaveText([/2\/2\s*Done/, /4\/4\s*Done/]);
  expect(app.tray.labels()).toContain(`${mission.title}: ✓ 2/2 by noon  ✓ 4/4 by 17:00`);
});

test('after a mission ends, neither the tray nor the window offers an undo that cannot work', async ({
  app,
}) => {
  const mission = await createMission(app, { endDate: '2026-11-27' });
  // A second mission runs on, so Today (and its keyboard hints) stay up after the first ends.
  await createMission(app, {
    title: 'Calls over two weeks',
    metric: { kind: 'calls' },
    endDate: '2026-12-04',
  });
  await app.setNow('2026-11-27T15:00:00Z'); // Friday 16:00, the last day
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  await card.getByRole('button', { name: `+1 meeting for ${mission.title}` }).click();
  await expect(page.locator('.toast').getByRole('button', { name: 'Undo' })).toBeVisible();
  const undoItem = () => app.tray.menu.find((i) => i.label?.startsWith('Undo last win'));
  expect(undoItem()).toMatchObject({ label: `Undo last win (${mission.title})`, enabled: true });
  await expect(page.locator('.shortcut-hint')).toContainText('Ctrl+Z undo');

  // Saturday 09:00: the mission has ended short, its wins are final.
  await app.setNow('2026-11-28T08:00:00Z');
  await page
    .getByRole('dialog', { name: `Looking back: ${mission.title}` })
    .getByRole('button', { name: 'Later' })
    .click();
  expect(undoItem()).toMatchObject({ label: 'Undo last win', enabled: false });
  await expect(page.locator('.shortcut-hint')).toContainText('log a win');
  await expect(page.locator('.shortcut-hint')).not.toContainText('undo');
  await page.locator('main').focus();
  // The win's toast, if still up, no longer offers Undo, and Ctrl+Z asks nothing of the core.
  await expect(page.locator('.toast').getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(500); // a refused undo's error toast would show within a frame or two
  await expect(page.locator('.toast-error')).toHaveCount(0);
  expect((await app.winsOnDisk('2026-11-27')).wins).toHaveLength(1);
});

test('"Later" on a reflection, then the tray\'s "Reflect on …" brings the dialog back', async ({
  app,
}) => {
  const mission = await createMission(app);
  await app.setNow('2026-11-30T08:00:00Z'); // the next Monday: the week ended at 0 of 20
  const { page } = app;
  await app.open();
  const dialog = page.getByRole('dialog', { name: `Looking back: ${mission.title}` });
  await dialog.getByRole('button', { name: 'Later' }).click();
  await expect(dialog).toBeHidden();

  app.tray.click(`Reflect on “${mission.title}”…`);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'External blockers' }).check();
  await dialog.getByRole('button', { name: 'Save reflection' }).click();
  await expect(dialog).toBeHidden();
  expect((await app.missionsOnDisk()).missions[0]?.reflection).toMatchObject({
    reason: 'external-blockers',
  });
  expect(app.tray.labels().some((l) => l.startsWith('Reflect on'))).toBe(false);
});

test('the tray and the window tell the same day: behind with today done, nothing due on Saturday', async ({
  app,
}) => {
  const mission = await createMission(app); // 4 a day, Monday to Friday
  await app.setNow('2026-11-25T09:00:00Z'); // Wednesday 10:00, nothing logged Monday or Tuesday
  for (let i = 0; i < 4; i++) await logWin(app, mission.id);
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  await expect(card.getByTestId('pace')).toHaveText(/behind by \d+/);
  await expect(page.getByText(/Every milestone for today is done/)).toHaveCount(0);
  expect(app.tray.labels()[0]).toBe('Mission Tray — Behind');
  expect(app.tray.tooltip.split('\n')[0]).toBe('Mission Tray — Behind');

  // Saturday: still behind for the week, but nothing is due today.
  await app.setNow('2026-11-28T09:00:00Z');
  await expect(card.getByTestId('pace')).toHaveText(/behind by \d+/);
  expect(app.tray.labels()[0]).toBe('Mission Tray — No milestones today');
  expect(app.tray.image).toContain('idle');
});

test('time alone brings the "Mission ended" invitation at 08:00, as the shell\'s poll shows it', async ({
  app,
}) => {
  const mission = await createMission(app); // Monday 23 to Sunday 29 November
  await app.open();
  // The next Monday, 07:30 in Berlin: the week ended short, but quiet hours last until 08:00.
  await app.setNow('2026-11-30T06:30:00Z');
  const invitation = `Mission ended: ${mission.title}`;
  expect(app.notifications.map((n) => n.title)).not.toContain(invitation);
  // Nothing but the clock moves: no click, no new day, no change in the snapshot.
  await app.setNow('2026-11-30T07:00:00Z');
  expect(app.notifications.filter((n) => n.title === invitation)).toHaveLength(1);
  await app.advance(10 * 60_000);
  expect(app.notifications.filter((n) => n.title === invitation)).toHaveLength(1);
});

test('a mission across two weeks: the tray names its period, not "this week"', async ({ app }) => {
  const mission = await createMission(app, { startDate: '2026-11-25', endDate: '2026-12-01' });
  await app.setNow('2026-11-25T09:00:00Z');
  for (let i = 0; i < 5; i++) await logWin(app, mission.id);
  await app.setNow('2026-11-30T08:00:00Z'); // Monday of the second week
  await app.open();
  const item = app.tray.labels().find((l) => l.startsWith('Log meeting'));
  expect(item).toMatch(/^Log meeting — 5\/20 over 25 Nov – 1 Dec/);
});
