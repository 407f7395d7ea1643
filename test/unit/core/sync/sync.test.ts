// Team sync end to end in one process: reps' real data directories, the real sync engine and
// fetch adapter, the real team server on 127.0.0.1 with its SQLite file. Privacy is asserted on
// the server's database, not only on what its API returns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTeamServer, type TeamServerFixture } from '../../server/team-server-fixture.ts';
import { startRep, type RepApp } from './rep-fixture.ts';

let server: TeamServerFixture;
const apps: RepApp[] = [];

beforeEach(async () => {
  server = await startTeamServer({ now: () => new Date('2026-11-23T10:30:00Z') });
  await server.store.accounts.addTeam('North');
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await server.close();
});

async function rep(name: string, endpoint = server.url) {
  const { token } = await server.store.accounts.addRep('North', name);
  const app = await startRep({ endpoint, token });
  apps.push(app);
  return app;
}

/** Everything in the server's database, as one string, to search for private data. */
async function wholeDatabase(): Promise<string> {
  const tables = await server.tables();
  return JSON.stringify(await Promise.all(tables.map((t) => server.rows(t))));
}

describe('team sync', () => {
  it('sends exactly the public missions of two reps and nothing of the private ones', async () => {
    const ann = await rep('Ann');
    const bob = await rep('Bob');
    await ann.data.add({ id: 'ann-pub', title: 'Ann public calls', visibility: 'public' });
    await ann.data.add({ id: 'ann-priv', title: 'PRIVATE-ann job hunt', visibility: 'private' });
    await ann.data.logWin('ann-pub', 2, 'PRIVATE-note about a client');
    await ann.data.logWin('ann-priv', 1);
    await bob.data.add({ id: 'bob-pub', title: 'Bob public demos', visibility: 'public' });
    await bob.data.add({ id: 'bob-priv', title: 'PRIVATE-bob side goal', visibility: 'private' });
    await bob.data.reflect('bob-pub', {
      reason: 'external-blockers',
      note: 'PRIVATE-unshared reflection',
      nextStep: 'PRIVATE-next',
      shareWithTeam: false,
    });

    await ann.engine.flush();
    await bob.engine.flush();

    expect((await server.rows('missions')).map((m) => m.id)).toEqual(
      expect.arrayContaining(['ann-pub', 'bob-pub']),
    );
    expect(await server.rows('missions')).toHaveLength(2);
    expect(await server.rows('mission_heads')).toHaveLength(2);
    expect((await server.rows('missions')).find((m) => m.id === 'ann-pub')).toMatchObject({
      title: 'Ann public calls',
      total: 2,
    });
    expect((await server.rows('missions')).find((m) => m.id === 'bob-pub')).toMatchObject({
      status: 'missed',
      reflection_reason: null,
    });
    expect(await wholeDatabase()).not.toContain('PRIVATE');
    expect(ann.engine.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(ann.engine.status().lastSuccessAt).not.toBeNull();
  });

  it('sends a reflection the rep chose to share, and it reaches the board data', async () => {
    const ann = await rep('Ann');
    await ann.data.add({ id: 'm1', title: 'Calls', visibility: 'public' });
    await ann.data.reflect('m1', {
      reason: 'unrealistic-target',
      note: 'Too many calls for a short week',
      nextStep: 'Aim for 8',
      shareWithTeam: true,
    });
    await ann.engine.flush();
    expect(await server.rows('missions')).toMatchObject([
      {
        reflection_reason: 'unrealistic-target',
        reflection_note: 'Too many calls for a short week',
        reflection_next: 'Aim for 8',
      },
    ]);
  });

  it('withdraws a mission made private, archived or deleted', async () => {
    const ann = await rep('Ann');
    for (const id of ['a', 'b', 'c'])
      await ann.data.add({ id, title: `Mission ${id}`, visibility: 'public' });
    await ann.engine.flush();
    expect(await server.rows('missions')).toHaveLength(3);

    await ann.data.setVisibility('a', 'private');
    await ann.data.archive('b');
    await ann.data.remove('c');
    await ann.engine.changed();
    expect(ann.timers.delays()).toContain(2000); // debounced, not sent at once
    expect(await server.rows('missions')).toHaveLength(3);
    await ann.fire();

    expect(await server.rows('missions')).toEqual([]);
    expect(await wholeDatabase()).not.toContain('Mission ');
    expect(ann.engine.status().pending).toBe(0);
  });

  it('sends nothing more once sync is turned off, and counts what waits', async () => {
    const ann = await rep('Ann');
    await ann.data.add({ id: 'm1', title: 'Calls', visibility: 'public' });
    await ann.engine.flush();
    await ann.engine.setEnabled(false);

    await ann.data.logWin('m1', 3);
    await ann.data.setVisibility('m1', 'private');
    await ann.engine.changed();
    await ann.engine.resume();
    while (await ann.fire());
    await ann.engine.flush();

    expect(await server.rows('missions')).toMatchObject([{ id: 'm1', total: 0 }]);
    expect(ann.engine.status()).toMatchObject({ enabled: false, state: 'off', pending: 1 });
  });

  it('refuses an http endpoint that is not this computer, and stores nothing', async () => {
    const ann = await rep('Ann');
    await ann.engine.setEnabled(false);
    await expect(
      ann.engine.configure({ endpoint: 'http://team.example.com', token: 'x'.repeat(20) }),
    ).rejects.toThrow(/https/);
    expect(ann.settings.read()).toEqual({ enabled: false, endpoint: server.url });
    expect(ann.secrets.values.get('team-sync-token')).not.toBe('x'.repeat(20));
  });

  it('refuses to take a token where secrets cannot be encrypted, and stores nothing', async () => {
    const { token } = await server.store.accounts.addRep('North', 'Cy');
    const { memorySecrets, memorySettings } = await import('./sync-fixture.ts');
    const secrets = memorySecrets('This computer has no keyring to encrypt your team token.');
    const settings = memorySettings();
    const app = await startRep({
      endpoint: server.url,
      token: 'unused',
      engine: { secrets, settings },
    });
    apps.push(app);
    await expect(app.engine.configure({ endpoint: server.url, token })).rejects.toThrow(/keyring/);
    expect(secrets.values.size).toBe(0);
    expect(settings.read()).toEqual({ enabled: false, endpoint: null });
  });

  it('stops when the manager removed the rep (401 and its sentence), says so, and retries no more', async () => {
    const { id, token } = await server.store.accounts.addRep('North', 'Dee');
    const app = await startRep({ endpoint: server.url, token });
    apps.push(app);
    await server.store.accounts.revokeRep(id);
    await app.data.add({ id: 'm1', title: 'Calls', visibility: 'public' });
    await app.engine.flush();
    expect(app.engine.status()).toMatchObject({
      state: 'stopped',
      pending: 1,
      lastError: expect.stringMatching(
        /^Your access to the team at .* was removed by its manager\.$/,
      ),
    });
    expect(app.timers.delays().filter((d) => d < 60_000)).toEqual([]);
    await app.engine.changed();
    await app.engine.resume();
    expect(app.timers.delays().filter((d) => d < 60_000)).toEqual([]);
    expect(await server.rows('missions')).toEqual([]);
  });

  it('shows teammates’ public missions and cheers in the Team view data', async () => {
    const ann = await rep('Ann');
    const bob = await rep('Bob');
    await ann.data.add({ id: 'ann-1', title: 'Ann meetings', visibility: 'public' });
    await ann.data.logWin('ann-1', 4);
    await bob.data.add({ id: 'bob-1', title: 'Bob meetings', visibility: 'public' });
    await ann.engine.flush();
    await bob.engine.flush();

    expect(await bob.engine.cheer('ann-1')).toBe(1);
    const view = await ann.engine.team();
    expect(view.reps.find((r) => r.name === 'Ann')?.missions).toMatchObject([
      { missionId: 'ann-1', total: 4, cheers: 1 },
    ]);
    expect(view.cheersReceived).toMatchObject([{ missionTitle: 'Ann meetings', from: 'Bob' }]);
    await expect(ann.engine.cheer('ann-1')).rejects.toThrow(/teammate/);
  });
});
