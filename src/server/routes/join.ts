// The rep's side of an invite, under the API prefixes and without a token (docs/PROTOCOL.md,
// "Joining a team"): a preview that names the team and the rep without using the invite, and the
// join that exchanges it for the rep's own token. Throttled per address in the database, so the
// limit holds across instances; the per-instance request limiter is off for these routes.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { INVITE_ERRORS, InviteSecret, JoinBody, type InviteProblem } from '../../shared/invite.ts';
import type { TeamStore } from '../store.ts';
import type { ZodTypeProvider } from './zod.ts';

export interface JoinDeps {
  store: TeamStore;
  /** Invite previews and joins per address per minute, counted in the database. */
  perMinute: number;
}

function refuse(reply: FastifyReply, problem: InviteProblem) {
  return reply.code(problem === 'unknown' ? 404 : 410).send({ error: INVITE_ERRORS[problem] });
}

export function joinRoutes({ store, perMinute }: JoinDeps) {
  return async (plain: FastifyInstance) => {
    const api = plain.withTypeProvider<ZodTypeProvider>();
    const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

    api.addHook('onRequest', async (request, reply) => {
      const verdict = await store.signIns.admitKey(`invite:${request.ip}`, {
        max: perMinute,
        windowMs: 60_000,
      });
      if (!verdict.allowed)
        return reply
          .code(429)
          .header('retry-after', String(verdict.retryAfterS))
          .send({ error: `Too many invite attempts; try again in ${verdict.retryAfterS} s.` });
    });

    api.get<{ Params: { secret: string } }>(
      '/invites/:secret',
      { config: { rateLimit: false } },
      async (request, reply) => {
        noStore(reply);
        // A secret of the wrong form is simply not one the server knows.
        const secret = InviteSecret.safeParse(request.params.secret);
        if (!secret.success) return refuse(reply, 'unknown');
        const invite = await store.invites.preview(secret.data);
        if (!invite.ok) return refuse(reply, invite.problem);
        return reply.send({
          team: { name: invite.teamName },
          rep: { name: invite.repName },
          expiresAt: invite.expiresAt.toISOString(),
        });
      },
    );

    api.post(
      '/join',
      { config: { rateLimit: false }, schema: { body: JoinBody } },
      async (request, reply) => {
        noStore(reply);
        const joined = await store.invites.join(request.body.secret);
        if (!joined.ok) return refuse(reply, joined.problem);
        request.log.info({ repId: joined.repId }, 'a rep joined with an invite');
        return reply.code(201).send({
          token: joined.token,
          rep: { id: joined.repId, name: joined.repName },
          team: { name: joined.teamName },
        });
      },
    );
  };
}
