// Today after every mission has ended (issue #12, item 1): not the first-run screen, but where
// the rep stands — the last mission's outcome, the streak, the reflection waiting — and a button
// that starts this week's mission from the last one, its target the suggestion. A true first run
// keeps the first-run screen (first-run.spec.ts).
import { checkView } from './check-view.ts';
import { createMission, logWin } from './drafts.ts';
import { expect, test } from './harness.ts';

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme}: the Monday after a missed week, Today shows where the rep stands`, async ({
    app,
  }) => {
    // Book 10 meetings over Monday 23 – Friday 27 November: it ended at 8.
    const mission = await createMission(app, { title: 'Book 10 meetings this week', target: 10 });
    for (let i = 0; i < 8; i++) await logWin(app, mission.id);
    await app.setNow('2026-11-30T08:00:00Z'); // the next Monday, 09:00 in Berlin
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await app.open();

    const dialog = page.getByRole('dialog', { name: 'Looking back: Book 10 meetings this week' });
    await dialog.getByRole('button', { name: 'Later' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByRole('heading', { name: 'Your last mission has ended' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Set your first mission' })).toHaveCount(0);
    const last = page.getByTestId('last-mission');
    await expect(last).toContainText('Book 10 meetings this week');
    await expect(last).toContainText('Missed');
    await expect(last).toContainText('Ended 8 of 10 meetings');
    // Monday's milestones were met, the rest of the week's were not.
    await expect(page.getByTestId('streak')).toHaveText('No streak running · best 1');
    await expect(
      page.getByText('A reflection on “Book 10 meetings this week” is waiting'),
    ).toBeVisible();
    await checkView(page, 'where-you-stand', scheme);

    // The reflection waiting opens from its button, and can still be put off.
    await page.getByRole('button', { name: 'Reflect now' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Later' }).click();
    await expect(dialog).toBeHidden();

    // This week's mission, from the last one, with the suggested target (8 a week reached).
    await page.getByRole('button', { name: 'Start this week’s mission' }).click();
    await expect(page.getByRole('heading', { name: 'New mission' })).toBeVisible();
    await expect(page.getByTestId('suggest-attainable')).toHaveText('8');
    await expect(page.getByRole('spinbutton', { name: 'Target' })).toHaveValue('8');
    await expect(page.getByLabel('Title')).toHaveValue('Book 8 meetings this week');
    await expect(page.getByLabel('Starts')).toHaveValue('2026-11-30');
    await expect(page.getByLabel('Ends')).toHaveValue('2026-12-06');
    await checkView(page, 'next-mission-form', scheme);
    await page.getByRole('button', { name: 'Create mission' }).click();

    await expect(page.getByRole('article', { name: 'Book 8 meetings this week' })).toBeVisible();
    const created = (await app.missionsOnDisk()).missions.find((m) => m.status === 'active');
    expect(created).toMatchObject({ target: 8, startDate: '2026-11-30', endDate: '2026-12-06' });
  });
}
