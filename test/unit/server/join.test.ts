// A rep joins with an invite against a real server on 127.0.0.1, on both databases: the token
// the join gives works on the API; a bad invite gets its sentence and stores nothing; a
// re-invite hands the same rep (and their missions) to the new laptop.
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  INVITE_ERRORS,
  INVITE_TTL_MS,
  InvitePreview,
  JoinResult,
  REP_REVOKED_ERROR,
} from '../../../src/shared/invite.ts';
import {
  DIALECTS,
  call,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

const START = Date.parse('2026-11-23T12:00:00.000Z');

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;
  let clock: number;
  let north: string;
  let manager: string;

  beforeEach(async () => {
    clock = START;
    server = await startTeamServer({ dialect, now: () => new Date(clock) });
    north = await server.store.accounts.addTeam('North');
    await server.store.accounts.addTeam('South');
    manager = await server.store.accounts.addManager('North', 'mia@example.com', 'a long password');
  });
  afterEach(() => server.close());

  async function invite(repName = 'Ann'): Promise<string> {
    const made = await server.store.invites.create(north, { repName }, manager);
    if (!made) throw new Error('no invite');
    return made.secret;
  }
  const join = (secret: unknown, prefix = '/api/v2') =>
    call(server.url, 'POST', `${prefix}/join`, null, { secret });
  const preview = (secret: string, prefix = '/api/v2') =>
    call(server.url, 'GET', `${prefix}/invites/${secret}`, null);
  const put = (token: string, id: string) =>
    call(server.url, 'PUT', `/api/v2/missions/${id}`, token, {
      revision: 1,
      state: sampleState({ asOf: new Date(clock).toISOString() }),
    });
  /** Everything a join could have written. */
  const snapshot = async () => ({
    reps: await server.rows('reps'),
    invites: await server.rows('invites'),
    missions: await server.rows('missions'),
  });

  it('previews without using the invite, then joins: the token works on the API', async () => {
    const secret = await invite('Ann');
    for (const prefix of ['/api/v1', '/api/v2']) {
      const seen = await preview(secret, prefix);
      expect(seen.status).toBe(200);
      expect(InvitePreview.parse(seen.json)).toEqual({
        team: { name: 'North' },
        rep: { name: 'Ann' },
        expiresAt: new Date(START + INVITE_TTL_MS).toISOString(),
      });
    }
    expect(await server.rows('reps')).toEqual([]);

    const joined = await join(secret, '/api/v1');
    expect(joined.status).toBe(201);
    const result = JoinResult.parse(joined.json);
    expect(result).toMatchObject({ rep: { name: 'Ann' }, team: { name: 'North' } });
    expect(await put(result.token, 'm-ann')).toMatchObject({ status: 200 });
    expect(await server.rows('missions')).toMatchObject([{ id: 'm-ann', rep_id: result.rep.id }]);
    // Neither the secret nor the token is stored as it is.
    const stored = JSON.stringify(await snapshot());
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(result.token);
  });

  it('refuses a used invite with its sentence and stores nothing', async () => {
    const secret = await invite();
    expect((await join(secret)).status).toBe(201);
    const before = await snapshot();
    expect(await join(secret)).toMatchObject({ status: 410, json: { error: INVITE_ERRORS.used } });
    expect(await preview(secret)).toMatchObject({
      status: 410,
      json: { error: INVITE_ERRORS.used },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an expired invite (7 days on) and a withdrawn one, storing nothing', async () => {
    const old = await invite('Ann');
    const withdrawn = await invite('Bob');
    const [pending] = (await server.store.invites.pending(north)).filter(
      (i) => i.repName === 'Bob',
    );
    expect(await server.store.invites.revoke(north, pending?.id ?? '')).toBe(true);
    clock = START + INVITE_TTL_MS;
    const before = await snapshot();
    expect(await preview(old)).toMatchObject({
      status: 410,
      json: { error: INVITE_ERRORS.expired },
    });
    expect(await join(old)).toMatchObject({ status: 410, json: { error: INVITE_ERRORS.expired } });
    clock = START + 1000;
    expect(await join(withdrawn)).toMatchObject({
      status: 410,
      json: { error: INVITE_ERRORS.revoked },
    });
    expect(await snapshot()).toEqual(before);
    // One millisecond before the end, the old one still works.
    clock = START + INVITE_TTL_MS - 1;
    expect((await join(old)).status).toBe(201);
  });

  it('answers an unknown or malformed secret with 404 or 400 and stores nothing', async () => {
    await invite();
    const before = await snapshot();
    const unknown = 'A'.repeat(32);
    expect(await join(unknown)).toMatchObject({
      status: 404,
      json: { error: INVITE_ERRORS.unknown },
    });
    expect(await preview(unknown)).toMatchObject({
      status: 404,
      json: { error: INVITE_ERRORS.unknown },
    });
    expect(await preview('short')).toMatchObject({ status: 404 });
    expect(await join('short')).toMatchObject({
      status: 400,
      json: { error: expect.stringContaining('secret') },
    });
    const extra = await call(server.url, 'POST', '/api/v2/join', null, {
      secret: unknown,
      repId: 'rep_x',
    });
    expect(extra.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('lets exactly one of two concurrent joins with one secret through', async () => {
    const secret = await invite();
    const answers = await Promise.all([join(secret), join(secret), join(secret)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410, 410]);
    expect(await server.rows('reps')).toHaveLength(1);
  });

  it('re-invites a rep: after the join the old token answers 401, the new one is the same rep', async () => {
    const first = JoinResult.parse((await join(await invite('Ann'))).json);
    expect((await put(first.token, 'm-ann')).status).toBe(200);
    const again = await server.store.invites.create(north, { repId: first.rep.id }, manager);
    if (!again) throw new Error('no re-invite');
    // Until the new laptop joins, the old one keeps working.
    expect((await call(server.url, 'GET', '/api/v2/team', first.token)).status).toBe(200);
    const second = JoinResult.parse((await join(again.secret)).json);
    expect(second.rep).toEqual(first.rep);
    expect(second.token).not.toBe(first.token);
    const old = await call(server.url, 'GET', '/api/v2/team', first.token);
    expect(old.status).toBe(401);
    expect(old.json).not.toEqual({ error: REP_REVOKED_ERROR });
    // The mission stays the rep's: the new token may write it (another rep would get 403).
    expect((await put(second.token, 'm-ann')).status).toBe(200);
    expect(await server.rows('missions')).toMatchObject([{ id: 'm-ann', rep_id: first.rep.id }]);
    expect(await server.rows('reps')).toHaveLength(1);
  });

  it('withdraws a re-invite when the rep is removed, and answers their token with its own sentence', async () => {
    const ann = JoinResult.parse((await join(await invite('Ann'))).json);
    const again = await server.store.invites.create(north, { repId: ann.rep.id }, manager);
    if (!again) throw new Error('no re-invite');
    await server.store.accounts.revokeRep(ann.rep.id);
    expect(await join(again.secret)).toMatchObject({
      status: 410,
      json: { error: INVITE_ERRORS.revoked },
    });
    for (const prefix of ['/api/v1', '/api/v2'])
      expect(await call(server.url, 'GET', `${prefix}/team`, ann.token)).toMatchObject({
        status: 401,
        json: { error: REP_REVOKED_ERROR },
      });
    const unknown = await call(server.url, 'GET', '/api/v2/team', `mt_${'x'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual({ error: expect.stringContaining('unknown') });
  });

  it("records a rep's last sync at most once a minute", async () => {
    const ann = JoinResult.parse((await join(await invite('Ann'))).json);
    const lastSeen = async () =>
      (await server.store.accounts.teamReps(north)).map((r) => r.lastSeenAt);
    expect(await lastSeen()).toEqual([null]);
    const settled = async (expected: string) => {
      for (let i = 0; i < 50 && (await lastSeen())[0] !== expected; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(await lastSeen()).toEqual([expected]);
    };
    await put(ann.token, 'm1');
    await settled(new Date(START).toISOString());
    clock = START + 59_000;
    await call(server.url, 'GET', '/api/v2/team', ann.token);
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastSeen()).toEqual([new Date(START).toISOString()]);
    clock = START + 61_000;
    await call(server.url, 'GET', '/api/v2/team', ann.token);
    await settled(new Date(START + 61_000).toISOString());
  });

  it('never writes a secret or a token to the log', async () => {
    await server.close();
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startTeamServer({
      dialect,
      now: () => new Date(clock),
      logger: true,
      logStream,
    });
    north = (await server.store.admins.addTeam('North')) ?? '';
    const secret = await invite();
    expect((await preview(secret)).status).toBe(200);
    const joined = JoinResult.parse((await join(secret)).json);
    expect((await preview(secret, '/api/v1')).status).toBe(410);
    const log = lines.join('');
    expect(log).toContain('/api/v2/invites/…');
    expect(log).toContain('/api/v1/invites/…');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(joined.token);
  });

  it('throttles invite previews and joins per address on every instance', async () => {
    await server.close();
    server = await startTeamServer({
      dialect,
      now: () => new Date(clock),
      inviteLimitPerMinute: 3,
    });
    const other = await server.anotherInstance();
    const unknown = 'B'.repeat(32);
    expect((await preview(unknown)).status).toBe(404);
    expect((await join(unknown)).status).toBe(404);
    expect((await call(other, 'GET', `/api/v2/invites/${unknown}`, null)).status).toBe(404);
    const throttled = await call(other, 'POST', '/api/v2/join', null, { secret: unknown });
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual({ error: expect.stringMatching(/Too many invite attempts/) });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    clock += 60_000;
    expect((await preview(unknown)).status).toBe(404);
  });
});
