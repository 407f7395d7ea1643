// Falling behind: the pace says by how much, and a catch-up plan spreads what remains over the
// working days left. The rep's own plan on disk is left as it was.
import { createMission, logWin } from './drafts.ts';
import { expect, test } from './harness.ts';

test('a rep two days behind sees the pace and a catch-up plan', async ({ app }) => {
  const mission = await createMission(app); // 20 over Mon–Fri: 4 a day, 2 by noon
  await logWin(app, mission.id); // Monday 09:00, the only win
  // Wednesday 15:00 in Berlin.
  await app.setNow('2026-11-25T14:00:00Z');
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });

  // Expected by now: Monday 4 + Tuesday 4 + Wednesday 2 by noon and 3/5 of the way to 4 by 17:00.
  await expect(card.getByTestId('pace')).toHaveText('behind by 10');
  await expect(
    card
      .getByRole('list', { name: /Today's milestones/ })
      .getByRole('listitem')
      .first(),
  ).toContainText('Missed');

  // 19 still to go over Wednesday, Thursday and Friday.
  const plan = card.locator('.catch-up');
  await expect(plan.getByRole('heading', { name: 'Catch-up plan' })).toBeVisible();
  await expect(plan).toContainText('3 working days left');
  await expect(plan.getByRole('listitem')).toHaveText([
    /Today\s*7 meetings/,
    /Thu 26 Nov\s*6 meetings/,
    /Fri 27 Nov\s*6 meetings/,
  ]);

  const onDisk = (await app.missionsOnDisk()).missions[0];
  expect(onDisk?.plan).toEqual(mission.plan);
  expect((await app.winsOnDisk('2026-11-23')).wins).toHaveLength(1);

  // Logging brings the plan down with the gap.
  await card.getByRole('button', { name: `+1 meeting for ${mission.title}` }).click();
  await expect(card.getByTestId('pace')).toHaveText('behind by 9');
  await expect(plan.getByRole('listitem').first()).toHaveText(/Today\s*6 meetings/);
});

test("after today's last deadline the catch-up plan starts tomorrow; a first day has none", async ({
  app,
}) => {
  const mission = await createMission(app); // 20 over Mon–Fri, milestones at 12:00 and 17:00
  const { page } = app;
  await app.setNow('2026-11-23T12:00:00Z'); // Monday 13:00: behind the pro-rata pace, nothing missed
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  await expect(card.getByTestId('pace')).toHaveText(/behind by \d+/);
  await expect(card.locator('.catch-up')).toHaveCount(0);

  await logWin(app, mission.id);
  await app.setNow('2026-11-25T16:30:00Z'); // Wednesday 17:30: today's deadlines have passed
  const plan = card.locator('.catch-up');
  await expect(plan).toContainText('2 working days left');
  await expect(plan.getByRole('listitem')).toHaveText([/Thu 26 Nov/, /Fri 27 Nov/]);
});
