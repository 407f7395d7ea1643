// missiontray:// links where a rep sees them: a win a link logged shows in the open window with
// the toast's Undo (which takes it back on disk), a bad link gets one clear notification and
// changes nothing, and open/mission brings that mission's card into view.
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test('a link logs a win: the window shows it with Undo, and Undo takes it back', async ({
  app,
}) => {
  const mission = await createMission(app);
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  await expect(card.getByTestId('today-count')).toHaveText('0');

  await app.openLink('missiontray://log?mission=Book%2020&amount=2&note=Acme%20call');

  await expect(card.getByTestId('today-count')).toHaveText('2');
  const toast = page.locator('.toast');
  await expect(toast).toContainText('Logged 2 meetings');
  await expect(toast).toContainText(`${mission.title} — from a link`);
  expect(app.notifications.map((n) => n.body)).toContainEqual(
    expect.stringMatching(
      /^Logged 2 meetings on “Book 20 meetings this week”.*Undo it from the tray menu or the window\.$/,
    ),
  );
  expect((await app.winsOnDisk('2026-11-23')).wins).toMatchObject([
    { amount: 2, note: 'Acme call', source: 'link' },
  ]);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByTestId('today-count')).toHaveText('0');
  expect((await app.winsOnDisk('2026-11-23')).wins).toEqual([]);
});

test('a bad link gets one clear notification and changes nothing', async ({ app }) => {
  const mission = await createMission(app);
  await createMission(app, { title: 'Book 5 demos', metric: { kind: 'demos' }, target: 5 });
  const { page } = app;
  await app.open();

  await app.openLink('missiontray://log?mission=Book');
  await app.openLink('missiontray://undo');

  expect(app.notifications.map((n) => n.body)).toEqual([
    `2 missions match "Book": “${mission.title}”, “Book 5 demos”. Use more of the title, or the mission's id.`,
    'A link cannot undo a win. Use Undo in the tray menu or the window.',
  ]);
  const card = page.getByRole('article', { name: mission.title });
  await expect(card.getByTestId('today-count')).toHaveText('0');
  await expect(page.locator('.toast')).toHaveCount(0);
  expect((await app.winsOnDisk('2026-11-23')).wins).toEqual([]);
});

test('open/mission/<id> shows Today with that mission’s card focused', async ({ app }) => {
  await createMission(app);
  const demos = await createMission(app, {
    title: 'Book 5 demos',
    metric: { kind: 'demos' },
    target: 5,
  });
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'History' }).click();

  await app.openLink(`missiontray://open/mission/${demos.id}`);

  await expect(page.getByRole('article', { name: 'Book 5 demos' })).toBeFocused();
  await expect(page.getByRole('article', { name: 'Book 5 demos' })).toBeInViewport();
});

test.describe('with no window yet (the app started to the tray, as at login)', () => {
  test.use({
    appOptions: {
      now: '2026-11-23T08:00:00Z',
      timeZone: 'Europe/Berlin',
      startsInTray: true,
      // Today's first snapshot reaches the new page well after the link's request does.
      answerDelayMs: 400,
    },
  });

  test('open/mission/<id> opens the window on Today with that mission’s card focused', async ({
    app,
  }) => {
    await createMission(app);
    await createMission(app, { title: 'Make 40 calls', metric: { kind: 'calls' }, target: 40 });
    await createMission(app, { title: 'Send 15 follow-ups', metric: { kind: 'follow-ups' } });
    // Last on Today, below the fold of a 560-pixel window.
    const demos = await createMission(app, {
      title: 'Book 5 demos',
      metric: { kind: 'demos' },
      target: 5,
    });
    const { page } = app;

    await app.openLink(`missiontray://open/mission/${demos.id}`);

    const card = page.getByRole('article', { name: 'Book 5 demos' });
    await expect(card).toBeFocused();
    await expect(card).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Today', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });
});
