// Team sync from the window, against a real team server on 127.0.0.1 with its database file: the
// rep connects in Preferences, their public mission reaches the server, the Team view ranks
// teammates' public missions, and a cheer lands in the database. The token never lands in the
// preferences file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_PREFIX } from '../../src/shared/team.ts';
import { call, sampleState, startTeamServer } from '../unit/server/team-server-fixture.ts';
import { checkView } from './check-view.ts';
import { createMission } from './drafts.ts';
import { expect, test } from './harness.ts';

test('a rep connects to the team, sees a teammate ranked and cheers them', async ({ app }) => {
  const server = await startTeamServer();
  try {
    await server.store.accounts.addTeam('Northwind');
    const me = await server.store.accounts.addRep('Northwind', 'Alex');
    const sam = await server.store.accounts.addRep('Northwind', 'Sam');
    const pushed = await call(server.url, 'PUT', `${API_PREFIX}/missions/sam-calls`, sam.token, {
      revision: 1,
      state: sampleState({
        title: 'Make 60 calls',
        metric: { kind: 'calls' },
        target: 60,
        total: 42,
      }),
    });
    expect(pushed.status).toBe(200);
    const mine = await createMission(app, { visibility: 'public' });
    await createMission(app, { title: 'My private pipeline work', visibility: 'private' });

    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: 'Team', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Team sync is off' })).toBeVisible();
    await page.getByRole('button', { name: 'Set up team sync' }).click();

    // A short token is refused with the schema's sentence, and nothing is stored.
    await page.getByLabel('Team endpoint').fill(server.url);
    await page.getByLabel('Your token').fill('too-short');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByLabel('Your token')).toHaveAccessibleDescription(
      'Paste the whole token your manager gave you',
    );
    await page.getByLabel('Your token').fill(me.token);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('sync-status')).toContainText('Last synced', { timeout: 15_000 });
    await expect(
      page.getByRole('checkbox', { name: 'Sync public missions with my team' }),
    ).toBeChecked();

    // On the server: the public mission, never the private one.
    await expect
      .poll(async () => (await server.rows('missions')).map((r) => String(r['rep_id'])).sort())
      .toEqual([sam.id, me.id].sort());
    const onServer = JSON.stringify(await server.rows('missions'));
    expect(onServer).toContain(mine.title);
    expect(onServer).not.toContain('My private pipeline work');
    // The token is kept encrypted apart from the preferences.
    expect(await readFile(join(app.dataDir, 'preferences.json'), 'utf8')).not.toContain(me.token);

    await page.getByRole('button', { name: 'Team', exact: true }).click();
    const rows = page.locator('.team-row');
    // Sam is 42 of 60 along, ahead of the rep's fresh mission.
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('Sam');
    await expect(rows.first()).toContainText('42 of 60 calls');
    await expect(rows.nth(1)).toContainText(`You${mine.title}`);

    await rows.first().getByRole('button', { name: /Cheer/ }).click();
    await expect(rows.first().getByRole('button', { name: /Cheered/ })).toBeDisabled();
    expect((await server.rows('cheers')).map((r) => [r['mission_id'], r['from_rep_id']])).toEqual([
      ['sam-calls', me.id],
    ]);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await checkView(page, 'team', scheme);
    }
    await page.getByRole('button', { name: 'Preferences' }).click();
    await page.getByRole('heading', { name: 'Team sync' }).scrollIntoViewIfNeeded();
    await checkView(page, 'preferences-sync', 'dark');
  } finally {
    await server.close();
  }
});
