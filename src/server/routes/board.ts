// The manager's board: sign-in and sign-out, the board's assets, and under /board the pages a
// session sees, behind one hook that resolves the session cookie. In its own context: only
// these routes parse cookies, the rep API never does. The board answers only to its own names,
// so a page on another site that points its own name at this address (DNS rebinding) cannot
// read it with the manager's browser.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { z } from 'zod';
import { hashPassword, newToken, verifyPassword } from '../auth.ts';
import {
  type BoardView,
  boardCsv,
  layout,
  type LayoutSession,
  managerLayoutSession,
  renderBoardContent,
  renderBoardPage,
  renderLoginPage,
  renderRepPage,
  STATUS_FILTERS,
} from '../board-page.ts';
import { createBoardContentCache } from '../board-content-cache.ts';
import { TeamId } from '../../shared/team.ts';
import type { Manager } from '../repositories/accounts.ts';
import { accountPages, checkedForm, CsrfForm, forbidden } from './admin.ts';
import { teamAdminRoutes } from './team-admin.ts';
import type { SignInLimits } from '../repositories/sign-in-throttle.ts';
import type { TeamStore } from '../store.ts';
import type { ZodTypeProvider } from './zod.ts';

export const SESSION_COOKIE = 'mt_session';

const LoginForm = z.object({ email: z.string().max(200), password: z.string().max(200) });
const BoardQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
    // A metric's key is its unit ("meetings", "proposals"); '' is every metric.
    metric: z.string().trim().toLowerCase().max(60).catch('').default(''),
    status: z.enum(STATUS_FILTERS).catch('all').default('all'),
  })
  .catch({ page: 1, metric: '', status: 'all' });
type BoardQuery = z.infer<typeof BoardQuery>;
const ChangesQuery = z.object({ since: z.string().max(200).catch('').default('') });
const RepParams = z.object({ repId: z.string().max(100) });
/** The routes a script calls (board.js): an expired session answers 401, not a redirect. */
const SCRIPT_ROUTES = ['/board/content', '/board/changes', '/board/export.csv'];

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const asset = (name: string): string =>
  readFileSync(new URL(`../public/${name}`, import.meta.url), 'utf8');

/** The headers of every HTML page of the board and the admin area (their CSP above). */
export function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store');
}

/**
 * Login CSRF: a browser marks a form posted from another site (Sec-Fetch-Site), and sends that
 * site's Origin; tools like curl send neither and are let through.
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export interface BoardDeps {
  store: TeamStore;
  sessionTtlMs: number;
  signInLimits: SignInLimits;
  /** Host names the board answers to. */
  hosts: ReadonlySet<string>;
  /** Behind a TLS proxy the session cookie is always Secure. */
  secureCookies: boolean;
}

export function boardRoutes({
  store,
  sessionTtlMs,
  signInLimits,
  hosts,
  secureCookies,
}: BoardDeps) {
  const assets = { js: asset('board.js'), css: asset('board.css') };
  const contents = createBoardContentCache();
  // Unknown emails are checked against this, so a sign-in takes as long whoever it names.
  const decoyHash = hashPassword(newToken('decoy'));

  return async (plain: FastifyInstance) => {
    const board = plain.withTypeProvider<ZodTypeProvider>();
    await board.register(cookie);

    board.addHook('onRequest', async (request, reply) => {
      if (!hosts.has(request.hostname))
        return reply.code(421).send({
          error: `This board does not answer to "${request.hostname}"; start the server with --public-host ${request.hostname} if that is its name.`,
        });
    });

    function sessionOf(request: FastifyRequest): Promise<(Manager & { csrf: string }) | null> {
      const id = request.cookies[SESSION_COOKIE];
      return id ? store.sessions.find(id) : Promise.resolve(null);
    }

    board.get('/board.js', (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(assets.js),
    );
    board.get('/board.css', (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(assets.css),
    );
    board.get('/', (_request, reply) => reply.redirect('/board', 303));
    // Browsers ask for it on every page; an empty answer keeps their consoles quiet.
    board.get('/favicon.ico', (_request, reply) => reply.code(204).send());

    /** An admin's session (admin_sessions), for /login and /logout. */
    function adminSessionOf(request: FastifyRequest) {
      const id = request.cookies[SESSION_COOKIE];
      return id ? store.sessions.findAdmin(id) : Promise.resolve(null);
    }

    board.get('/login', async (request, reply) => {
      if (await sessionOf(request)) return reply.redirect('/board', 303);
      if (await adminSessionOf(request)) return reply.redirect('/admin', 303);
      return htmlHeaders(reply).send(renderLoginPage(null));
    });

    // Throttled in the database (per address and per account), not by the per-instance limiter.
    board.post('/login', { config: { rateLimit: false } }, async (request, reply) => {
      if (!sameOrigin(request))
        return htmlHeaders(reply).code(403).send(renderLoginPage('Sign in from this page.'));
      const form = LoginForm.safeParse(request.body);
      const email = form.success ? form.data.email.trim() : '';
      const verdict = await store.signIns.admit(request.ip, email, signInLimits);
      if (!verdict.allowed)
        return htmlHeaders(reply)
          .code(429)
          .header('retry-after', String(verdict.retryAfterS))
          .send(
            renderLoginPage(
              `Too many sign-in attempts; try again in ${verdict.retryAfterS} s.`,
              email,
            ),
          );
      // A manager's account or an admin's (one email, one account).
      const manager = form.success ? await store.accounts.managerForLogin(email) : null;
      const admin = form.success && !manager ? await store.admins.adminForLogin(email) : null;
      const account = manager ?? admin;
      // The same scrypt work whether the email is an account's, or one without a password yet.
      const passwordOk = await verifyPassword(
        form.success ? form.data.password : '',
        account?.passwordHash || (await decoyHash),
      );
      if (!form.success || !account || !passwordOk)
        return htmlHeaders(reply)
          .code(401)
          .send(renderLoginPage('That email and password do not match.', email));
      const session = manager
        ? await store.sessions.create(manager.id, sessionTtlMs)
        : await store.sessions.createAdmin(account.id, sessionTtlMs);
      return reply
        .setCookie(SESSION_COOKIE, session.id, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookies || request.protocol === 'https',
          maxAge: Math.floor(sessionTtlMs / 1000),
        })
        .redirect(manager ? '/board' : '/admin', 303);
    });

    board.post('/logout', async (request, reply) => {
      const session = (await sessionOf(request)) ?? (await adminSessionOf(request));
      // Already signed out (the session expired, or the account was removed): nothing to end.
      if (!session) return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/login', 303);
      // Forged, or a tab from before the last sign-in: the session stays, and a page says why.
      if (!checkedForm(request, CsrfForm, session.csrf).ok) return forbidden(reply);
      const id = request.cookies[SESSION_COOKIE];
      if (id) await store.sessions.delete(id);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/login', 303);
    });

    // The accounts' pages (/admin, /password/<secret>, /board/team, /board/password).
    await board.register(accountPages({ store }));
    await board.register(teamAdminRoutes({ store }));

    // ── /board: a manager's session, resolved once by this hook.
    await board.register(
      async (plainPages: FastifyInstance) => {
        const pages = plainPages.withTypeProvider<ZodTypeProvider>();
        const sessions = new WeakMap<FastifyRequest, Manager & { csrf: string }>();
        const theSession = (request: FastifyRequest) => {
          const session = sessions.get(request);
          if (!session) throw new Error('The board hook did not run');
          return session;
        };
        pages.addHook('onRequest', async (request, reply) => {
          const session = await sessionOf(request);
          if (!session)
            return SCRIPT_ROUTES.some((route) => request.url.startsWith(route))
              ? reply.code(401).send({ error: 'Sign in again.' })
              : reply.redirect('/login', 303);
          sessions.set(request, session);
        });

        /** One view of the board; the token is read first, so a later change is never missed. */
        async function viewOf(session: Manager, query: BoardQuery): Promise<BoardView> {
          return viewAt(session, query, await store.charts.changeToken(session.teamId));
        }

        async function viewAt(
          session: Manager,
          query: BoardQuery,
          token: string,
        ): Promise<BoardView> {
          const metric = query.metric === '' ? null : query.metric;
          const [data, metrics, week] = await Promise.all([
            store.reads.board(session.teamId, session.teamName, query.page),
            store.charts.metrics(session.teamId),
            store.charts.winsThisWeek(session.teamId, metric),
          ]);
          return {
            data,
            filters: { metric, status: query.status },
            metrics,
            week,
            today: data.generatedAt.slice(0, 10),
            token,
          };
        }

        pages.get('/', { schema: { querystring: BoardQuery } }, async (request, reply) => {
          const session = theSession(request);
          const view = await viewOf(session, request.query);
          return htmlHeaders(reply).send(renderBoardPage(view, managerLayoutSession(session)));
        });

        // What board.js fetches after a change: drawn once per team, view and token (the
        // content holds nothing of the session, only of the team).
        pages.get('/content', { schema: { querystring: BoardQuery } }, async (request, reply) => {
          const session = theSession(request);
          const { query } = request;
          const token = await store.charts.changeToken(session.teamId);
          const key = JSON.stringify([session.teamId, query.page, query.metric, query.status]);
          const html = await contents.get(key, token, async () => ({
            html: renderBoardContent(await viewAt(session, query, token)),
            // A change while it was drawn may be in it: serve it, but draw again next time.
            keep: (await store.charts.changeToken(session.teamId)) === token,
          }));
          return htmlHeaders(reply).header('x-board-token', token).send(html);
        });

        // The open boards' poll: one indexed query; 204 while nothing changed.
        pages.get('/changes', { schema: { querystring: ChangesQuery } }, async (request, reply) => {
          const token = await store.charts.changeToken(theSession(request).teamId);
          reply.header('cache-control', 'no-store');
          if (token === request.query.since) return reply.code(204).send();
          return reply.send({ token });
        });

        pages.get(
          '/export.csv',
          { schema: { querystring: BoardQuery } },
          async (request, reply) => {
            const session = theSession(request);
            const view = await viewOf(session, request.query);
            const day = view.today;
            const name = `${session.teamName.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'team'}-board-${day}.csv`;
            return reply
              .type('text/csv; charset=utf-8')
              .header('content-disposition', `attachment; filename="${name}"`)
              .header('x-content-type-options', 'nosniff')
              .header('cache-control', 'no-store')
              .send(boardCsv(view));
          },
        );

        pages.get('/reps/:repId', { schema: { params: RepParams } }, async (request, reply) => {
          const session = theSession(request);
          const id = TeamId.safeParse(request.params.repId);
          const rep = id.success ? await store.charts.rep(session.teamId, id.data) : null;
          const layoutSession: LayoutSession = managerLayoutSession(session);
          if (!rep)
            return htmlHeaders(reply)
              .code(404)
              .send(
                layout({
                  title: 'No such rep',
                  session: layoutSession,
                  nav: 'board',
                  body: '<p>There is no rep with this address on your team. They may have been removed, or belong to another team.</p><p><a href="/board">Back to the team board</a></p>',
                }),
              );
          return htmlHeaders(reply).send(renderRepPage(rep, session.teamName, layoutSession));
        });
      },
      { prefix: '/board' },
    );
  };
}
