// One scrolling area serves every view: a view change starts at the top (issue #12, item 12).
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test('Today opens at its top after a second mission is created from a scrolled form', async ({
  app,
}) => {
  const first = await createMission(app, { title: 'Make 60 calls this week', target: 60 });
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: 'New mission' }).click();
  await page.getByLabel('Title').fill('Book 10 meetings this week');
  // The rep scrolls down the form to its end before creating.
  // The test's own code has no DOM types: the page runs these as written.
  const scrollTop = () => page.evaluate("document.querySelector('main').scrollTop");
  const scrollToEnd = () =>
    page.evaluate("(m => m.scrollTo({ top: m.scrollHeight }))(document.querySelector('main'))");
  await scrollToEnd();
  expect(await scrollTop()).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'Create mission' }).click();

  const card = page.getByRole('article', { name: first.title });
  await expect(page.getByRole('article')).toHaveCount(2);
  expect(await scrollTop()).toBe(0);
  await expect(card.getByRole('heading', { name: first.title })).toBeInViewport();
  await expect(card.getByRole('button', { name: /^\+1 / })).toBeInViewport();

  // Any tab likewise: History opened from a scrolled Today starts at its top.
  await scrollToEnd();
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'Last 4 weeks' })).toBeVisible();
  expect(await scrollTop()).toBe(0);
});

test('the confirm button keeps its danger colours under the pointer', async ({ app }) => {
  const mission = await createMission(app);
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open();
  await page.getByRole('button', { name: 'Missions' }).click();
  await page.getByRole('button', { name: `Abandon ${mission.title}` }).click();
  const confirm = page.getByRole('button', { name: 'Yes, abandon' });
  const colours = () =>
    page.evaluate(
      "(s => ({ background: s.backgroundColor, text: s.color }))(getComputedStyle(document.querySelector('.button-danger')))",
    );
  const resting = await colours();
  await confirm.hover();
  await page.waitForTimeout(200);
  const hovered = await colours();
  // Still the danger red behind white text, not .button:hover's pale grey.
  expect(hovered).toEqual(resting);
  expect(resting).toMatchObject({ background: 'rgb(180, 35, 24)', text: 'rgb(255, 255, 255)' });
  await page.screenshot({ path: 'test-results/screenshots/abandon-hover-light.png' });
});
