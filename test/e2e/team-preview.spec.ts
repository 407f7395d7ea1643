// "See what your team will see" (issue #15) where a rep sees it: the public switch in the form,
// the Team chip on a mission's card, and Preferences before sync is turned on. The preview shows
// the draft's values; for a saved public mission it is the very body a real team server on
// 127.0.0.1 receives (recorded by a proxy in front of it) once sync runs.
import type { Page } from '@playwright/test';
import { API_PREFIX, UpsertMissionBody } from '../../src/shared/team.ts';
import { startFaultProxy } from '../unit/core/sync/fault-proxy.ts';
import { startTeamServer } from '../unit/server/team-server-fixture.ts';
import { checkView } from './check-view.ts';
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'What your team will see' });

/** The value the preview shows beside a label. */
const field = (page: Page, label: string) =>
  dialogOf(page)
    .locator('.team-preview-row')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd');

/** The exact body the dialog shows, parsed with the protocol's schema. */
async function shownBody(page: Page) {
  await dialogOf(page).getByText('The exact data sent').click();
  const text = await dialogOf(page).getByTestId('team-preview-body').textContent();
  return UpsertMissionBody.extend({ revision: UpsertMissionBody.shape.revision.nullable() }).parse(
    JSON.parse(text ?? ''),
  );
}

test("the form's public switch shows what the team will receive of the draft", async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.keyboard.press('n');
  await page.getByLabel('Title').fill('Book 12 demos');
  await page.getByLabel('Metric', { exact: true }).selectOption('demos');
  await page.getByLabel('Target', { exact: true }).fill('12');
  // Private: nothing to preview, nothing offered.
  await expect(page.getByRole('button', { name: 'See what your team will see' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: /Public/ }).check();
  const open = page.getByRole('button', { name: 'See what your team will see' });
  // Reached by keyboard it scrolls into view clear of the form's sticky buttons.
  await open.focus();
  await checkView(page, 'team-preview-form', 'light');
  await open.click();

  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What your team will see' })).toBeFocused();
  await expect(dialog).toContainText(
    'Once you save, this is what your team endpoint receives once you set up sync in Preferences.',
  );
  await expect(field(page, 'Title')).toHaveText('Book 12 demos');
  await expect(field(page, 'Metric')).toHaveText('Demos');
  await expect(field(page, 'Target')).toHaveText('12 demos');
  await expect(field(page, 'Logged so far')).toHaveText('0 demos');
  await expect(field(page, 'Outcome')).toHaveText('Active');
  await expect(field(page, 'Reflection')).toHaveText('Not included: none written');
  await expect(dialog).toContainText('Never sent: win notes, private missions, time-off reasons.');
  // The words are the payload's values: the body itself is one click further.
  const body = await shownBody(page);
  expect(body.revision).toBeNull();
  expect(body.state).toMatchObject({
    title: 'Book 12 demos',
    metric: { kind: 'demos' },
    target: 12,
    total: 0,
    status: 'active',
    days: [],
    reflection: null,
  });

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await checkView(page, 'team-preview-draft', scheme);
  }
  // Escape closes it and gives focus back to the form, which saves the mission previewed.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  await page.getByRole('button', { name: 'Create mission' }).click();
  await expect(page.getByRole('article', { name: 'Book 12 demos' })).toBeVisible();
  expect((await app.missionsOnDisk()).missions).toMatchObject([
    { title: 'Book 12 demos', target: 12, visibility: 'public' },
  ]);
});

test('a public mission previews exactly what the team server then receives', async ({ app }) => {
  const server = await startTeamServer();
  const proxy = await startFaultProxy(server.url, 0);
  try {
    await server.store.accounts.addTeam('Northwind');
    const me = await server.store.accounts.addRep('Northwind', 'Alex');
    const mine = await createMission(app, { visibility: 'public' });
    const secret = await createMission(app, { title: 'My private pipeline work' });
    await app.core.handlers.wins.log({
      missionId: mine.id,
      amount: 2,
      note: 'Acme CFO said yes',
      source: 'tray',
    });
    await app.core.handlers.wins.log({ missionId: secret.id, amount: 1, source: 'tray' });

    const { page } = app;
    await app.open();
    // Before sync is turned on, Preferences shows what would be sent.
    await page.getByRole('button', { name: 'Preferences' }).click();
    await page.getByRole('button', { name: 'See what your team would receive' }).click();
    await expect(dialogOf(page).getByRole('heading', { level: 3 })).toHaveText([mine.title]);
    await expect(dialogOf(page)).toContainText('1 mission is private or archived: not sent.');
    await expect(dialogOf(page)).not.toContainText('My private pipeline work');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await checkView(page, 'team-preview-preferences', scheme);
    }
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(dialogOf(page)).toHaveCount(0);

    await page.getByLabel('Team endpoint').fill(proxy.url);
    await page.getByLabel('Your token').fill(me.token);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('sync-status')).toContainText('Last synced', { timeout: 15_000 });

    // One click from the mission's card on Today.
    await page.getByRole('button', { name: 'Today' }).click();
    await page
      .getByRole('article', { name: mine.title })
      .getByRole('button', { name: `Team: what your team sees of ${mine.title}` })
      .click();
    await expect(dialogOf(page)).toContainText(`This is what ${proxy.url} receives.`);
    await expect(field(page, 'Logged so far')).toHaveText('2 meetings');
    // Each day's counts: 2 wins on Monday, its noon milestone (2 of 20 over five days) met.
    await expect(dialogOf(page).getByRole('row', { name: 'Mon 23 Nov 2 1 of 1 hit' })).toHaveCount(
      1,
    );
    const shown = await shownBody(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await checkView(page, 'team-preview-card', scheme);
    }

    const sent = proxy.received
      .filter((r) => r.method === 'PUT' && r.path === `${API_PREFIX}/missions/${mine.id}`)
      .map((r) => UpsertMissionBody.parse(r.body));
    expect(sent.at(-1)).toEqual(shown);
    // Neither the private mission nor the win's note went anywhere.
    const everything = JSON.stringify(proxy.received) + JSON.stringify(shown);
    expect(everything).not.toContain(secret.id);
    expect(everything).not.toContain('My private pipeline work');
    expect(everything).not.toContain('Acme CFO');

    // The private mission offers no preview; the public one does, from its row too.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Missions' }).click();
    await expect(page.getByRole('button', { name: /^Team preview/ })).toHaveCount(1);
    await page.getByRole('button', { name: `Team preview of ${mine.title}` }).click();
    await expect(field(page, 'Title')).toHaveText(mine.title);
  } finally {
    await proxy.close();
    await server.close();
  }
});
