// The team endpoint: the rep API under /api/v1 (bearer token) and the manager's board (session
// cookie). Payloads are parsed with the shared zod schemas in the handlers; the rep is always
// derived from the token, never from the payload.
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import {
  API_PREFIX,
  MAX_BODY_BYTES,
  TeamId,
  UpsertMissionBody,
  WithdrawQuery,
} from '../shared/team.ts';
import { hashPassword, newToken, sameSecret, verifyPassword } from './auth.ts';
import { renderBoardContent, renderBoardPage, renderLoginPage } from './board-page.ts';
import {
  DatabaseGoneError,
  type Manager,
  messageOf,
  type Rep,
  type TeamDb,
  type WriteOutcome,
} from './db.ts';
import { createGroupCommit } from './group-commit.ts';
import { createTeamReads } from './reads.ts';

export interface TeamServerOptions {
  db: TeamDb;
  now?: () => Date;
  /** Requests per minute per rep token (or per address without one). */
  rateLimitPerMinute?: number;
  /** Sign-in attempts per minute per address. */
  loginLimitPerMinute?: number;
  sessionTtlMs?: number;
  /** Structured JSON logs (Fastify's pino), to stdout or to `logStream`. */
  logger?: boolean;
  logStream?: Writable;
  /**
   * Behind a TLS proxy: which proxy to believe about the client's address and protocol (true,
   * a hop count, or addresses/CIDRs). With it the session cookie is Secure and HTTPS answers
   * carry HSTS.
   */
  trustProxy?: boolean | string;
  /** Host names the board answers to besides loopback (the name managers type). */
  publicHosts?: readonly string[];
  /** How long a client may take to send a whole request, headers and body. */
  requestTimeoutMs?: number;
}

/** Wins and states dated further ahead of the server's clock than this are refused. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;
/** Sign-in and sign-out forms are small. */
export const FORM_BODY_BYTES = 4096;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];

const SESSION_COOKIE = 'mt_session';
const MissionParams = z.object({ missionId: TeamId });
const LoginForm = z.object({ email: z.string().max(200), password: z.string().max(200) });
const LogoutForm = z.object({ csrf: z.string().max(200) });
const BoardQuery = z
  .object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) })
  .catch({ page: 1 });

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const asset = (name: string): string =>
  readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8');

/** "state.days.0.count: Too small…" — where in the payload, and what is wrong. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

const kib = (bytes: number): string => `${bytes / 1024} KiB`;

/** The first win or state time beyond the allowance for clock skew, if any. */
function futureInstant(state: UpsertMissionBody['state'], now: Date): string | null {
  const limit = now.getTime() + CLOCK_SKEW_MS;
  for (const at of [state.asOf, ...state.recentWins.map((w) => w.at)])
    if (Date.parse(at) > limit) return at;
  return null;
}

export function createTeamServer(options: TeamServerOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const reads = createTeamReads(db.db, now);
  const writes = createGroupCommit(db);
  const sessionTtlMs = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
  const assets = { js: asset('board.js'), css: asset('board.css') };

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const trustProxy = options.trustProxy ?? false;
  const boardHosts = new Set([...LOOPBACK_HOSTS, ...(options.publicHosts ?? [])]);
  // Unknown emails are checked against this, so a sign-in takes as long whoever it names.
  const decoyHash = hashPassword(newToken('decoy'));

  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          ...(options.logStream ? { stream: options.logStream } : {}),
          // The default serializers log no headers or bodies; this keeps it so if they change.
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        }
      : false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy,
    // A client that trickles its request is cut off: the whole request, body included, within
    // requestTimeout; an idle connection within twice that.
    requestTimeout,
    connectionTimeout: requestTimeout * 2,
    http: {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 10_000),
      // How often Node checks those deadlines (its default, 30 s, would stretch them).
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
    },
    // Errors met before a route runs: a malformed URL, a request Node could not parse.
    frameworkErrors: (error, _request, reply) => {
      // Fastify types this reply per route; here no route has matched yet.
      const raw: FastifyReply = reply;
      void raw.code(400).send({ error: `The request could not be read: ${error.message}.` });
    },
    clientErrorHandler: (error, socket) => {
      const code = 'code' in error ? String(error.code) : '';
      const [status, sentence] =
        code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['408 Request Timeout', 'The request took too long to arrive; nothing was stored.']
          : code === 'HPE_HEADER_OVERFLOW'
            ? ['431 Request Header Fields Too Large', 'The request headers are too large.']
            : ['400 Bad Request', 'The request is not valid HTTP.'];
      if (socket.writable) {
        const body = JSON.stringify({ error: sentence });
        socket.end(
          `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      } else socket.destroy(error);
    },
  });

  // Forms post urlencoded bodies; Fastify parses only JSON by itself.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_BYTES },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  // Every error is `{ error: "<sentence>" }` (docs/PROTOCOL.md), the framework's own included.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
      const limit = form ? FORM_BODY_BYTES : MAX_BODY_BYTES;
      return reply
        .code(413)
        .send({ error: `The request is larger than ${kib(limit)}; nothing was stored.` });
    }
    if (status === 429) return reply.code(429).send({ error: error.message });
    if (status >= 400 && status < 500)
      return reply
        .code(status)
        .send({ error: `The request could not be read: ${error.message.replace(/\.?$/, '.')}` });
    if (error instanceof DatabaseGoneError) {
      request.log.fatal({ err: error }, 'the database file is gone; writes are refused');
      return reply.code(503).send({
        error:
          'The team server cannot store anything now (its database is missing); nothing was stored.',
      });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'The team server failed; try again shortly.' });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: 'There is nothing at this address on the team server.' }),
  );

  // Hardening headers for every answer: HSTS once the proxy says the client came over HTTPS.
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  // Per instance, in memory: each server process counts its own requests (README).
  app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // A known rep's token is their bucket; anything else (no token, a made-up one) is the
    // address's, so inventing tokens never buys a fresh allowance.
    keyGenerator: (request) => {
      const token = bearer(request);
      const rep = token ? db.repByToken(token) : null;
      return rep ? `rep:${rep.id}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`),
        { statusCode: 429 },
      ),
  });

  app.get('/healthz', { config: { rateLimit: false } }, (_request, reply) =>
    reply.send({ status: 'alive' }),
  );
  app.get('/readyz', { config: { rateLimit: false } }, (request, reply) => {
    try {
      db.assertReady();
      return reply.send({ status: 'ready' });
    } catch (error) {
      request.log.error({ err: error }, 'not ready');
      return reply.code(503).send({ error: `The team server is not ready: ${messageOf(error)}` });
    }
  });

  app.register(
    async (api) => {
      function requireRep(request: FastifyRequest, reply: FastifyReply): Rep | null {
        const token = bearer(request);
        const rep = token ? db.repByToken(token) : null;
        if (!rep)
          void reply.code(401).send({
            error: 'This token is unknown or was revoked. Ask your manager for a new one.',
          });
        return rep;
      }

      function sendWrite(reply: FastifyReply, missionId: string, outcome: WriteOutcome) {
        if (outcome.kind === 'forbidden')
          return reply.code(403).send({ error: 'That mission belongs to another rep.' });
        if (outcome.kind === 'not-found')
          return reply.code(404).send({ error: 'That mission is not on the team server.' });
        if (outcome.kind === 'full') return reply.code(403).send({ error: outcome.message });
        return reply.send({ missionId, revision: outcome.revision, applied: outcome.applied });
      }

      api.put('/missions/:missionId', async (request, reply) => {
        const rep = requireRep(request, reply);
        if (!rep) return reply;
        const params = MissionParams.safeParse(request.params);
        if (!params.success) return reply.code(400).send({ error: describe(params.error) });
        const body = UpsertMissionBody.safeParse(request.body);
        if (!body.success) return reply.code(400).send({ error: describe(body.error) });
        const { missionId } = params.data;
        const { revision, state } = body.data;
        const future = futureInstant(state, now());
        if (future)
          return reply.code(400).send({
            error: `${future} is ahead of the team server's clock; check your computer's date and time.`,
          });
        return sendWrite(
          reply,
          missionId,
          await writes.write((tx) => tx.upsertMission(rep, missionId, revision, state)),
        );
      });

      api.delete('/missions/:missionId', async (request, reply) => {
        const rep = requireRep(request, reply);
        if (!rep) return reply;
        const params = MissionParams.safeParse(request.params);
        if (!params.success) return reply.code(400).send({ error: describe(params.error) });
        const query = WithdrawQuery.safeParse(request.query);
        if (!query.success) return reply.code(400).send({ error: describe(query.error) });
        const { missionId } = params.data;
        const { revision } = query.data;
        return sendWrite(
          reply,
          missionId,
          await writes.write((tx) => tx.withdrawMission(rep.id, missionId, revision)),
        );
      });

      api.get('/team', async (request, reply) => {
        const rep = requireRep(request, reply);
        if (!rep) return reply;
        return reply.send(reads.teamView(rep));
      });

      api.post('/missions/:missionId/cheers', async (request, reply) => {
        const rep = requireRep(request, reply);
        if (!rep) return reply;
        const params = MissionParams.safeParse(request.params);
        if (!params.success) return reply.code(400).send({ error: describe(params.error) });
        const outcome = db.cheer(rep, params.data.missionId);
        if (outcome.kind === 'own')
          return reply.code(400).send({ error: 'Cheer a teammate’s mission, not your own.' });
        if (outcome.kind === 'forbidden')
          return reply.code(403).send({ error: 'That mission belongs to another team.' });
        if (outcome.kind === 'not-found')
          return reply.code(404).send({ error: 'That mission is not on the team server.' });
        return reply.send({ cheers: outcome.cheers });
      });
    },
    { prefix: API_PREFIX },
  );

  // ── The board ── in its own context: only its routes parse cookies, the rep API never does.
  app.register(async (board) => {
    await board.register(cookie);

    // The board answers only to its own names, so a page on another site that points its own
    // name at this address (DNS rebinding) cannot read it with the manager's browser.
    board.addHook('onRequest', async (request, reply) => {
      if (!boardHosts.has(request.hostname))
        return reply.code(421).send({
          error: `This board does not answer to "${request.hostname}"; start the server with --public-host ${request.hostname} if that is its name.`,
        });
    });

    function htmlHeaders(reply: FastifyReply): FastifyReply {
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .header('cache-control', 'no-store');
    }

    function sessionOf(request: FastifyRequest): (Manager & { csrf: string }) | null {
      const id = request.cookies[SESSION_COOKIE];
      return id ? db.session(id) : null;
    }

    /**
     * Login CSRF: a browser marks a form posted from another site (Sec-Fetch-Site), and sends that
     * site's Origin; tools like curl send neither and are let through.
     */
    function sameOrigin(request: FastifyRequest): boolean {
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

    board.get('/login', (request, reply) => {
      if (sessionOf(request)) return reply.redirect('/board', 303);
      return htmlHeaders(reply).send(renderLoginPage(null));
    });

    board.post(
      '/login',
      {
        config: {
          rateLimit: {
            max: options.loginLimitPerMinute ?? 10,
            timeWindow: 60_000,
            keyGenerator: (request: FastifyRequest) => `login:${request.ip}`,
          },
        },
      },
      async (request, reply) => {
        if (!sameOrigin(request))
          return htmlHeaders(reply).code(403).send(renderLoginPage('Sign in from this page.'));
        const form = LoginForm.safeParse(request.body);
        const manager = form.success ? db.managerForLogin(form.data.email.trim()) : null;
        // The same scrypt work whether the email is a manager's or not.
        const passwordOk = await verifyPassword(
          form.success ? form.data.password : '',
          manager?.passwordHash ?? (await decoyHash),
        );
        const ok = form.success && manager !== null && passwordOk;
        if (!ok || !manager)
          return htmlHeaders(reply)
            .code(401)
            .send(renderLoginPage('That email and password do not match.'));
        const session = db.createSession(manager.id, sessionTtlMs);
        return reply
          .setCookie(SESSION_COOKIE, session.id, {
            path: '/',
            httpOnly: true,
            sameSite: 'strict',
            secure: trustProxy !== false || request.protocol === 'https',
            maxAge: Math.floor(sessionTtlMs / 1000),
          })
          .redirect('/board', 303);
      },
    );

    board.post('/logout', (request, reply) => {
      const session = sessionOf(request);
      const form = LogoutForm.safeParse(request.body);
      if (
        !session ||
        !form.success ||
        !sameOrigin(request) ||
        !sameSecret(form.data.csrf, session.csrf)
      )
        return reply.code(403).send({ error: 'Sign out from the board page.' });
      const id = request.cookies[SESSION_COOKIE];
      if (id) db.deleteSession(id);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/login', 303);
    });

    board.get('/board', (request, reply) => {
      const session = sessionOf(request);
      if (!session) return reply.redirect('/login', 303);
      return htmlHeaders(reply).send(
        renderBoardPage(
          reads.board(session.teamId, session.teamName, BoardQuery.parse(request.query).page),
          session.csrf,
        ),
      );
    });

    board.get('/board/content', (request, reply) => {
      const session = sessionOf(request);
      if (!session) return reply.code(401).send({ error: 'Sign in again.' });
      const { page } = BoardQuery.parse(request.query);
      return htmlHeaders(reply).send(
        renderBoardContent(reads.board(session.teamId, session.teamName, page)),
      );
    });
  });

  return app;
}
