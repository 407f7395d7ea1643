// A rep moves sync to another team server: the real sync engine and fetch adapter, two real team
// servers on 127.0.0.1 with their SQLite files. What each server holds is read from its database:
// the old one keeps nothing of the rep's missions, the new one holds exactly the public ones.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_SECRET } from '../../../../src/core/sync/account.ts';
import { startTeamServer, type TeamServerFixture } from '../../server/team-server-fixture.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { startRep, type RepApp } from './rep-fixture.ts';

let oldServer: TeamServerFixture;
let newServer: TeamServerFixture;
let oldToken: string;
let newToken: string;
const closing: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  oldServer = await startTeamServer();
  newServer = await startTeamServer();
  await oldServer.store.accounts.addTeam('North');
  await newServer.store.accounts.addTeam('South');
  oldToken = (await oldServer.store.accounts.addRep('North', 'Ann')).token;
  newToken = (await newServer.store.accounts.addRep('South', 'Ann')).token;
});
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await oldServer.close();
  await newServer.close();
});

/** Ann with two public missions (one with wins) and a private one, synced to `endpoint`. */
async function annSyncedTo(endpoint: string): Promise<RepApp> {
  const app = await startRep({ endpoint, token: oldToken });
  closing.push(() => app.close());
  await app.data.add({ id: 'pub-calls', title: 'Public calls', visibility: 'public' });
  await app.data.add({ id: 'pub-demos', title: 'Public demos', visibility: 'public' });
  await app.data.add({ id: 'priv-goal', title: 'PRIVATE goal', visibility: 'private' });
  await app.data.logWin('pub-calls', 3);
  await app.engine.flush();
  return app;
}

const heldIds = async (server: TeamServerFixture) =>
  (await server.rows('missions')).map((row) => row.id).sort();

describe('moving sync to another team server', () => {
  it('withdraws the missions from the old server and sends every public one to the new', async () => {
    const ann = await annSyncedTo(oldServer.url);
    expect(await heldIds(oldServer)).toEqual(['pub-calls', 'pub-demos']);

    const status = await ann.engine.configure({ endpoint: newServer.url, token: newToken });

    expect(await oldServer.rows('missions')).toEqual([]);
    expect(await heldIds(newServer)).toEqual(['pub-calls', 'pub-demos']);
    expect((await newServer.rows('missions')).find((m) => m.id === 'pub-calls')).toMatchObject({
      title: 'Public calls',
      total: 3,
    });
    expect(JSON.stringify(await newServer.rows('missions'))).not.toContain('PRIVATE');
    expect(status).toMatchObject({
      endpoint: newServer.url,
      state: 'idle',
      pending: 0,
      leftBehind: null,
    });
    expect(ann.secrets.values.get(TOKEN_SECRET)).toBe(newToken);

    // Later changes go to the new server only.
    await ann.data.logWin('pub-demos', 2);
    await ann.engine.flush();
    expect((await newServer.rows('missions')).find((m) => m.id === 'pub-demos')).toMatchObject({
      total: 2,
    });
    expect(await oldServer.rows('missions')).toEqual([]);
  });

  it('still switches when the old server cannot be reached, which then keeps its copy', async () => {
    const proxy = await startFaultProxy(oldServer.url, 500);
    closing.push(() => proxy.close());
    const ann = await annSyncedTo(proxy.url);
    expect(await heldIds(oldServer)).toEqual(['pub-calls', 'pub-demos']);

    proxy.faults.push('down');
    const status = await ann.engine.configure({ endpoint: newServer.url, token: newToken });

    expect(status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(await heldIds(newServer)).toEqual(['pub-calls', 'pub-demos']);
    expect(await heldIds(oldServer)).toEqual(['pub-calls', 'pub-demos']);
    // The rep is told, in the status the window shows, until the next switch.
    expect(status.leftBehind).toBe(
      `2 missions stay on ${proxy.url}: removing them there failed. Ask your manager to take them off that board.`,
    );
    expect(ann.engine.status().leftBehind).toBe(status.leftBehind);
  });

  it('on the same server with another rep’s token: withdraws the old rep’s missions, sends new ones as the new rep', async () => {
    const ann = await annSyncedTo(oldServer.url);
    const annAgain = await oldServer.store.accounts.addRep('North', 'Ann (new token)');

    const switched = await ann.engine.configure({ endpoint: oldServer.url, token: annAgain.token });
    // The server keeps each mission id with the rep who first wrote it: the old ones stay off
    // the board, the app says why, and sync goes on.
    expect(await oldServer.rows('missions')).toEqual([]);
    expect(switched).toMatchObject({ state: 'idle', pending: 0 });
    expect(switched.lastError).toMatch(/belongs to another rep/);

    await ann.data.add({ id: 'pub-new', title: 'New public calls', visibility: 'public' });
    await ann.data.logWin('pub-calls', 1);
    await ann.engine.flush();
    expect(await oldServer.rows('missions')).toMatchObject([
      { id: 'pub-new', rep_id: annAgain.id },
    ]);
    expect(ann.engine.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
  });

  it('keeps syncing to the old server, whole again, when the new settings cannot be saved', async () => {
    const ann = await annSyncedTo(oldServer.url);
    ann.settings.write = async () => {
      throw new Error('EACCES: permission denied, open preferences.json');
    };

    await expect(
      ann.engine.configure({ endpoint: newServer.url, token: newToken }),
    ).rejects.toThrow(/EACCES/);
    expect(await oldServer.rows('missions')).toEqual([]);
    expect(ann.settings.read().endpoint).toBe(oldServer.url);
    expect(ann.secrets.values.get(TOKEN_SECRET)).toBe(oldToken);

    await ann.engine.flush();
    expect(await heldIds(oldServer)).toEqual(['pub-calls', 'pub-demos']);
    expect(await newServer.rows('missions')).toEqual([]);
    expect(ann.engine.status()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('does not touch the server when only the way the endpoint is written changes', async () => {
    const ann = await annSyncedTo(oldServer.url);
    const heads = await oldServer.rows('mission_heads');

    await ann.engine.configure({ endpoint: `${oldServer.url}/` });

    expect(await heldIds(oldServer)).toEqual(['pub-calls', 'pub-demos']);
    expect(await oldServer.rows('mission_heads')).toEqual(heads);
    expect(ann.engine.status()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('sends everything to the new server after a restart when the settings changed without the app', async () => {
    const ann = await annSyncedTo(oldServer.url);
    await ann.close(true);

    // As if the app stopped between saving the new settings and recording the switch.
    const restarted = await startRep({ endpoint: newServer.url, token: newToken, dir: ann.dir });
    closing.push(() => restarted.close());
    await restarted.engine.start();

    expect(await heldIds(newServer)).toEqual(['pub-calls', 'pub-demos']);
    expect(restarted.engine.status()).toMatchObject({ state: 'idle', pending: 0 });

    // And the acknowledgements now belong to the new server: a second restart sends nothing.
    const heads = await newServer.rows('mission_heads');
    await restarted.close(true);
    const again = await startRep({ endpoint: newServer.url, token: newToken, dir: ann.dir });
    closing.push(() => again.close());
    await again.engine.start();
    expect(again.engine.status().pending).toBe(0);
    expect(await newServer.rows('mission_heads')).toEqual(heads);
  });
});
