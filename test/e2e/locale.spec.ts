// Times, dates and numbers follow the OS locale (Electron's app.getSystemLocale()), and the window,
// the tray and the notifications write them one way: a German rep reads German dates and
// separators; a rep in New York reads "by 5:00 PM" everywhere, never "17:00" in the tray.
import { createMission, logWin } from './drafts.ts';
import { expect, test } from './harness.ts';

test.describe('de-DE', () => {
  test.use({
    appOptions: { now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin', locale: 'de-DE' },
  });

  test('dates, times and numbers in the OS locale', async ({ app }) => {
    const mission = await createMission(app, {
      title: 'Make 1500 calls',
      metric: { kind: 'calls' },
      target: 1500,
    });
    const { page } = app;
    await app.open();
    await expect(page.locator('.header-date')).toHaveText('Montag, 23. November');
    const card = page.getByRole('article', { name: mission.title });
    await expect(card).toContainText('0 of 1.500 calls');
    await expect(card.getByRole('list', { name: /Today's milestones/ })).toContainText(
      '150 calls by 12:00',
    );
    // The tray says it as the window does: German numbers, the time (not "noon") at 12:00.
    expect(app.tray.labels()).toContain(`${mission.title}: · 0/150 by 12:00  · 0/300 by 17:00`);
    expect(app.tray.labels()).toContain('Log call — 0/1.500 this week · 0/150 by 12:00');
    await page.getByRole('button', { name: 'Missions' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: mission.title })).toContainText(
      'Mo., 23. Nov. – So., 29. Nov.',
    );
  });
});

test.describe('en-US', () => {
  // Monday 23 November 2026, 08:00 in New York. The page's own default (the UI language) is
  // British: the window must still write the region's format, as the tray does.
  test.use({
    appOptions: {
      now: '2026-11-23T13:00:00Z',
      timeZone: 'America/New_York',
      locale: 'en-US',
      uiLocale: 'en-GB',
    },
  });

  test('the window, the tray and a reminder all say "by 5:00 PM"', async ({ app }) => {
    const mission = await createMission(app); // 20 over Mon–Fri: 2 by noon, 4 by 17:00
    await logWin(app, mission.id);
    const { page } = app;
    await app.open();
    await expect(page.locator('.header-date')).toHaveText('Monday, November 23');
    const milestones = page
      .getByRole('article', { name: mission.title })
      .getByRole('list', { name: /Today's milestones/ });
    await expect(milestones).toContainText('2 meetings by noon');
    await expect(milestones).toContainText('4 meetings by 5:00 PM');
    // Today's log: the win's time on the rep's clock.
    await expect(page.getByText('Today’s log · 1')).toBeVisible();
    await page.getByText('Today’s log · 1').click();
    await expect(page.locator('time').first()).toHaveText('8:00 AM');
    // On one line: "8:00" above "AM" in a column sized for "08:00" reads as two entries.
    const lines = await page.evaluate(`(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.today-log-list time'));
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    })()`);
    expect(lines).toBe(1);

    expect(app.tray.labels()).toContain(`${mission.title}: · 1/2 by noon  · 1/4 by 5:00 PM`);
    expect(app.tray.labels()).toContain('Log meeting — 1/20 this week · 1/2 by noon');

    await app.setNow('2026-11-23T16:10:00Z'); // 11:10: the noon reminder
    await expect
      .poll(() => app.notifications.map((n) => n.body))
      .toContain('1 of 2 meetings — 50 minutes to noon');
    await app.setNow('2026-11-23T21:00:00Z'); // 16:00: an hour before 5:00 PM
    await expect
      .poll(() => app.notifications.map((n) => n.body))
      .toContain('1 of 4 meetings — 1 hour to 5:00 PM');
    expect(app.notifications.map((n) => n.body).join('\n')).not.toMatch(/17:00/);
    expect(app.tray.labels()).toContain(`${mission.title}: ✗ 1/2 by noon  ! 1/4 by 5:00 PM`);
  });
});
