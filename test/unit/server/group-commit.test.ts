// Group commit and the token cache against a real server and a real SQLite file: concurrent
// writes that share one transaction still get their own answers, and the database holds exactly
// the writes that were accepted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTeamStore } from '../../../src/server/store.ts';
import { sql } from 'kysely';
import type {
  BatchOutcome,
  MissionWrite,
  WriteOutcome,
} from '../../../src/server/repositories/missions.ts';
import { createGroupCommit } from '../../../src/server/group-commit.ts';
import {
  DIALECTS,
  call,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

const upsertOf = (rep: { id: string; teamId: string }, missionId: string): MissionWrite => ({
  kind: 'upsert',
  rep,
  missionId,
  revision: 1,
  state: sampleState(),
});

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;
  let ann: { id: string; teamId: string; token: string };
  let bob: { id: string; teamId: string; token: string };

  beforeEach(async () => {
    server = await startTeamServer({ dialect });
    await server.store.accounts.addTeam('North');
    ann = await server.store.accounts.addRep('North', 'Ann');
    bob = await server.store.accounts.addRep('North', 'Bob');
  });
  afterEach(() => server.close());

  const put = (token: string, id: string, revision: number, total: number) =>
    call(server.url, 'PUT', `/api/v1/missions/${id}`, token, {
      revision,
      state: sampleState({ total }),
    });

  describe('concurrent upserts sharing one commit', () => {
    it('answer each request on its own: applied, stale, repeated, forbidden, withdrawn', async () => {
      await put(ann.token, 'm-ann', 5, 5);
      await put(ann.token, 'm-same', 1, 1);
      await put(bob.token, 'm-bob', 1, 1);
      await put(bob.token, 'm-gone', 1, 1);
      const batches: number[] = [];
      const writeAll = server.store.missions.writeAll;
      server.store.missions.writeAll = (writes) => {
        batches.push(writes.length);
        return writeAll(writes);
      };

      const results = await Promise.all([
        put(ann.token, 'm-ann', 4, 4), // stale
        put(ann.token, 'm-new', 1, 10), // first write of a new mission
        put(bob.token, 'm-ann', 99, 99), // another rep's mission
        put(ann.token, 'm-same', 1, 1), // a repeat
        put(bob.token, 'm-bob', 2, 2),
        call(server.url, 'DELETE', '/api/v1/missions/m-gone?revision=2', bob.token),
      ]);

      expect(batches.reduce((a, b) => a + b, 0)).toBe(6);
      expect(results.map((r) => [r.status, r.json])).toEqual([
        [200, { missionId: 'm-ann', revision: 5, applied: false }],
        [200, { missionId: 'm-new', revision: 1, applied: true }],
        [403, { error: expect.stringContaining('another rep') }],
        [200, { missionId: 'm-same', revision: 1, applied: false }],
        [200, { missionId: 'm-bob', revision: 2, applied: true }],
        [200, { missionId: 'm-gone', revision: 2, applied: true }],
      ]);
      expect((await server.rows('missions')).map((m) => [m.id, m.rep_id, m.total]).sort()).toEqual([
        ['m-ann', ann.id, 5],
        ['m-bob', bob.id, 2],
        ['m-new', ann.id, 10],
        ['m-same', ann.id, 1],
      ]);
      expect(
        (await server.rows('mission_heads')).map((h) => [h.id, h.rep_id, h.revision]).sort(),
      ).toEqual([
        ['m-ann', ann.id, 5],
        ['m-bob', bob.id, 2],
        ['m-gone', bob.id, 2],
        ['m-new', ann.id, 1],
        ['m-same', ann.id, 1],
      ]);
    });

    /** Makes the database itself refuse a mission titled 'Refused', as a constraint would. */
    async function refuseTitle(): Promise<void> {
      const statements =
        dialect === 'sqlite'
          ? ['INSERT', 'UPDATE'].map(
              (on) =>
                `CREATE TRIGGER refuse_${on} BEFORE ${on} ON missions WHEN NEW.title = 'Refused'
                 BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END`,
            )
          : [
              `CREATE FUNCTION refuse_title() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW.title = 'Refused' THEN RAISE EXCEPTION 'refused by a trigger'; END IF;
               RETURN NEW; END $$`,
              `CREATE TRIGGER refuse_title BEFORE INSERT OR UPDATE ON missions
               FOR EACH ROW EXECUTE FUNCTION refuse_title()`,
            ];
      for (const statement of statements)
        await sql.raw(statement).execute(server.store.database.db);
    }
    const upsert = (
      rep: { id: string; teamId: string },
      missionId: string,
      revision: number,
      state = sampleState({ total: revision }),
    ): MissionWrite => ({ kind: 'upsert', rep, missionId, revision, state });

    it('a write that fails is undone alone; the others in the transaction commit', async () => {
      await refuseTitle();
      const outcomes = await server.store.missions.writeAll([
        upsert(ann, 'm-1', 1),
        upsert(ann, 'm-2', 1, sampleState({ title: 'Refused' })),
        upsert(bob, 'm-3', 1),
      ]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      expect((await server.rows('missions')).map((m) => m.id).sort()).toEqual(['m-1', 'm-3']);
      expect((await server.rows('mission_heads')).map((h) => h.id).sort()).toEqual(['m-1', 'm-3']);
    });

    it('a failing write among missions already on the board (decided together) fails alone', async () => {
      await server.store.missions.writeAll(['m-1', 'm-2', 'm-3'].map((id) => upsert(ann, id, 1)));
      await refuseTitle();
      const outcomes = await server.store.missions.writeAll([
        upsert(ann, 'm-1', 2),
        upsert(ann, 'm-2', 2, sampleState({ title: 'Refused', total: 2 })),
        upsert(ann, 'm-3', 2),
      ]);
      expect(outcomes.map((o) => (o.ok ? o.value : 'failed'))).toEqual([
        { kind: 'ok', revision: 2, applied: true },
        'failed',
        { kind: 'ok', revision: 2, applied: true },
      ]);
      expect((await server.rows('missions')).map((m) => [m.id, m.total]).sort()).toEqual([
        ['m-1', 2],
        ['m-2', 1],
        ['m-3', 2],
      ]);
      expect((await server.rows('mission_heads')).map((h) => [h.id, h.revision]).sort()).toEqual([
        ['m-1', 2],
        ['m-2', 1],
        ['m-3', 2],
      ]);
    });

    it('one group: stale, forbidden, new, live, and a mission twice, each as if written in turn', async () => {
      await server.store.missions.writeAll([upsert(ann, 'm-a', 5), upsert(bob, 'm-b', 1)]);
      const outcomes = await server.store.missions.writeAll([
        upsert(ann, 'm-a', 4), // stale
        upsert(ann, 'm-b', 9), // bob's
        upsert(ann, 'm-a', 7), // applied, then…
        upsert(ann, 'm-a', 6), // …stale against the 7 just before it
        upsert(bob, 'm-b', 2), // live, applied
        upsert(bob, 'm-c', 1), // new to the board
      ]);
      expect(outcomes.map((o) => (o.ok ? o.value : 'failed'))).toEqual([
        { kind: 'ok', revision: 5, applied: false },
        { kind: 'forbidden' },
        { kind: 'ok', revision: 7, applied: true },
        { kind: 'ok', revision: 7, applied: false },
        { kind: 'ok', revision: 2, applied: true },
        { kind: 'ok', revision: 1, applied: true },
      ]);
      expect((await server.rows('missions')).map((m) => [m.id, m.rep_id, m.total]).sort()).toEqual([
        ['m-a', ann.id, 7],
        ['m-b', bob.id, 2],
        ['m-c', bob.id, 1],
      ]);
    });

    it('a rep revoked after their token was read writes nothing, live mission or new', async () => {
      await server.store.missions.writeAll([upsert(ann, 'm-live', 1)]);
      await server.store.accounts.revokeRep(ann.id);
      const outcomes = await server.store.missions.writeAll([
        upsert(ann, 'm-live', 2),
        upsert(ann, 'm-new', 1),
      ]);
      expect(outcomes.map((o) => (o.ok ? o.value : 'failed'))).toEqual([
        { kind: 'revoked' },
        { kind: 'revoked' },
      ]);
      expect(await server.rows('missions')).toEqual([]);
      expect(await server.rows('mission_heads')).toMatchObject([{ id: 'm-live', revision: 1 }]);
    });

    it('many concurrent upserts of the same mission: the highest revision wins', async () => {
      const revisions = Array.from({ length: 40 }, (_, i) => 40 - i);
      const results = await Promise.all(revisions.map((r) => put(ann.token, 'm-race', r, r)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      // Whatever the order they arrived in, the highest revision was applied and is what stays.
      expect(results[0]?.json).toEqual({ missionId: 'm-race', revision: 40, applied: true });
      expect(await server.rows('missions')).toMatchObject([{ id: 'm-race', total: 40 }]);
      expect(await server.rows('mission_heads')).toMatchObject([{ id: 'm-race', revision: 40 }]);
    });
  });

  describe('createGroupCommit', () => {
    it('writes asked for in one turn share one transaction, and answers wait for its commit', async () => {
      const calls: string[] = [];
      const writes = createGroupCommit({
        writeAll: async (batch) => {
          calls.push(`batch of ${batch.length}`);
          const outcomes = batch.map((write): BatchOutcome<WriteOutcome> =>
            write.missionId === 'bad'
              ? { ok: false, error: new Error('bad write') }
              : write.kind === 'upsert'
                ? { ok: true, value: { kind: 'ok', revision: 1, applied: true } }
                : { ok: true, value: { kind: 'forbidden' } },
          );
          calls.push('committed');
          return outcomes;
        },
      });
      const answers = [
        writes.write(upsertOf(ann, 'a')).then((o) => {
          calls.push(`answer ${o.kind}`);
        }),
        writes.write(upsertOf(ann, 'bad')).catch((error: Error) => {
          calls.push(`failed: ${error.message}`);
        }),
        writes.write({ kind: 'withdraw', repId: ann.id, missionId: 'b', revision: 1 }).then((o) => {
          calls.push(`answer ${o.kind}`);
        }),
      ];
      await Promise.all(answers);
      expect(calls).toEqual([
        'batch of 3',
        'committed',
        'answer ok',
        'failed: bad write',
        'answer forbidden',
      ]);
    });

    it('one group commits at a time: the writes that arrive meanwhile make the next group', async () => {
      const groups: string[][] = [];
      let committing = 0;
      let most = 0;
      let letFirstCommit = () => {};
      const firstHeld = new Promise<void>((resolve) => (letFirstCommit = resolve));
      const writes = createGroupCommit({
        // The real missions repository; the first group is held open as a slow commit would be.
        writeAll: async (batch) => {
          groups.push(batch.map((w) => w.missionId));
          committing += 1;
          most = Math.max(most, committing);
          try {
            if (groups.length === 1) await firstHeld;
            return await server.store.missions.writeAll(batch);
          } finally {
            committing -= 1;
          }
        },
      });
      const answers = [writes.write(upsertOf(ann, 'first'))];
      await expect.poll(() => groups.length).toBe(1);
      // Three writes, each in a turn of its own, while the first group commits.
      for (const id of ['second', 'third', 'fourth']) {
        answers.push(writes.write(upsertOf(ann, id)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(groups).toEqual([['first']]);
      letFirstCommit();
      const outcomes = await Promise.all(answers);
      expect(groups).toEqual([['first'], ['second', 'third', 'fourth']]);
      expect(most).toBe(1);
      expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect((await server.rows('missions')).map((r) => r.id).sort()).toEqual([
        'first',
        'fourth',
        'second',
        'third',
      ]);
    });

    it('if the shared transaction cannot commit, every write in it fails', async () => {
      const writes = createGroupCommit({
        writeAll: async () => {
          throw new Error('database is locked');
        },
      });
      const results = await Promise.allSettled([
        writes.write({ kind: 'withdraw', repId: 'r', missionId: 'a', revision: 1 }),
        writes.write({ kind: 'withdraw', repId: 'r', missionId: 'b', revision: 1 }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    });
  });

  describe('the token cache', () => {
    it('a token revoked from another process (the CLI) stops working at the next request', async () => {
      expect((await put(ann.token, 'm1', 1, 1)).status).toBe(200);
      // The CLI opens its own connection to the same file.
      const cli = await openTeamStore(server.target);
      try {
        expect(await cli.accounts.revokeRep(ann.id)).toBe(true);
      } finally {
        await cli.close();
      }
      const after = await put(ann.token, 'm1', 2, 2);
      expect(after.status).toBe(401);
      expect(await server.rows('missions')).toEqual([]);
      expect(await server.rows('mission_heads')).toMatchObject([{ id: 'm1', revision: 1 }]);
    });

    it('a token revoked in this process stops working at once', async () => {
      expect((await put(bob.token, 'm1', 1, 1)).status).toBe(200);
      await server.store.accounts.revokeRep(bob.id);
      expect((await put(bob.token, 'm1', 2, 2)).status).toBe(401);
    });
  });
});
