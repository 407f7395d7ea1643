// The mission form in the app's own window (360×560, src/shared/settings.ts): the essentials and
// Create in view without scrolling; working days, deadlines and the plan folded under one line
// that opens by keyboard, stays as the rep left it, and opens itself to show an error (issue #12,
// item 13).
import type { Locator, Page } from '@playwright/test';
import { checkView } from './check-view.ts';
import { expect, test } from './harness.ts';
import { fourWeeksOfHistory } from './seed-history.ts';

// After four weeks of history the form shows its suggested targets: its tallest state for a new
// mission.
test.use({ appOptions: fourWeeksOfHistory() });

async function openNewMission(page: Page): Promise<void> {
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New mission' })).toBeVisible();
  await expect(page.getByTestId('suggest-challenging')).toBeVisible();
}

/** Wholly on screen and above the sticky Cancel/Create bar, which would hide what it covers. */
async function expectUncovered(page: Page, field: Locator, name: string): Promise<void> {
  await expect(field, name).toBeInViewport({ ratio: 1 });
  const box = await field.boundingBox();
  const bar = await page.locator('.form-actions').boundingBox();
  expect(box && bar && box.y + box.height <= bar.y, `${name} is above the Create bar`).toBe(true);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme}: title, metric, target, period, public and Create are in view at 360×560`, async ({
    app,
  }) => {
    const { page } = app;
    expect(page.viewportSize()).toEqual({ width: 360, height: 560 });
    await page.emulateMedia({ colorScheme: scheme });
    await app.open();
    await openNewMission(page);

    expect(await page.evaluate("document.querySelector('main').scrollTop")).toBe(0);
    await expectUncovered(page, page.getByLabel('Title'), 'Title');
    await expectUncovered(page, page.getByLabel('Metric', { exact: true }), 'Metric');
    await expectUncovered(page, page.getByLabel('Target', { exact: true }), 'Target');
    await expectUncovered(page, page.getByTestId('suggest-elite'), 'the suggested targets');
    await expectUncovered(page, page.getByLabel('Starts'), 'Starts');
    await expectUncovered(page, page.getByLabel('Ends'), 'Ends');
    await expectUncovered(page, page.getByRole('checkbox', { name: /^Public/ }), 'Public');
    await expect(page.getByRole('button', { name: 'Create mission' })).toBeInViewport({
      ratio: 1,
    });
    // The folded part is closed and says what it holds, its plan once the mission is filled in.
    await expect(page.getByLabel('Monday')).toBeHidden();
    await expect(page.getByTestId('fold-detail')).toHaveText('Mon–Fri · by noon, 17:00');
    await page.getByLabel('Title').fill('Book 20 meetings this week');
    await page.getByLabel('Target', { exact: true }).fill('20');
    await expect(page.getByTestId('fold-detail')).toHaveText(
      'Mon–Fri · by noon, 17:00 · 20 meetings over 5 days',
    );
    await expectUncovered(page, page.getByRole('checkbox', { name: /^Public/ }), 'Public');
    expect(await page.evaluate("document.querySelector('main').scrollTop")).toBe(0);
    await checkView(page, 'mission-form', scheme);

    // Opened, it is readable and clean too.
    await page.locator('summary').click();
    await page.getByRole('heading', { name: 'Planned milestones' }).scrollIntoViewIfNeeded();
    await checkView(page, 'mission-plan', scheme);
  });
}

test('the fold opens and closes from the keyboard and stays as the rep left it', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  await openNewMission(page);
  const monday = page.getByLabel('Monday');
  const fold = page.locator('summary');

  // Tab from Public reaches the fold's line; Enter opens it.
  await page.getByRole('checkbox', { name: /^Public/ }).focus();
  await page.keyboard.press('Tab');
  await expect(fold).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(monday).toBeVisible();
  await expect(page.getByLabel('Milestone 2 deadline', { exact: true })).toHaveValue('17:00');

  // Editing elsewhere in the form, a template and a new plan leave it open.
  await page.getByLabel('Target', { exact: true }).fill('15');
  await page.getByLabel('Metric', { exact: true }).selectOption('calls');
  // With history the template offers the suggested target (24), not its own 10.
  await page.getByRole('button', { name: 'Book 24 meetings this week' }).click();
  await expect(page.getByTestId('plan-total')).toHaveText('5 working days · 24 meetings in all');
  await expect(monday).toBeVisible();

  // Space closes it; editing the title leaves it closed, the line still follows the form.
  await fold.focus();
  await page.keyboard.press('Space');
  await expect(monday).toBeHidden();
  await page.getByLabel('Title').fill('Ten meetings');
  await page.getByLabel('Target', { exact: true }).fill('12');
  await expect(page.getByTestId('fold-detail')).toHaveText(
    'Mon–Fri · by noon, 17:00 · 12 meetings over 5 days',
  );
  await expect(monday).toBeHidden();
});

test('an error inside the closed fold opens it and takes the focus', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openNewMission(page);
  await page.getByLabel('Title').fill('Book 10 meetings');
  // The rep opens the fold, clears every working day, and closes it again.
  await page.locator('summary').click();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
    await page.getByLabel(day).uncheck();
  await page.locator('summary').click();
  await expect(page.getByLabel('Monday')).toBeHidden();
  // Closed, its line says what is wrong.
  await expect(page.locator('summary')).toContainText('Pick at least one working day');

  // Back at the top, as the form opened: the fold's first row opens just under the Create bar.
  await page.evaluate("document.querySelector('main').scrollTo({ top: 0 })");
  await page.getByRole('button', { name: 'Create mission' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was saved');
  const monday = page.getByLabel('Monday');
  await expect(monday).toBeVisible();
  await expect(monday).toBeFocused();
  await expect(monday).toHaveAccessibleDescription('Pick at least one working day');
  // In view and clear of the sticky Create bar (it covered Monday when focus only scrolled to it).
  await expectUncovered(page, monday, 'Monday');
  expect((await app.missionsOnDisk()).missions.map((m) => m.title)).not.toContain(
    'Book 10 meetings',
  );

  // Fixed inside the fold, the mission saves.
  await monday.check();
  await page.getByRole('button', { name: 'Create mission' }).click();
  await expect(page.getByRole('article', { name: 'Book 10 meetings' })).toBeVisible();
});
