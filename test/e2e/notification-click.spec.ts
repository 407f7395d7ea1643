// A click on a desktop notification (macOS and Windows report it) brings the window to Today,
// whichever view the rep left it on.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test('a click on the "milestone hit" notification shows Today', async ({ app }) => {
  const mission = await createMission(app); // 2 meetings by 12:00
  const { page } = app;
  await app.open();
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Preferences' }).click();
  await expect(views.getByRole('button', { name: 'Preferences' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  // Two wins from the tray reach the noon milestone; the desktop says so.
  const label = app.tray.labels().find((l) => l.startsWith('Log meeting'));
  if (!label) throw new Error(`No "Log meeting" item in ${app.tray.labels().join(' | ')}`);
  app.tray.click(label);
  app.tray.click(label);
  const title = `Milestone hit: ${mission.title}`;
  await expect.poll(() => app.notifications.map((n) => n.title)).toContain(title);
  const hit = app.notifications.find((n) => n.title === title);
  if (!hit) throw new Error('no notification');

  app.clickNotification(hit);
  const card = page.getByRole('article', { name: mission.title });
  await expect(card.getByTestId('today-count')).toHaveText('2');
  await expect(views.getByRole('button', { name: 'Today' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});
