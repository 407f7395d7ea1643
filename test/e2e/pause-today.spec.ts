// A sick day: the rep pauses today from the window (or the tray); the day's missed milestones
// don't break the streak, and the pause survives a restart and can be taken back.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

// Tuesday 24 November 2026, 08:00 in Berlin.
test.use({ appOptions: { now: '2026-11-24T07:00:00Z', timeZone: 'Europe/Berlin' } });

test('pausing today keeps the streak through a missed day, from the window and the tray', async ({
  app,
}) => {
  const mission = await createMission(app, { startDate: '2026-11-24', endDate: '2026-12-04' });
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  const plusOne = card.getByRole('button', { name: `+1 meeting for ${mission.title}` });
  const streak = page.getByTestId('streak');
  const pausedLine = page.getByRole('status').filter({ hasText: 'Today is paused' });

  // Tuesday: every milestone hit, a one-day streak.
  for (let i = 0; i < 4; i++) await plusOne.click();
  await expect(card.getByTestId('today-count')).toHaveText('4');
  await app.setNow('2026-11-25T07:00:00Z'); // Wednesday 08:00
  await expect(streak).toContainText('1-day streak');

  // Wednesday: the rep is ill and pauses the day from Today.
  await page.getByRole('button', { name: 'Pause today' }).click();
  await expect(pausedLine).toBeVisible();
  expect((await app.missionsOnDisk()).timeOff).toEqual([{ date: '2026-11-25', kind: 'away' }]);
  expect(app.tray.labels()[0]).toBe('Mission Tray — Today is paused');

  // Evening, every milestone missed: the streak is still there, and still after a restart.
  await app.setNow('2026-11-25T18:00:00Z');
  await expect(streak).toContainText('1-day streak');
  await app.restart();
  await expect(pausedLine).toBeVisible();

  // Thursday: back at work and the streak grows instead of starting over.
  await app.setNow('2026-11-26T07:00:00Z');
  await expect(pausedLine).toHaveCount(0);
  for (let i = 0; i < 4; i++) await plusOne.click();
  await expect(card.getByTestId('today-count')).toHaveText('4');
  await expect(streak).toContainText('2-day streak');

  // Paused by mistake from the tray, and taken back in the window.
  app.tray.click('Pause today (keeps your streak)');
  await expect(pausedLine).toBeVisible();
  await pausedLine.getByRole('button', { name: 'Unpause' }).click();
  await expect(pausedLine).toHaveCount(0);
  expect((await app.missionsOnDisk()).timeOff).toEqual([{ date: '2026-11-25', kind: 'away' }]);
});
