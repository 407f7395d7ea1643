// A laptop asleep over two deadlines (issue #12, item 11): on waking, "While you were away" lists
// every milestone that passed, the noon one reminded before the lid closed included.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

// Monday 23 November 2026, 08:00 in Berlin.
test.use({ appOptions: { now: '2026-11-23T07:00:00Z', timeZone: 'Europe/Berlin' } });

test('the summary after a sleep lists both milestones that passed', async ({ app }) => {
  const mission = await createMission(app);
  await app.open();
  await app.setNow('2026-11-23T10:05:00Z'); // 11:05: the noon reminder
  await expect
    .poll(() => app.notifications.map((n) => n.body))
    .toContain('0 of 2 meetings — 55 minutes to noon');
  // The lid closes; it opens at 18:30, past both deadlines and their grace.
  await app.setNow('2026-11-23T17:30:00Z');
  await expect
    .poll(() => app.notifications.find((n) => n.title === 'While you were away')?.body)
    .toBe(
      `2 milestones passed: 0 of 2 meetings by noon (${mission.title}); 0 of 4 meetings by 17:00 (${mission.title})`,
    );
});
