// Group commit and the token cache against a real server and a real SQLite file: concurrent
// writes that share one transaction still get their own answers, and the database holds exactly
// the writes that were accepted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTeamStore } from '../../../src/server/store.ts';
import type { BatchOutcome, WriteOutcome } from '../../../src/server/repositories/missions.ts';
import { createGroupCommit } from '../../../src/server/group-commit.ts';
import {
  DIALECTS,
  call,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

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

    it('a write that fails is undone alone; the others in the transaction commit', async () => {
      const outcomes = await server.store.missions.writeAll([
        (tx) => tx.upsertMission(ann, 'm-1', 1, sampleState({ total: 1 })),
        async (tx) => {
          await tx.upsertMission(ann, 'm-2', 1, sampleState({ total: 2 }));
          throw new Error('failed half-way');
        },
        (tx) => tx.upsertMission(bob, 'm-3', 1, sampleState({ total: 3 })),
      ]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      expect((await server.rows('missions')).map((m) => m.id).sort()).toEqual(['m-1', 'm-3']);
      expect((await server.rows('mission_heads')).map((h) => h.id).sort()).toEqual(['m-1', 'm-3']);
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
      const tx = {
        upsertMission: async (): Promise<WriteOutcome> => ({
          kind: 'ok',
          revision: 1,
          applied: true,
        }),
        withdrawMission: async (): Promise<WriteOutcome> => ({ kind: 'forbidden' }),
      };
      const writes = createGroupCommit({
        writeAll: async <T>(batch: readonly ((t: typeof tx) => Promise<T>)[]) => {
          calls.push(`batch of ${batch.length}`);
          const outcomes: BatchOutcome<T>[] = [];
          for (const write of batch) {
            try {
              outcomes.push({ ok: true, value: await write(tx) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
          calls.push('committed');
          return outcomes;
        },
      });
      const answers = [
        writes
          .write((t) => t.upsertMission(ann, 'a', 1, sampleState()))
          .then((o) => {
            calls.push(`answer ${o.kind}`);
          }),
        writes
          .write(async () => {
            throw new Error('bad write');
          })
          .catch((error: Error) => {
            calls.push(`failed: ${error.message}`);
          }),
        writes
          .write((t) => t.withdrawMission(ann.id, 'b', 1))
          .then((o) => {
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

    it('if the shared transaction cannot commit, every write in it fails', async () => {
      const writes = createGroupCommit({
        writeAll: async () => {
          throw new Error('database is locked');
        },
      });
      const results = await Promise.allSettled([
        writes.write((t) => t.withdrawMission('r', 'a', 1)),
        writes.write((t) => t.withdrawMission('r', 'b', 1)),
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
