// Joining a team with a manager's invite, against a real team server on 127.0.0.1 (through a
// recording proxy, so the test sees every request the app sent): a missiontray://join link opens
// the confirm screen — the team, the server, what is shared — and only Join joins; Cancel and
// every bad invite change nothing; a manager's revoke stops sync with a banner, once, and keeps
// every local win.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INVITE_ERRORS, inviteCode, inviteLink } from '../../src/shared/invite.ts';
import { Settings } from '../../src/shared/settings.ts';
import { startFaultProxy } from '../unit/core/sync/fault-proxy.ts';
import { startTeamServer, type TeamServerFixture } from '../unit/server/team-server-fixture.ts';
import { checkView } from './check-view.ts';
import { createMission, logWin } from './drafts.ts';
import { expect, expectNothingStored, test, type MissionTrayHarness } from './harness.ts';

/** A team server with team North, its manager, and a fresh invite for Ann Lee. */
async function northWithInvite() {
  const server = await startTeamServer();
  const proxy = await startFaultProxy(server.url, 0);
  const teamId = await server.store.accounts.addTeam('North');
  const managerId = await server.store.accounts.addManager(
    'North',
    'mia@example.com',
    'a long password',
  );
  const invite = async (repName = 'Ann Lee') => {
    const created = await server.store.invites.create(teamId, { repName }, managerId);
    // A repeated form would answer 'repeat': each call here is a new one.
    if (typeof created !== 'object' || !created) throw new Error('no invite');
    return created.secret;
  };
  return {
    server,
    proxy,
    teamId,
    invite,
    async close() {
      await proxy.close();
      await server.close();
    },
  };
}

const settingsOnDisk = async (app: MissionTrayHarness) =>
  Settings.parse(JSON.parse(await readFile(join(app.dataDir, 'preferences.json'), 'utf8')));

const repMissions = async (server: TeamServerFixture) =>
  (await server.rows('missions')).map((r) => String(r['title'])).sort();

test('a join link shows the team, the server and what is shared; Join syncs the public mission', async ({
  app,
}) => {
  const north = await northWithInvite();
  try {
    const pub = await createMission(app, { visibility: 'public' });
    await createMission(app, { title: 'My private pipeline work', visibility: 'private' });
    const secret = await north.invite();
    const { page } = app;
    await app.open();

    await app.openLink(inviteLink(north.proxy.url, secret));

    const dialog = page.getByRole('dialog', { name: 'Join North?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(
      `Mission Tray is about to join North on ${north.proxy.url} as Ann Lee.`,
    );
    await expect(dialog.getByTestId('join-shares')).toHaveText(pub.title);
    await expect(dialog).not.toContainText('My private pipeline work');
    await expect(dialog).toContainText('Never sent: win notes, private missions');
    // Nothing was asked of the server but the preview, and nothing is stored yet.
    expect(north.proxy.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/v2/invites/${secret}`,
    ]);
    expectNothingStored(app);
    expect(app.notifications).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await checkView(page, 'join-confirm', scheme);
    }

    await dialog.getByRole('button', { name: 'Join' }).click();
    const done = page.getByRole('dialog', { name: 'You joined North' });
    await expect(done).toContainText(
      `Your public missions now sync to North at ${north.proxy.url}.`,
    );
    await done.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // On the server: the public mission, as the rep the invite named, never the private one.
    await expect.poll(() => repMissions(north.server), { timeout: 15_000 }).toEqual([pub.title]);
    const reps = await north.server.rows('reps');
    expect(reps.map((r) => r['name'])).toEqual(['Ann Lee']);
    expect((await north.server.rows('missions'))[0]?.['rep_id']).toBe(reps[0]?.['id']);
    // Kept: the server and the team, sync on; the token only encrypted, never in the window.
    expect((await settingsOnDisk(app)).sync).toEqual({
      enabled: true,
      endpoint: north.proxy.url,
      team: 'North',
      revoked: false,
    });
    const joinAnswer = north.proxy.answers.find((a) => a.path === '/api/v2/join');
    const token = String((joinAnswer?.body as { token?: unknown } | undefined)?.token);
    expect(token.length).toBeGreaterThan(16);
    expect(await readFile(join(app.dataDir, 'preferences.json'), 'utf8')).not.toContain(token);
    expect(await readFile(join(app.dataDir, 'secrets.json'), 'utf8')).not.toContain(token);
    expect(await page.content()).not.toContain(token);
  } finally {
    await north.close();
  }
});

test('Cancel stores nothing and leaves the invite unused', async ({ app }) => {
  const north = await northWithInvite();
  try {
    const secret = await north.invite();
    const { page } = app;
    await app.open();
    await app.openLink(inviteLink(north.server.url, secret));
    const dialog = page.getByRole('dialog', { name: 'Join North?' });
    await expect(dialog).toContainText(
      'None of your missions is public yet, so nothing is sent until you make one public.',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expectNothingStored(app);
    // Still usable: the preview answers as before, and a reload shows no confirm screen.
    const again = await fetch(`${north.server.url}/api/v2/invites/${secret}`);
    expect(again.status).toBe(200);
    await app.reload();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  } finally {
    await north.close();
  }
});

test('bad invites get one sentence each and change nothing', async ({ app }) => {
  const north = await northWithInvite();
  try {
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: 'Preferences' }).click();
    const field = page.getByLabel('Join a team');
    const paste = async (text: string) => {
      await field.fill(text);
      await page.getByRole('button', { name: 'Continue' }).click();
    };

    await paste('hello');
    await expect(field).toHaveAccessibleDescription(
      'That is not a Mission Tray invite. Paste the whole link or code (it starts with MT1-) your manager gave you.',
    );
    await paste('MT1-tooshort@team.example.com');
    await expect(field).toHaveAccessibleDescription(
      'That invite is incomplete or mistyped. Copy it again from your manager, all of it.',
    );
    await paste(`MT1-${'a'.repeat(32)}@http://team.example.com`);
    await expect(field).toHaveAccessibleDescription(
      'That invite names a team server Mission Tray will not join: it must use https:// (plain http only on this computer).',
    );
    // The server's own sentences: unknown, used, withdrawn.
    await paste(inviteCode(north.server.url, 'b'.repeat(32)));
    await expect(field).toHaveAccessibleDescription(INVITE_ERRORS.unknown);
    const used = await north.invite('Bo');
    const exchanged = await fetch(`${north.server.url}/api/v2/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: used }),
    });
    expect(exchanged.status).toBe(201);
    await paste(inviteCode(north.server.url, used));
    await expect(field).toHaveAccessibleDescription(INVITE_ERRORS.used);
    const withdrawn = await north.invite('Cy');
    const [pending] = (await north.server.rows('invites')).filter((r) => r['rep_name'] === 'Cy');
    await north.server.store.invites.revoke(north.teamId, String(pending?.['id']));
    await paste(inviteCode(north.server.url, withdrawn));
    await expect(field).toHaveAccessibleDescription(INVITE_ERRORS.revoked);
    // A server that does not answer.
    const closed = await startTeamServer();
    const gone = closed.url;
    await closed.close();
    await paste(inviteCode(gone, 'c'.repeat(32)));
    await expect(field).toHaveAccessibleDescription(
      `The team server ${gone} could not be reached. Check your connection and try again.`,
    );
    await expect(page.getByRole('dialog')).toHaveCount(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await checkView(page, 'join-refused', scheme);
    }

    // A link to a used invite opens the screen with the server's sentence, and Close.
    await app.openLink(inviteLink(north.server.url, used));
    const dialog = page.getByRole('dialog', { name: 'Join a team' });
    await expect(dialog.getByRole('alert')).toHaveText(INVITE_ERRORS.used);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expectNothingStored(app);
    expect(app.notifications).toEqual([]);
  } finally {
    await north.close();
  }
});

test('revoked: the banner and one notification, sync stops, every local win stays', async ({
  app,
}) => {
  const north = await northWithInvite();
  try {
    const pub = await createMission(app, { visibility: 'public' });
    await logWin(app, pub.id);
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: 'Preferences' }).click();
    await page.getByLabel('Join a team').fill(inviteCode(north.proxy.url, await north.invite()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByRole('dialog', { name: 'Join North?' })
      .getByRole('button', { name: 'Join' })
      .click();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => repMissions(north.server), { timeout: 15_000 }).toEqual([pub.title]);
    const [rep] = await north.server.rows('reps');

    await north.server.store.accounts.revokeRep(String(rep?.['id']));
    await logWin(app, pub.id);

    const banner = page.getByRole('alert').filter({ hasText: 'Your access to North' });
    await expect(banner).toContainText(
      'Your access to North was removed by its manager.Mission Tray stopped syncing. Your missions and wins stay on this computer.',
      { timeout: 15_000 },
    );
    const aboutAccess = () =>
      app.notifications.map((n) => n.body).filter((body) => body.includes('access'));
    await expect
      .poll(aboutAccess)
      .toEqual([
        'Your access to North was removed by its manager. Mission Tray stopped syncing. Your missions and wins stay on this computer.',
      ]);
    expect((await settingsOnDisk(app)).sync).toMatchObject({ revoked: true, team: 'North' });
    // No retry: more wins, a restart, and the app sends nothing more, says it no more.
    const sent = north.proxy.requests();
    await logWin(app, pub.id);
    await app.restart();
    await logWin(app, pub.id);
    await page.waitForTimeout(3000);
    expect(north.proxy.requests()).toBe(sent);
    expect(aboutAccess()).toHaveLength(1);
    await expect(banner).toBeVisible();
    // Every local win is intact.
    expect((await app.winsOnDisk('2026-11-23')).wins).toHaveLength(4);
    expect((await app.missionsOnDisk()).missions.map((m) => m.title)).toEqual([pub.title]);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await checkView(page, 'join-revoked', scheme);
    }

    await banner.getByRole('button', { name: 'Join again' }).click();
    await expect(page.getByLabel('Join a team')).toBeFocused();
  } finally {
    await north.close();
  }
});
