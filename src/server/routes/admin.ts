// The accounts' browser pages, registered inside the board's context (routes/board.ts), so the
// same cookie parsing and host check apply: the admin area under /admin (an admin's session),
// and one-time password links at /password/<secret> (no session: the secret is the proof); the
// manager's Team page and password change are routes/team-admin.ts. Every POST carries the
// session's CSRF token and must come from this origin; every form body is parsed with zod.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hashPassword, sameSecret } from '../auth.ts';
import {
  adminLayoutSession,
  renderAdminPage,
  renderMessagePage,
  renderPasswordSetPage,
  renderSetPasswordPage,
  renderSignedOutPage,
  type ShownPasswordLink,
} from '../pages/admin-pages.ts';
import type { Admin } from '../repositories/admin-accounts.ts';
import { EmailTakenError } from '../repositories/admin-accounts.ts';
import { LINK_PROBLEMS, type PasswordAccount } from '../repositories/password-links.ts';
import type { TeamStore } from '../store.ts';
import { htmlHeaders, sameOrigin, SESSION_COOKIE } from './board.ts';

/** Passwords people choose: long enough to resist guessing, short enough to type. */
export const NewPassword = z
  .string()
  .min(12, { error: 'Choose a password of at least 12 characters.' })
  .max(200, { error: 'Choose a password of at most 200 characters.' });

/** The session's CSRF token, as every account form sends it. */
export const Csrf = z.string().max(200);
/** `:id` in an account route: a team's, manager's, rep's or invite's id. */
export const IdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const TeamForm = z.object({
  csrf: Csrf,
  name: z.string().trim().min(1, { error: 'Give the team a name.' }).max(100),
});
const ManagerForm = z.object({
  csrf: Csrf,
  teamId: z.string().max(64),
  email: z.email({ error: 'Enter the manager’s email address.' }).max(200),
});
/** A form that sends nothing but the CSRF token (revoke, remove, withdraw). */
export const CsrfForm = z.object({ csrf: Csrf });
const SetPasswordForm = z.object({
  password: z.string().max(400),
  confirm: z.string().max(400),
  username: z.string().max(200).optional(),
});

export interface AccountPagesDeps {
  store: TeamStore;
}

/** The new password's problem in words, or null. */
export function newPasswordProblem(password: string, confirm: string): string | null {
  const parsed = NewPassword.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Choose another password.';
  return password === confirm ? null : 'The two passwords differ; type the same one twice.';
}

/** The server's origin as the browser reached it (scheme from the proxy when trusted). */
export const originOf = (request: FastifyRequest): string =>
  `${request.protocol}://${request.host}`;

/** A form posted from this origin with the session's CSRF token; otherwise null. */
export function checkedForm<T extends z.ZodType<{ csrf: string }>>(
  request: FastifyRequest,
  schema: T,
  csrf: string,
): { ok: true; data: z.output<T> } | { ok: false; forged: boolean; message: string } {
  const raw = CsrfForm.safeParse(request.body);
  if (!sameOrigin(request) || !raw.success || !sameSecret(raw.data.csrf, csrf))
    return { ok: false, forged: true, message: 'Send this form from the page itself.' };
  const form = schema.safeParse(request.body);
  if (!form.success)
    return {
      ok: false,
      forged: false,
      message: form.error.issues[0]?.message ?? 'Check the form.',
    };
  return { ok: true, data: form.data };
}

/**
 * A form whose CSRF token or origin is not this session's page: forged, or (what a person meets)
 * a tab opened before they signed in again.
 */
export const forbidden = (reply: FastifyReply) =>
  htmlHeaders(reply)
    .code(403)
    .send(
      renderMessagePage(
        'Form out of date',
        'This form was not sent from the page as it is now, so nothing was changed. Reload the page and try again.',
        null,
        // /login sends a signed-in person on to their board or the admin area.
        { href: '/login', label: 'Back to your pages' },
      ),
    );

/** A form posted without a session: a page a person can read, not an API error. */
export const signedOut = (reply: FastifyReply) =>
  htmlHeaders(reply).code(401).send(renderSignedOutPage());

export function accountPages({ store }: AccountPagesDeps) {
  return async (plain: FastifyInstance) => {
    // ── /password/<secret>: set your own password with a one-time link.
    plain.get<{ Params: { secret: string } }>('/password/:secret', async (request, reply) => {
      const found = await store.passwordLinks.find(request.params.secret);
      if (!found.ok)
        return htmlHeaders(reply)
          .code(found.problem === 'unknown' ? 404 : 410)
          .send(renderMessagePage('Password link', LINK_PROBLEMS[found.problem], null));
      return htmlHeaders(reply).send(renderSetPasswordPage(found.email, null));
    });

    plain.post<{ Params: { secret: string } }>('/password/:secret', async (request, reply) => {
      const { secret } = request.params;
      const found = await store.passwordLinks.find(secret);
      if (!found.ok)
        return htmlHeaders(reply)
          .code(found.problem === 'unknown' ? 404 : 410)
          .send(renderMessagePage('Password link', LINK_PROBLEMS[found.problem], null));
      // No session here: the secret in the path is what a forged form cannot know; the origin
      // check keeps another site from posting it even with the link in hand.
      if (!sameOrigin(request)) return forbidden(reply);
      const form = SetPasswordForm.safeParse(request.body);
      const problem = form.success
        ? newPasswordProblem(form.data.password, form.data.confirm)
        : 'Fill in both fields.';
      if (problem || !form.success)
        return htmlHeaders(reply)
          .code(400)
          .send(renderSetPasswordPage(found.email, problem ?? 'Fill in both fields.'));
      const used = await store.passwordLinks.use(
        secret,
        found.account,
        await hashPassword(form.data.password),
      );
      if (!used)
        return htmlHeaders(reply)
          .code(410)
          .send(renderMessagePage('Password link', LINK_PROBLEMS.used, null));
      request.log.info({ account: found.account }, 'a password was set through its link');
      return htmlHeaders(reply).send(renderPasswordSetPage(found.email));
    });

    // ── /admin: an admin's session, resolved once by this hook.
    await plain.register(
      async (admin: FastifyInstance) => {
        const sessions = new WeakMap<FastifyRequest, Admin & { csrf: string }>();
        const theSession = (request: FastifyRequest) => {
          const session = sessions.get(request);
          if (!session) throw new Error('The admin hook did not run');
          return session;
        };
        admin.addHook('onRequest', async (request, reply) => {
          const id = request.cookies[SESSION_COOKIE];
          const session = id ? await store.sessions.findAdmin(id) : null;
          if (session) {
            sessions.set(request, session);
            return;
          }
          const manager = id ? await store.sessions.find(id) : null;
          if (manager)
            return htmlHeaders(reply)
              .code(403)
              .send(
                renderMessagePage(
                  'Admins only',
                  'This page is for the server’s admins. Your account manages a team: your pages are the board and Team.',
                  {
                    csrf: manager.csrf,
                    email: manager.email,
                    teamName: manager.teamName,
                    manager: true,
                    admin: false,
                  },
                ),
              );
          return request.method === 'GET' ? reply.redirect('/login', 303) : signedOut(reply);
        });

        async function page(
          request: FastifyRequest,
          reply: FastifyReply,
          extra: { error?: string; shown?: ShownPasswordLink } = {},
          status = 200,
        ) {
          const session = theSession(request);
          return htmlHeaders(reply)
            .code(status)
            .send(
              renderAdminPage({
                session: adminLayoutSession(session),
                teams: await store.admins.teams(),
                ...extra,
              }),
            );
        }

        /** A new password link for a manager, shown in this answer only. */
        async function linkFor(
          request: FastifyRequest,
          account: PasswordAccount,
          email: string,
          why: ShownPasswordLink['why'],
        ): Promise<ShownPasswordLink> {
          const link = await store.passwordLinks.issue(account);
          return {
            email,
            why,
            expiresAt: link.expiresAt,
            link: `${originOf(request)}/password/${link.secret}`,
          };
        }

        admin.get('/', (request, reply) => page(request, reply));

        admin.post('/teams', async (request, reply) => {
          const form = checkedForm(request, TeamForm, theSession(request).csrf);
          if (!form.ok)
            return form.forged
              ? forbidden(reply)
              : page(request, reply, { error: form.message }, 400);
          const id = await store.admins.addTeam(form.data.name);
          if (!id)
            return page(
              request,
              reply,
              { error: `There is already a team named "${form.data.name}".` },
              409,
            );
          return reply.redirect('/admin', 303);
        });

        admin.post('/managers', async (request, reply) => {
          const form = checkedForm(request, ManagerForm, theSession(request).csrf);
          if (!form.ok)
            return form.forged
              ? forbidden(reply)
              : page(request, reply, { error: form.message }, 400);
          let id: string | null;
          try {
            id = await store.admins.addManager(form.data.teamId, form.data.email);
          } catch (error) {
            if (error instanceof EmailTakenError)
              return page(request, reply, { error: error.message }, 409);
            throw error;
          }
          if (!id) return page(request, reply, { error: 'That team is gone.' }, 404);
          const shown = await linkFor(
            request,
            { kind: 'manager', id },
            form.data.email.trim().toLowerCase(),
            'added',
          );
          return page(request, reply, { shown });
        });

        admin.post('/managers/:id/reset', async (request, reply) => {
          const params = IdParams.safeParse(request.params);
          const form = checkedForm(request, CsrfForm, theSession(request).csrf);
          if (!form.ok) return forbidden(reply);
          const manager = params.success ? await store.admins.manager(params.data.id) : null;
          if (!manager) return page(request, reply, { error: 'There is no such manager.' }, 404);
          await store.admins.clearManagerPassword(manager.id);
          const shown = await linkFor(
            request,
            { kind: 'manager', id: manager.id },
            manager.email,
            'reset',
          );
          request.log.info({ managerId: manager.id }, "an admin reset a manager's password");
          return page(request, reply, { shown });
        });

        admin.post('/managers/:id/revoke', async (request, reply) => {
          const params = IdParams.safeParse(request.params);
          const form = checkedForm(request, CsrfForm, theSession(request).csrf);
          if (!form.ok) return forbidden(reply);
          const revoked = params.success && (await store.admins.revokeManager(params.data.id));
          if (!revoked) return page(request, reply, { error: 'There is no such manager.' }, 404);
          request.log.info({ managerId: params.data.id }, 'an admin revoked a manager');
          return reply.redirect('/admin', 303);
        });
      },
      { prefix: '/admin' },
    );
  };
}
