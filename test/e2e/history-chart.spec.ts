// The History chart's axes (issue #12, item 13): counts up the side, dates along the bottom, where
// the bars and the planned marks meet them, readable in light and dark, and the same numbers as a
// table; over seeded history whose every day is known (seed-history.ts, FOUR_WEEKS_WINS).
import type { Page } from '@playwright/test';
import { checkView } from './check-view.ts';
import { expect, test } from './harness.ts';
import { fourWeeksOfHistory } from './seed-history.ts';

test.use({ appOptions: fourWeeksOfHistory() });

// The chart's 28 days end today, Monday 23 November: Tue 27 Oct – Fri 20 Nov seeded (4 planned
// on each working day), today planned 4 with no win yet. The tallest day has 6 wins.
const chart = (page: Page) => page.getByRole('figure');

/** Where a bar's top, a planned mark or a gridline sits on screen. */
const topOf = async (page: Page, selector: string): Promise<number> => {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box.y;
};

/** WCAG's contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r = 0, g = 0, bl = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme}: the chart's counts and dates are there, where the bars meet them, and readable`, async ({
    app,
  }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await app.open();
    await page.getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('heading', { name: 'Last 4 weeks' })).toBeVisible();

    // Counts 0 to 6 in steps of 2; the weeks' Mondays by date.
    await expect(chart(page).locator('.y-label')).toHaveText(['0', '2', '4', '6']);
    await expect(chart(page).locator('.x-label')).toHaveText([
      '2 Nov',
      '9 Nov',
      '16 Nov',
      '23 Nov',
    ]);

    // A bar reaches the gridline of its count: Tue 17 Nov's 6 wins the top one, Mon 2 Nov's 4 the
    // 4, and each day's planned 4 sits on that line too.
    const gridline = (n: number) => topOf(page, `.y-tick[data-value="${n}"] line`);
    const barTop = (date: string) => topOf(page, `[data-date="${date}"] .bar`);
    expect(Math.abs((await barTop('2026-11-17')) - (await gridline(6)))).toBeLessThan(1);
    expect(Math.abs((await barTop('2026-11-02')) - (await gridline(4)))).toBeLessThan(1);
    expect(
      Math.abs((await topOf(page, '[data-date="2026-11-05"] .planned')) - (await gridline(4))),
    ).toBeLessThan(1.5);
    // Thu 5 Nov's single win stands half as high as a 2 (within a pixel).
    const zero = await gridline(0);
    expect(
      Math.abs(zero - (await barTop('2026-11-05')) - (zero - (await gridline(2))) / 2),
    ).toBeLessThan(1);
    // A date stands under its own day.
    const label = await chart(page).locator('.x-label', { hasText: '16 Nov' }).boundingBox();
    const monday = await page.locator('[data-date="2026-11-16"] .bar').boundingBox();
    expect(label && monday).toBeTruthy();
    if (label && monday) {
      const centre = label.x + label.width / 2;
      expect(Math.abs(centre - (monday.x + monday.width / 2))).toBeLessThan(monday.width);
    }

    // Readable: at least 11 px on screen, and 4.5:1 against the card in this scheme.
    const looks = await page.evaluate(`(() => {
      const svg = document.querySelector('.chart svg');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const card = getComputedStyle(svg.closest('.card')).backgroundColor;
      return [...svg.querySelectorAll('.axis-label')].map((t) => ({
        text: t.textContent,
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
        fill: getComputedStyle(t).fill,
        card,
      }));
    })()`);
    expect(Array.isArray(looks)).toBe(true);
    for (const l of looks as { text: string; px: number; fill: string; card: string }[]) {
      expect(l.px, `"${l.text}" on screen`).toBeGreaterThanOrEqual(11);
      expect(contrast(l.fill, l.card), `"${l.text}": ${l.fill} on ${l.card}`).toBeGreaterThan(4.5);
    }
    await checkView(page, 'history', scheme);
  });
}

test('the chart says its numbers in words and day by day in a table', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'History' }).click();
  // 76 wins on the 19 seeded days in view, 4 planned on each of 20 working days; 4 or more on 13.
  await expect(chart(page).getByRole('img')).toHaveAccessibleName(
    "Daily wins, last 4 weeks: 76 wins against 80 planned; the daily milestone was met on 13 of 20 planned days. Each day's numbers are in the table below.",
  );
  await page.getByText('Day by day').click();
  const rows = chart(page).getByRole('table').getByRole('row');
  // A header row, then every day with a win or a plan: the working days, weekends left out.
  await expect(rows).toHaveCount(21);
  await expect(rows.nth(0)).toHaveText('DayWinsPlanned');
  await expect(rows.nth(1)).toHaveText('Tue 27 Oct54');
  await expect(rows.filter({ hasText: 'Thu 5 Nov' })).toHaveText('Thu 5 Nov14');
  await expect(rows.filter({ hasText: 'Tue 17 Nov' })).toHaveText('Tue 17 Nov64');
  await expect(rows.last()).toHaveText('Mon 23 Nov04');
  await expect(rows.filter({ hasText: /Sat|Sun/ })).toHaveCount(0);

  // A win logged now shows in today's row and bar.
  await app.core.handlers.wins.log({ missionId: 'this-week', amount: 2, source: 'tray' });
  await expect(rows.last()).toHaveText('Mon 23 Nov24');
  await expect(page.locator('[data-date="2026-11-23"] .bar')).toBeVisible();
});
