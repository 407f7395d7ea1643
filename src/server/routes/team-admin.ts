// The manager's Team page (/board/team) and password change (/board/password): invite a rep
// (the link and code shown once), re-invite, withdraw an unused invite, rename and remove a rep,
// each rep's last sync. A manager acts only on their own team: another team's rep or invite is
// "not found" and nothing changes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { inviteCode, inviteLink, inviteServerProblem } from '../../shared/invite.ts';
import { hashPassword, newId, verifyPassword } from '../auth.ts';
import { managerLayoutSession } from '../board-page.ts';
import {
  renderChangePasswordPage,
  renderMessagePage,
  renderTeamPage,
  type ShownInvite,
} from '../pages/admin-pages.ts';
import type { Manager } from '../repositories/accounts.ts';
import type { TeamStore } from '../store.ts';
import {
  checkedForm,
  Csrf,
  CsrfForm,
  forbidden,
  IdParams,
  newPasswordProblem,
  originOf,
  signedOut,
} from './admin.ts';
import { htmlHeaders, SESSION_COOKIE } from './board.ts';

/** The id the invite will get, made when the form was drawn: a repeated POST makes no second. */
const Nonce = z.string().regex(/^inv_[A-Za-z0-9_-]{12}$/);
const RepName = z.string().trim().min(1, { error: 'Give the rep a name.' }).max(100);
const InviteForm = z.object({ csrf: Csrf, nonce: Nonce, name: RepName });
const ReinviteForm = z.object({ csrf: Csrf, nonce: Nonce });
const RenameForm = z.object({ csrf: Csrf, name: RepName });
const ChangePasswordForm = z.object({
  csrf: Csrf,
  current: z.string().max(400),
  password: z.string().max(400),
  confirm: z.string().max(400),
  username: z.string().max(200).optional(),
});

type Session = Manager & { csrf: string };

/**
 * What the change a manager just made did, named in the address it sends them back to: a kind,
 * and for a rename the rep's id (never a name: the sentence is the page's own).
 */
const Done = z.union([
  z.object({ done: z.literal('renamed'), rep: IdParams.shape.id }),
  z.object({ done: z.enum(['removed', 'withdrawn']) }),
]);
const backTo = (done: z.infer<typeof Done>) =>
  `/board/team?${new URLSearchParams(done).toString()}`;

function doneSentence(query: unknown, reps: readonly { id: string; name: string }[]) {
  const done = Done.safeParse(query);
  if (!done.success) return null;
  const what = done.data;
  if (what.done === 'renamed') {
    const name = reps.find((r) => r.id === what.rep)?.name;
    return name ? `Renamed: the board and the Team page now say ${name}.` : null;
  }
  return what.done === 'removed'
    ? 'The rep is removed: their app stops syncing, and their missions have left the board.'
    : 'The invite is withdrawn: its link no longer works.';
}

export function teamAdminRoutes({ store }: { store: TeamStore }) {
  return async (pages: FastifyInstance) => {
    const sessions = new WeakMap<FastifyRequest, Session>();
    const theSession = (request: FastifyRequest) => {
      const session = sessions.get(request);
      if (!session) throw new Error('The team hook did not run');
      return session;
    };
    pages.addHook('onRequest', async (request, reply) => {
      const id = request.cookies[SESSION_COOKIE];
      const session = id ? await store.sessions.find(id) : null;
      if (session) {
        sessions.set(request, session);
        return;
      }
      const admin = id ? await store.sessions.findAdmin(id) : null;
      if (admin) return reply.redirect('/admin', 303);
      return request.method === 'GET' ? reply.redirect('/login', 303) : signedOut(reply);
    });

    const notFound = (request: FastifyRequest, reply: FastifyReply) =>
      htmlHeaders(reply)
        .code(404)
        .send(
          renderMessagePage(
            'Not found',
            'That rep or invite is not on your team.',
            managerLayoutSession(theSession(request)),
          ),
        );

    async function page(
      request: FastifyRequest,
      reply: FastifyReply,
      extra: { error?: string; shown?: ShownInvite } = {},
      status = 200,
    ) {
      const session = theSession(request);
      const [reps, invites] = await Promise.all([
        store.accounts.teamReps(session.teamId),
        store.invites.pending(session.teamId),
      ]);
      return htmlHeaders(reply)
        .code(status)
        .send(
          renderTeamPage({
            session: managerLayoutSession(session),
            reps,
            invites,
            nonce: newId('inv'),
            done: request.method === 'GET' ? doneSentence(request.query, reps) : null,
            ...extra,
          }),
        );
    }

    /** Makes the invite and shows it in this answer only; a repeat of the same form shows none. */
    async function invite(
      request: FastifyRequest,
      reply: FastifyReply,
      who: { repName: string } | { repId: string },
      nonce: string,
    ) {
      const session = theSession(request);
      const origin = originOf(request);
      const problem = inviteServerProblem(origin);
      if (problem)
        return page(request, reply, {
          shown: {
            ok: false,
            message: `Invites need this server reached over https (it was reached at ${origin}): ${problem}`,
          },
        });
      const made = await store.invites.createOnce(session.teamId, who, session.id, nonce);
      if (made === 'repeat') return reply.redirect('/board/team', 303);
      if (!made) return notFound(request, reply);
      request.log.info({ managerId: session.id }, 'an invite was made');
      return page(request, reply, {
        shown: {
          ok: true,
          repName: made.repName,
          link: inviteLink(origin, made.secret),
          code: inviteCode(origin, made.secret),
          expiresAt: made.expiresAt,
        },
      });
    }

    pages.get('/board/team', (request, reply) => page(request, reply));

    pages.post('/board/team/invites', async (request, reply) => {
      const form = checkedForm(request, InviteForm, theSession(request).csrf);
      if (!form.ok)
        return form.forged ? forbidden(reply) : page(request, reply, { error: form.message }, 400);
      return invite(request, reply, { repName: form.data.name }, form.data.nonce);
    });

    pages.post('/board/team/reps/:id/reinvite', async (request, reply) => {
      const params = IdParams.safeParse(request.params);
      const form = checkedForm(request, ReinviteForm, theSession(request).csrf);
      if (!form.ok)
        return form.forged ? forbidden(reply) : page(request, reply, { error: form.message }, 400);
      if (!params.success) return notFound(request, reply);
      return invite(request, reply, { repId: params.data.id }, form.data.nonce);
    });

    pages.post('/board/team/reps/:id/rename', async (request, reply) => {
      const session = theSession(request);
      const params = IdParams.safeParse(request.params);
      const form = checkedForm(request, RenameForm, session.csrf);
      if (!form.ok)
        return form.forged ? forbidden(reply) : page(request, reply, { error: form.message }, 400);
      if (!params.success) return notFound(request, reply);
      const { id } = params.data;
      if (!(await store.accounts.renameRep(session.teamId, id, form.data.name)))
        return notFound(request, reply);
      return reply.redirect(backTo({ done: 'renamed', rep: id }), 303);
    });

    pages.post('/board/team/reps/:id/remove', async (request, reply) => {
      const session = theSession(request);
      const params = IdParams.safeParse(request.params);
      const form = checkedForm(request, CsrfForm, session.csrf);
      if (!form.ok) return forbidden(reply);
      const ours =
        params.success && (await store.accounts.isTeamRep(session.teamId, params.data.id));
      if (!ours || !params.success) return notFound(request, reply);
      await store.accounts.revokeRep(params.data.id);
      request.log.info({ managerId: session.id, repId: params.data.id }, 'a manager removed a rep');
      return reply.redirect(backTo({ done: 'removed' }), 303);
    });

    pages.post('/board/team/invites/:id/revoke', async (request, reply) => {
      const session = theSession(request);
      const params = IdParams.safeParse(request.params);
      const form = checkedForm(request, CsrfForm, session.csrf);
      if (!form.ok) return forbidden(reply);
      const revoked =
        params.success && (await store.invites.revoke(session.teamId, params.data.id));
      if (!revoked) return notFound(request, reply);
      return reply.redirect(backTo({ done: 'withdrawn' }), 303);
    });

    // ── /board/password: the manager changes their own password (current + new).
    pages.get('/board/password', (request, reply) =>
      htmlHeaders(reply).send(renderChangePasswordPage(managerLayoutSession(theSession(request)))),
    );

    pages.post('/board/password', async (request, reply) => {
      const session = theSession(request);
      const layoutSession = managerLayoutSession(session);
      const form = checkedForm(request, ChangePasswordForm, session.csrf);
      if (!form.ok)
        return form.forged
          ? forbidden(reply)
          : htmlHeaders(reply)
              .code(400)
              .send(renderChangePasswordPage(layoutSession, { error: form.message }));
      const account = await store.accounts.managerForLogin(session.email);
      const currentOk =
        account !== null && (await verifyPassword(form.data.current, account.passwordHash));
      if (!currentOk)
        return htmlHeaders(reply)
          .code(400)
          .send(
            renderChangePasswordPage(layoutSession, {
              error: 'Your current password is not that.',
            }),
          );
      const problem = newPasswordProblem(form.data.password, form.data.confirm);
      if (problem)
        return htmlHeaders(reply)
          .code(400)
          .send(renderChangePasswordPage(layoutSession, { error: problem }));
      const id = request.cookies[SESSION_COOKIE] ?? '';
      await store.accounts.changeManagerPassword(
        session.id,
        await hashPassword(form.data.password),
        id,
      );
      return htmlHeaders(reply).send(renderChangePasswordPage(layoutSession, { done: true }));
    });
  };
}
