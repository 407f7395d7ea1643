// Time off planned ahead, as a rep sees it: a holiday marked from the window, no reminder on those
// days, the streak kept and pace leaving them out; the past refused; "today" from the tray; a
// range taken back with its plan spread again.
import { checkView } from './check-view.ts';
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

// Monday 23 November 2026, 09:00 in Berlin.
test.use({ appOptions: { now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin' } });

test('a holiday marked ahead: no reminder, streak kept, pace right', async ({ app }) => {
  const mission = await createMission(app, { endDate: '2026-11-27' });
  const { page } = app;
  await app.open();
  const card = page.getByRole('article', { name: mission.title });
  const plusOne = card.getByRole('button', { name: `+1 meeting for ${mission.title}` });
  const streak = page.getByTestId('streak');

  // Monday: the rep marks Wednesday and Thursday as a holiday, keeping the plan.
  await page.getByRole('button', { name: 'Missions' }).click();
  const form = page.getByRole('form', { name: 'Mark time off' });
  await form.getByLabel('First day').fill('2026-11-25');
  await form.getByLabel('Last day').fill('2026-11-26');
  await form.getByLabel('Kind (stays on this computer)').selectOption({ label: 'Holiday' });
  await form.getByLabel('Keep the plans: expect less of these missions').check();
  await form.getByRole('button', { name: 'Mark time off' }).click();
  const planned = page.getByRole('list', { name: 'Planned time off' });
  await expect(planned.getByRole('listitem')).toHaveText([/Holiday · Wed,? 25 Nov – Thu,? 26 Nov/]);
  expect((await app.missionsOnDisk()).timeOff).toEqual([
    { date: '2026-11-25', kind: 'holiday' },
    { date: '2026-11-26', kind: 'holiday' },
  ]);

  // Monday and Tuesday: every milestone hit. Tuesday's noon reminder comes at 11:00 (proof that
  // reminders are on), and the rep catches up after it.
  await page.getByRole('button', { name: 'Today' }).click();
  for (let i = 0; i < 4; i++) await plusOne.click();
  await app.setNow('2026-11-24T10:05:00Z'); // Tuesday 11:05
  expect(app.notifications.at(-1)?.title).toBe(mission.title);
  for (let i = 0; i < 4; i++) await plusOne.click();
  await expect(card.getByTestId('today-count')).toHaveText('4');

  // Wednesday and Thursday: time off. Nothing logged, no reminder, the tray idle, pace on pace.
  const shownBefore = app.notifications.length;
  for (const date of ['2026-11-25', '2026-11-26']) {
    for (const time of ['08:00', '10:05', '11:30', '15:05', '16:30', '18:00']) {
      await app.setNow(`${date}T${time}:00Z`);
    }
    await expect(
      page.getByRole('status').filter({ hasText: 'Today is time off (Holiday)' }),
    ).toBeVisible();
    await expect(streak).toContainText('2-day streak');
    await expect(card.getByTestId('pace')).toHaveText('on pace');
    expect(app.tray.labels()[0]).toBe('Mission Tray — Today is paused');
  }
  expect(app.notifications.slice(shownBefore)).toEqual([]);

  // Friday: back. The streak went on through the holiday, and pace counts Monday, Tuesday and
  // Friday morning only: 8 logged of 8 expected at 09:00, not "behind by 8".
  await app.setNow('2026-11-27T08:00:00Z');
  await expect(streak).toContainText('2-day streak');
  await expect(card.getByTestId('pace')).toHaveText('on pace');
  await expect(page.getByRole('status').filter({ hasText: 'Today is' })).toHaveCount(0);
  for (let i = 0; i < 4; i++) await plusOne.click();
  await expect(streak).toContainText('3-day streak');
  expect(app.problems).toEqual([]);
});

test('the past is refused with a sentence, today comes from the tray, a range is taken back', async ({
  app,
}) => {
  const mission = await createMission(app, { endDate: '2026-11-27' });
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Missions' }).click();
  const form = page.getByRole('form', { name: 'Mark time off' });
  const onDisk = async () => (await app.missionsOnDisk()).timeOff;

  // Last Friday is the past: refused, in words, and nothing written.
  await form.getByLabel('First day').fill('2026-11-20');
  await form.getByRole('button', { name: 'Mark time off' }).click();
  await expect(form.getByText(/the past stays as it was/)).toBeVisible();
  await expect(form.getByLabel('First day')).toHaveAttribute('aria-invalid', 'true');
  expect(await onDisk()).toEqual([]);
  // A last day before the first, typed by hand: the same.
  await form.getByLabel('First day').fill('2026-11-26');
  await form.getByLabel('Last day').fill('2026-11-24');
  await form.getByRole('button', { name: 'Mark time off' }).click();
  await expect(form.getByText('The last day is before the first', { exact: false })).toBeVisible();
  expect(await onDisk()).toEqual([]);

  // Thursday and Friday are training, spread over the days left: Tuesday and Wednesday now ask 8.
  await form.getByLabel('Last day').fill('2026-11-27');
  await form.getByLabel('Kind (stays on this computer)').selectOption({ label: 'Training' });
  await form.getByRole('button', { name: 'Mark time off' }).click();
  const planned = page.getByRole('list', { name: 'Planned time off' });
  await expect(planned.getByRole('listitem')).toHaveText([
    /Training · Thu,? 26 Nov – Fri,? 27 Nov/,
  ]);
  const plan = async () =>
    (await app.missionsOnDisk()).missions
      .find((m) => m.id === mission.id)
      ?.plan.map((d) => d.checkpoints.at(-1)?.count);
  expect(await plan()).toEqual([4, 8, 8, 0, 0]);

  // The training is called off: removed, and the plan spread once more.
  await planned.getByRole('button', { name: /Remove/ }).click();
  await expect(planned).toHaveCount(0);
  expect(await onDisk()).toEqual([]);
  expect(await plan()).toEqual([4, 4, 4, 4, 4]);

  // "Today" from the tray: Monday becomes a day away, listed as such, and taken back from Today.
  app.tray.click('Pause today (keeps your streak)');
  await expect(
    page.getByRole('list', { name: 'Planned time off' }).getByRole('listitem'),
  ).toHaveText([/Away · Mon,? 23 Nov/]);
  await page.getByRole('button', { name: 'Today' }).click();
  const pausedLine = page.getByRole('status').filter({ hasText: 'Today is paused' });
  await pausedLine.getByRole('button', { name: 'Unpause' }).click();
  await expect(pausedLine).toHaveCount(0);
  expect(await onDisk()).toEqual([]);
  expect(app.problems).toEqual([]);
});

// The Time off section and Today on a day off, light and dark, in the 560 px window: axe finds
// no serious violation, and the screenshots are saved (test-results/screenshots/time-off-*.png).
for (const scheme of ['light', 'dark'] as const) {
  test(`time off, ${scheme}: the planned ranges, the form, and Today on a day off`, async ({
    app,
  }) => {
    await createMission(app, { endDate: '2026-12-04', visibility: 'public' });
    const { missions } = app.core.handlers;
    await missions.markTimeOff({
      from: '2026-11-23',
      to: '2026-11-23',
      kind: 'holiday',
      spread: false,
    });
    await missions.markTimeOff({
      from: '2026-11-26',
      to: '2026-11-27',
      kind: 'training',
      spread: true,
    });
    await missions.markTimeOff({
      from: '2026-12-02',
      to: '2026-12-02',
      kind: 'field',
      spread: true,
    });
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await app.open();
    await expect(
      page.getByRole('status').filter({ hasText: 'Today is time off (Holiday)' }),
    ).toBeVisible();
    await checkView(page, 'today-time-off', scheme);

    await page.getByRole('button', { name: 'Missions' }).click();
    const section = page.getByRole('region', { name: 'Time off' });
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByRole('listitem')).toHaveCount(3);
    await checkView(page, 'time-off', scheme);
    // A refusal, as the rep would see it under the field.
    await section.getByLabel('First day').fill('2026-11-20');
    await section.getByRole('button', { name: 'Mark time off' }).click();
    await expect(section.getByText(/the past stays as it was/)).toBeVisible();
    await section.getByRole('button', { name: 'Mark time off' }).scrollIntoViewIfNeeded();
    await checkView(page, 'time-off-refused', scheme);
  });
}
