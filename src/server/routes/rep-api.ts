// The rep API under /api/v1: one hook resolves the bearer token to a rep (401 otherwise), and
// each route declares what it accepts. The rep is always the token's, never the payload's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { REP_REVOKED_ERROR } from '../../shared/invite.ts';
import { TeamId, UpsertMissionBody, WithdrawQuery } from '../../shared/team.ts';
import type { createGroupCommit } from '../group-commit.ts';
import type { Rep } from '../repositories/accounts.ts';
import type { WriteOutcome } from '../repositories/missions.ts';
import type { TeamStore } from '../store.ts';
import type { ZodTypeProvider } from './zod.ts';

/** Wins and states dated further ahead of the server's clock than this are refused. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

const MissionParams = z.object({ missionId: TeamId });

declare module 'fastify' {
  interface FastifyRequest {
    /** The rep API's caller, once its hook has found them (null elsewhere). */
    rep: Rep | null;
  }
}

/** The request's `Authorization: Bearer <token>`, if any. */
export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/**
 * Whether an instant the schema accepted (`Instant`: ISO 8601 with a time zone) is as
 * `toISOString()` writes it, UTC with milliseconds: of the forms the schema accepts, only those
 * are 24 characters long and end in Z. Such strings sort by time.
 */
const canonical = (at: string) => at.length === 24 && at.endsWith('Z');

/**
 * The first win or state time beyond the allowance for clock skew, if any. The app sends
 * canonical instants, compared as strings with the limit; any other form (an offset, no
 * milliseconds) is parsed. Parsing all eleven of an upsert's times cost ~5 µs per upsert.
 */
function futureInstant(state: UpsertMissionBody['state'], now: Date): string | null {
  const limit = now.getTime() + CLOCK_SKEW_MS;
  const canonicalLimit = new Date(limit).toISOString();
  const beyond = (at: string) => (canonical(at) ? at > canonicalLimit : Date.parse(at) > limit);
  if (beyond(state.asOf)) return state.asOf;
  for (const win of state.recentWins) if (beyond(win.at)) return win.at;
  return null;
}

function sendWrite(reply: FastifyReply, missionId: string, outcome: WriteOutcome) {
  if (outcome.kind === 'forbidden')
    return reply.code(403).send({ error: 'That mission belongs to another rep.' });
  if (outcome.kind === 'not-found')
    return reply.code(404).send({ error: 'That mission is not on the team server.' });
  if (outcome.kind === 'full') return reply.code(403).send({ error: outcome.message });
  if (outcome.kind === 'revoked') return reply.code(401).send({ error: REP_REVOKED_ERROR });
  return reply.send({ missionId, revision: outcome.revision, applied: outcome.applied });
}

export interface RepApiDeps {
  store: TeamStore;
  writes: ReturnType<typeof createGroupCommit>;
  now: () => Date;
  /** The rep a request's token names (looked up once per request). */
  repOf(request: FastifyRequest): Promise<Rep | null>;
}

export function repApiRoutes({ store, writes, now, repOf }: RepApiDeps) {
  return async (plain: FastifyInstance) => {
    const api = plain.withTypeProvider<ZodTypeProvider>();
    api.decorateRequest('rep', null);
    const theRep = (request: FastifyRequest): Rep => {
      if (!request.rep) throw new Error('The rep API hook did not run');
      return request.rep;
    };

    // preValidation: after the per-instance rate limit (a route hook, which runs after the
    // context's onRequest hooks), so unknown tokens are counted too; before the schemas run.
    api.addHook('preValidation', async (request, reply) => {
      const rep = await repOf(request);
      if (!rep) {
        // Only on the way out: a revoked rep's app says its access was removed and stops.
        const token = bearer(request);
        const revoked = token !== null && (await store.accounts.isRevokedToken(token));
        return reply.code(401).send({
          error: revoked
            ? REP_REVOKED_ERROR
            : 'This token is unknown to the team server (a newer invite may have replaced it). Ask your manager for an invite.',
        });
      }
      request.rep = rep;
    });

    // The Team page's "last sync": after the answer is sent, at most one write a minute per rep.
    api.addHook('onResponse', async (request, reply) => {
      const rep = request.rep;
      if (rep && reply.statusCode < 400)
        await store.accounts
          .touch(rep.id)
          .catch((err: unknown) => request.log.warn({ err }, 'could not record the last sync'));
    });

    api.put(
      '/missions/:missionId',
      { schema: { params: MissionParams, body: UpsertMissionBody } },
      async (request, reply) => {
        const rep = theRep(request);
        const { missionId } = request.params;
        const { revision, state } = request.body;
        const future = futureInstant(state, now());
        if (future)
          return reply.code(400).send({
            error: `${future} is ahead of the team server's clock; check your computer's date and time.`,
          });
        return sendWrite(
          reply,
          missionId,
          await writes.write({ kind: 'upsert', rep, missionId, revision, state }),
        );
      },
    );

    api.delete(
      '/missions/:missionId',
      { schema: { params: MissionParams, querystring: WithdrawQuery } },
      async (request, reply) => {
        const rep = theRep(request);
        const { missionId } = request.params;
        const { revision } = request.query;
        return sendWrite(
          reply,
          missionId,
          await writes.write({ kind: 'withdraw', repId: rep.id, missionId, revision }),
        );
      },
    );

    api.get('/team', async (request, reply) =>
      reply.send(await store.reads.teamView(theRep(request))),
    );

    api.post(
      '/missions/:missionId/cheers',
      { schema: { params: MissionParams } },
      async (request, reply) => {
        const outcome = await store.cheers.cheer(theRep(request), request.params.missionId);
        if (outcome.kind === 'own')
          return reply.code(400).send({ error: 'Cheer a teammate’s mission, not your own.' });
        if (outcome.kind === 'forbidden')
          return reply.code(403).send({ error: 'That mission belongs to another team.' });
        if (outcome.kind === 'not-found')
          return reply.code(404).send({ error: 'That mission is not on the team server.' });
        return reply.send({ cheers: outcome.cheers });
      },
    );
  };
}
