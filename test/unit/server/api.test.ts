// The rep API against a real server on 127.0.0.1 and a real SQLite file; assertions read the
// database itself, so "nothing stored" means nothing in any table.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  call,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;
  let ann: { id: string; token: string };
  let bob: { id: string; token: string };
  let eve: { id: string; token: string };

  beforeEach(async () => {
    server = await startTeamServer({ dialect });
    await server.store.accounts.addTeam('North');
    await server.store.accounts.addTeam('South');
    ann = await server.store.accounts.addRep('North', 'Ann');
    bob = await server.store.accounts.addRep('North', 'Bob');
    eve = await server.store.accounts.addRep('South', 'Eve');
  });
  afterEach(() => server.close());

  const put = (token: string | null, id: string, body: unknown) =>
    call(server.url, 'PUT', `/api/v1/missions/${id}`, token, body);

  describe('writing missions', () => {
    it('stores a public mission under the rep the token names, and only tokens are hashed', async () => {
      const res = await put(ann.token, 'm-ann-1', { revision: 3, state: sampleState() });
      expect(res).toMatchObject({
        status: 200,
        json: { missionId: 'm-ann-1', revision: 3, applied: true },
      });
      expect(await server.rows('missions')).toMatchObject([
        { id: 'm-ann-1', rep_id: ann.id, title: 'Book 10 meetings', total: 3 },
      ]);
      const reps = await server.rows('reps');
      expect(JSON.stringify(reps)).not.toContain(ann.token);
    });

    it('rejects a wrong or revoked token with 401 and stores nothing', async () => {
      const wrong = await put('mt_not-a-real-token-at-all', 'm1', {
        revision: 1,
        state: sampleState(),
      });
      expect(wrong.status).toBe(401);
      expect(wrong.json).toEqual({ error: expect.stringContaining('token') });
      await server.store.accounts.revokeRep(bob.id);
      const revoked = await put(bob.token, 'm2', { revision: 1, state: sampleState() });
      expect(revoked.status).toBe(401);
      expect(await server.rows('missions')).toEqual([]);
      expect(await server.rows('mission_heads')).toEqual([]);
    });

    it("refuses with 403 to write or withdraw another rep's mission, and keeps the owner's", async () => {
      await put(ann.token, 'm-ann', { revision: 1, state: sampleState({ title: "Ann's" }) });
      const hijack = await put(bob.token, 'm-ann', {
        revision: 99,
        state: sampleState({ title: 'Hijacked' }),
      });
      expect(hijack.status).toBe(403);
      const withdraw = await call(
        server.url,
        'DELETE',
        '/api/v1/missions/m-ann?revision=99',
        bob.token,
      );
      expect(withdraw.status).toBe(403);
      expect(await server.rows('missions')).toMatchObject([
        { id: 'm-ann', rep_id: ann.id, title: "Ann's" },
      ]);
      expect(await server.rows('mission_heads')).toMatchObject([{ revision: 1 }]);
    });

    it('answers malformed payloads with 400 and a message naming the field; nothing stored', async () => {
      const cases: [unknown, RegExp][] = [
        [{ revision: 1, state: sampleState({ target: 0 }) }, /state\.target/],
        [{ revision: 0, state: sampleState() }, /revision/],
        [{ revision: 1, state: { ...sampleState(), privateNote: 'secret' } }, /privateNote|key/i],
        [{ revision: 1 }, /state/],
        ['{not json', /JSON/i],
      ];
      for (const [body, message] of cases) {
        const res = await put(ann.token, 'm1', body);
        expect(res.status).toBe(400);
        expect(res.json).toEqual({ error: expect.stringMatching(message) });
      }
      const badId = await put(ann.token, 'has%20space', { revision: 1, state: sampleState() });
      expect(badId.status).toBe(400);
      expect(await server.rows('missions')).toEqual([]);
      expect(await server.rows('mission_heads')).toEqual([]);
    });

    it('answers an oversized payload with 413 and a message; nothing stored', async () => {
      const res = await put(ann.token, 'm1', {
        revision: 1,
        state: sampleState({ objective: 'x'.repeat(70_000) }),
      });
      expect(res.status).toBe(413);
      expect(res.json).toEqual({ error: expect.stringContaining('64 KiB') });
      expect(await server.rows('missions')).toEqual([]);
    });

    it('applies a repeated request once and never lets a stale revision overwrite a newer one', async () => {
      const v5 = { revision: 5, state: sampleState({ total: 5 }) };
      const results = [];
      for (let i = 0; i < 5; i++) results.push((await put(ann.token, 'm1', v5)).json);
      expect(results.map((r) => (r as { applied: boolean }).applied)).toEqual([
        true,
        false,
        false,
        false,
        false,
      ]);
      const stale = await put(ann.token, 'm1', { revision: 4, state: sampleState({ total: 4 }) });
      expect(stale.json).toEqual({ missionId: 'm1', revision: 5, applied: false });
      expect(await server.rows('missions')).toMatchObject([{ total: 5 }]);
    });

    it('withdraws a mission: nothing of it is left but its id and revision', async () => {
      await put(ann.token, 'm1', {
        revision: 2,
        state: sampleState({
          title: 'Secret plan',
          reflection: { reason: 'other', note: 'Shared note', nextStep: '' },
        }),
      });
      await call(server.url, 'POST', '/api/v1/missions/m1/cheers', bob.token);
      const res = await call(server.url, 'DELETE', '/api/v1/missions/m1?revision=3', ann.token);
      expect(res.json).toEqual({ missionId: 'm1', revision: 3, applied: true });
      for (const table of ['missions', 'cheers']) expect(await server.rows(table)).toEqual([]);
      expect(await server.rows('mission_heads')).toEqual([
        { id: 'm1', rep_id: ann.id, revision: 3 },
      ]);
      // A delayed older upsert cannot bring it back.
      const late = await put(ann.token, 'm1', { revision: 2, state: sampleState() });
      expect(late.json).toMatchObject({ applied: false, revision: 3 });
      expect(await server.rows('missions')).toEqual([]);
    });
  });

  describe('revoking a rep', () => {
    it('takes their missions and cheers off the team, and keeps only tombstones', async () => {
      await put(ann.token, 'm-ann', { revision: 1, state: sampleState({ title: 'Ann leaves' }) });
      await call(server.url, 'POST', '/api/v1/missions/m-ann/cheers', bob.token);
      expect(await server.store.accounts.revokeRep(ann.id)).toBe(true);
      expect(await server.rows('missions')).toEqual([]);
      expect(await server.rows('cheers')).toEqual([]);
      expect(await server.rows('mission_heads')).toMatchObject([{ id: 'm-ann', rep_id: ann.id }]);
      const view = await call(server.url, 'GET', '/api/v1/team', bob.token);
      expect(JSON.stringify(view.json)).not.toContain('Ann');
    });
  });

  describe('reading the team and cheering', () => {
    it("shows teammates' public missions, never another team's, and cheers reach the owner", async () => {
      await put(ann.token, 'm-ann', { revision: 1, state: sampleState({ title: 'Ann calls' }) });
      await put(eve.token, 'm-eve', { revision: 1, state: sampleState({ title: 'Eve demos' }) });

      const cheer = await call(server.url, 'POST', '/api/v1/missions/m-ann/cheers', bob.token);
      expect(cheer).toMatchObject({ status: 200, json: { cheers: 1 } });
      const again = await call(server.url, 'POST', '/api/v1/missions/m-ann/cheers', bob.token);
      expect(again.json).toEqual({ cheers: 1 });
      expect(
        (await call(server.url, 'POST', '/api/v1/missions/m-ann/cheers', ann.token)).status,
      ).toBe(400);
      expect(
        (await call(server.url, 'POST', '/api/v1/missions/m-ann/cheers', eve.token)).status,
      ).toBe(403);

      const view = await call(server.url, 'GET', '/api/v1/team', ann.token);
      expect(view.status).toBe(200);
      expect(JSON.stringify(view.json)).not.toContain('Eve');
      expect(view.json).toMatchObject({
        me: { repId: ann.id, name: 'Ann', team: 'North' },
        reps: [
          { name: 'Ann', missions: [{ missionId: 'm-ann', title: 'Ann calls', cheers: 1 }] },
          { name: 'Bob', missions: [] },
        ],
        cheersReceived: [{ missionId: 'm-ann', missionTitle: 'Ann calls', from: 'Bob' }],
      });
      const bobView = await call(server.url, 'GET', '/api/v1/team', bob.token);
      expect(bobView.json).toMatchObject({ reps: [{ missions: [{ cheeredByMe: true }] }, {}] });
    });

    it('rate-limits a flood with 429 and Retry-After (the limit headers on the 429 only)', async () => {
      await server.close();
      server = await startTeamServer({ dialect, rateLimitPerMinute: 3 });
      await server.store.accounts.addTeam('North');
      const rep = await server.store.accounts.addRep('North', 'Ann');
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const { status, headers } = await call(server.url, 'GET', '/api/v1/team', rep.token);
        answers.push({
          status,
          retryAfter: Number(headers.get('retry-after')) > 0,
          limit: headers.get('x-ratelimit-limit'),
          remaining: headers.get('x-ratelimit-remaining'),
        });
      }
      const allowed = { status: 200, retryAfter: false, limit: null, remaining: null };
      const refused = { status: 429, retryAfter: true, limit: '3', remaining: '0' };
      expect(answers).toEqual([allowed, allowed, allowed, refused, refused]);
    });
  });
});
