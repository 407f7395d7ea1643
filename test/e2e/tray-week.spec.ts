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
