// One view, checked: axe finds no serious or critical violation, and a screenshot is saved under
// test-results/screenshots/ (the README shows today-light.png).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function checkView(page: Page, name: string, scheme: string): Promise<void> {
  // Let entrance animations settle so contrast is measured on final colours.
  await page.waitForTimeout(400);
  await expectNoSeriousAxe(page, `${name} (${scheme})`);
  await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}.png` });
}

/** axe (WCAG 2.1 A and AA) finds no serious or critical violation on the page as it is. */
export async function expectNoSeriousAxe(page: Page, what = page.url()): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, what).toEqual([]);
}
