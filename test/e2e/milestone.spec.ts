// A milestone reached before noon: celebrated once, shown done, and still done after noon.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

// Monday, 10:30 in Berlin.
test.use({ appOptions: { now: '2026-11-23T09:30:00Z', timeZone: 'Europe/Berlin' } });

test('two meetings by noon: the window celebrates and marks the milestone done', async ({
  app,
}) => {
  const mission = await createMission(app); // 20 over 5 days: 2 by 12:00, 4 by 17:00
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  const milestones = card.getByRole('list', { name: /Today's milestones/ }).getByRole('listitem');
  const plusOne = card.getByRole('button', { name: `+1 meeting for ${mission.title}` });
  const celebration = page.locator('.celebration');

  await plusOne.click();
  await expect(milestones.first()).toContainText('1/2');
  await expect(celebration).toHaveCount(0);

  await app.advance(20 * 60_000);
  await plusOne.click();
  await expect(celebration).toContainText(`Milestone hit! 2 meetings by noon — ${mission.title}`);
  await expect(milestones).toHaveText([
    /2 meetings by noon\s*2\/2\s*Done/,
    /4 meetings by 17:00\s*2\/4\s*On track/,
  ]);
  await expect(page.getByTestId('pace')).toHaveText(/ahead by \d+/);

  // Both wins are on disk, logged before noon local time (11:00 UTC).
  const wins = (await app.winsOnDisk('2026-11-23')).wins;
  expect(wins.map((w) => w.at < '2026-11-23T11:00:00.000Z')).toEqual([true, true]);

  // After noon the milestone stays done, and the next one is the one to watch.
  await app.setNow('2026-11-23T11:30:00Z');
  await expect(milestones.first()).toContainText('Done');
  await expect(milestones.nth(1)).toContainText('On track');
  await expect(page.getByText(/Every milestone for today is done/)).toHaveCount(0);

  // Two more before 17:00: the day is done, and Today says so.
  await plusOne.click();
  await plusOne.click();
  await expect(milestones.nth(1)).toContainText('Done');
  await expect(page.getByText(/Every milestone for today is done/)).toBeVisible();
});
