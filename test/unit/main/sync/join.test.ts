// Joining a team with an invite, and the manager taking the access away, as the app assembles
// them (createTeamSync over the real core, store and preferences file; safeStorage a fake), against
// real team servers on 127.0.0.1 behind a recording proxy that counts what the app sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MissionTrayCore } from '../../../../src/core/mission-tray.ts';
import type { TeamSync } from '../../../../src/main/sync/team-sync.ts';
import { INVITE_ERRORS, inviteCode, inviteLink } from '../../../../src/shared/invite.ts';
import { MissionDraft } from '../../../../src/shared/mission.ts';
import type { SettingsPort } from '../../../../src/shared/settings.ts';
import { FakeSafeStorage } from '../../../fakes/safe-storage.ts';
import { startFaultProxy } from '../../core/sync/fault-proxy.ts';
import { startTeamServer, type TeamServerFixture } from '../../server/team-server-fixture.ts';
import { weekDraft } from '../../week-draft.ts';
import { openSyncedApp, type SyncedApp } from './synced-app.ts';

const draft = (extra: Partial<MissionDraft> = {}) => MissionDraft.parse(weekDraft(extra));

let north: TeamServerFixture;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let northId: string;
let managerId: string;
let app: SyncedApp;
let settings: SettingsPort;
let core: MissionTrayCore;
let sync: TeamSync;
let keyring: FakeSafeStorage;
let revokedNews: string[];

beforeEach(async () => {
  north = await startTeamServer();
  proxy = await startFaultProxy(north.url, 0);
  northId = await north.store.accounts.addTeam('North');
  managerId = await north.store.accounts.addManager('North', 'mia@example.com', 'long password');
  keyring = new FakeSafeStorage();
  app = await openSyncedApp({ safeStorage: keyring });
  ({ settings, core, teamSync: sync } = app);
  revokedNews = [];
  sync.join.onRevoked((message) => revokedNews.push(message));
  await sync.start();
});
afterEach(async () => {
  await app.close();
  await proxy.close();
  await north.close();
});

async function invite(repName = 'Ann Lee'): Promise<string> {
  const created = await north.store.invites.create(northId, { repName }, managerId);
  // A repeated form would answer 'repeat': each call here is a new one.
  if (typeof created !== 'object' || !created) throw new Error('no invite');
  return created.secret;
}

const push = () => app.push();

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'joined',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );

const titlesOn = async (server: TeamServerFixture) =>
  (await server.rows('missions')).map((r) => String(r['title'])).sort();

describe('joining with an invite', () => {
  it('previews who and what, then joins: the token kept by safeStorage, the public mission sent', async () => {
    await core.handlers.missions.create(draft({ title: 'Public calls', visibility: 'public' }));
    await core.handlers.missions.create(draft({ title: 'PRIVATE goal', visibility: 'private' }));
    const secret = await invite();

    const preview = await sync.areas.join.preview({ invite: inviteLink(proxy.url, secret) });
    expect(preview).toMatchObject({
      server: proxy.url,
      team: 'North',
      rep: 'Ann Lee',
      shares: ['Public calls'],
      current: null,
    });
    // The preview used nothing up and stored nothing.
    expect(settings.get().sync).toMatchObject({ enabled: false, endpoint: null });

    const status = await sync.areas.join.accept({ invite: inviteCode(proxy.url, secret) });
    expect(status).toMatchObject({ enabled: true, endpoint: proxy.url, team: 'North' });
    await push();
    expect(await titlesOn(north)).toEqual(['Public calls']);
    // The requests: the preview and the exchange carry no token; the push carries the new one.
    const sent = proxy.received.map((r) => `${r.method} ${r.path}`);
    expect(sent.slice(0, 2)).toEqual([`GET /api/v2/invites/${secret}`, 'POST /api/v2/join']);
    // The same invite a second time: the server's sentence, and nothing changes.
    expect(await refusal(sync.areas.join.accept({ invite: inviteCode(proxy.url, secret) }))).toBe(
      INVITE_ERRORS.used,
    );
    expect(settings.get().sync).toMatchObject({ enabled: true, team: 'North' });
  });

  it('a keyring that cannot keep the token refuses before the invite is used up', async () => {
    keyring.available = false;
    const secret = await invite();
    expect(
      await refusal(sync.areas.join.accept({ invite: inviteCode(north.url, secret) })),
    ).toMatch(/^Encryption is not available on this computer/);
    expect(proxy.requests()).toBe(0);
    keyring.available = true;
    const again = await sync.areas.join.preview({ invite: inviteCode(north.url, secret) });
    expect(again.team).toBe('North');
    expect(settings.get().sync).toMatchObject({ enabled: false, endpoint: null, team: null });
  });

  it('on another team already: the preview says which, and joining moves the public missions', async () => {
    const south = await startTeamServer();
    try {
      await south.store.accounts.addTeam('South');
      const old = await south.store.accounts.addRep('South', 'Ann');
      await core.handlers.missions.create(draft({ title: 'Public calls', visibility: 'public' }));
      await sync.areas.sync.configure({ endpoint: south.url, token: old.token });
      await push();
      expect(await titlesOn(south)).toEqual(['Public calls']);

      const secret = await invite();
      const preview = await sync.areas.join.preview({ invite: inviteCode(north.url, secret) });
      expect(preview.current).toEqual({ endpoint: south.url, team: null });
      await sync.areas.join.accept({ invite: inviteCode(north.url, secret) });
      await push();
      expect(await titlesOn(south)).toEqual([]);
      expect(await titlesOn(north)).toEqual(['Public calls']);
    } finally {
      await south.close();
    }
  });
});

describe('when the manager removes the rep', () => {
  it('sync stops for good, says so once, and keeps every local win; a new invite starts again', async () => {
    const mission = await core.handlers.missions.create(
      draft({ title: 'Public calls', visibility: 'public' }),
    );
    await sync.areas.join.accept({ invite: inviteCode(proxy.url, await invite()) });
    await push();
    const [rep] = await north.rows('reps');
    await north.store.accounts.revokeRep(String(rep?.['id']));

    await core.handlers.wins.log({ missionId: mission.id, amount: 2, source: 'window' });
    await push();
    const status = sync.engine.status();
    expect(status).toMatchObject({
      state: 'stopped',
      revoked: true,
      team: 'North',
      lastError: 'Your access to North was removed by its manager.',
      nextAttemptAt: null,
    });
    expect(revokedNews).toEqual(['Your access to North was removed by its manager.']);
    expect(settings.get().sync).toMatchObject({ revoked: true, team: 'North' });

    // Nothing more goes out: more wins, the periodic re-check, the switch off and on again.
    const sent = proxy.requests();
    await core.handlers.wins.log({ missionId: mission.id, amount: 1, source: 'window' });
    await push();
    // The re-check timer renews itself: a few rounds of it (each one a pass that sends nothing).
    for (let round = 0; round < 4 && app.timers.fireNext(); round++) await sync.engine.whenIdle();
    await sync.areas.sync.setEnabled({ enabled: false });
    await sync.areas.sync.setEnabled({ enabled: true });
    await push();
    // The Team view says the same, and still sends nothing.
    expect(await refusal(sync.areas.team.view(undefined))).toBe(
      'Your access to North was removed by its manager.',
    );
    expect(proxy.requests()).toBe(sent);
    expect(revokedNews).toHaveLength(1);
    // Every local win is still there.
    const today = core.today().missions.find((m) => m.mission.id === mission.id);
    expect(today?.todayCount).toBe(3);

    // A new invite: the same app joins again as a new rep and sends again. (The server keeps a
    // removed rep's mission ids as tombstones, so the old mission stays off the board.)
    await sync.areas.join.accept({ invite: inviteCode(proxy.url, await invite('Ann again')) });
    await core.handlers.missions.create(draft({ title: 'Public demos', visibility: 'public' }));
    await push();
    expect(sync.engine.status()).toMatchObject({ revoked: false, state: 'idle' });
    expect(await titlesOn(north)).toEqual(['Public demos']);
  });

  it('the Team view hears it first: the same sentence, and sync stops', async () => {
    await sync.areas.join.accept({ invite: inviteCode(north.url, await invite()) });
    const [rep] = await north.rows('reps');
    await north.store.accounts.revokeRep(String(rep?.['id']));
    expect(await refusal(sync.areas.team.view(undefined))).toBe(
      'Your access to North was removed by its manager.',
    );
    expect(sync.engine.status()).toMatchObject({ revoked: true, state: 'stopped' });
    expect(revokedNews).toHaveLength(1);
  });
});
