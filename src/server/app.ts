// The team endpoint (docs/PROTOCOL.md): Fastify with the framework's errors as sentences, the
// per-instance request rate limit, and the route files per area — health (routes/health.ts), the
// rep API under /api/v2 and /api/v1 (routes/rep-api.ts) and the manager's board (routes/board.ts) — over
// the repositories of one store (store.ts).
import type { Writable } from 'node:stream';
import Fastify, {
  type FastifyError,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { API_PREFIX, API_V1_PREFIX, MAX_BODY_BYTES } from '../shared/team.ts';
import { DatabaseGoneError } from './db/connection.ts';
import { createGroupCommit } from './group-commit.ts';
import type { Rep } from './repositories/accounts.ts';
import { DEFAULT_SIGN_IN_LIMITS } from './repositories/sign-in-throttle.ts';
import { boardRoutes } from './routes/board.ts';
import { healthRoutes } from './routes/health.ts';
import { joinRoutes } from './routes/join.ts';
import { bearer, repApiRoutes } from './routes/rep-api.ts';
import { RequestInvalidError, useZodValidation } from './routes/zod.ts';
import type { TeamStore } from './store.ts';

export { CLOCK_SKEW_MS } from './routes/rep-api.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The rep the request's bearer token names, asked once (`repOf`); null until asked. */
    repLookup: Promise<Rep | null> | null;
  }
}

/** A v1 call's URL as its v2 twin (the same call); any other URL as it is. */
export const v2UrlOf = (url: string): string =>
  url === API_V1_PREFIX ||
  url.startsWith(`${API_V1_PREFIX}/`) ||
  url.startsWith(`${API_V1_PREFIX}?`)
    ? API_PREFIX + url.slice(API_V1_PREFIX.length)
    : url;

export interface TeamServerOptions {
  store: TeamStore;
  now?: () => Date;
  /** Requests per minute per rep token (or per address without one), per server process. */
  rateLimitPerMinute?: number;
  /** Sign-in attempts per minute per address, counted in the database (every instance). */
  loginLimitPerMinute?: number;
  /** Sign-in attempts per hour per account, counted in the database (every instance). */
  loginAccountLimitPerHour?: number;
  /** Invite previews and joins per minute per address, counted in the database. */
  inviteLimitPerMinute?: number;
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

/** A URL as logged: an invite's or a password link's secret replaced by "…". */
export const withoutSecrets = (url: string): string =>
  url.replace(/\/(invites|password)\/[^/?#]+/g, '/$1/…');

/** Sign-in and sign-out forms are small. */
export const FORM_BODY_BYTES = 4096;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];

const kib = (bytes: number): string => `${bytes / 1024} KiB`;

/**
 * One line per request, written when it is answered, with what Fastify's two (on arrival and on
 * completion) held between them: the request id, the request's fields, the status and the time
 * taken. Half the log for the same facts; a request never answered gets its own line (below).
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

export function createTeamServer(options: TeamServerOptions) {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const writes = createGroupCommit(store.missions);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const trustProxy = options.trustProxy ?? false;

  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          ...(options.logStream ? { stream: options.logStream } : {}),
          // What a request line holds is ours, field by field: no headers (tokens, cookies) and
          // no bodies, whatever Fastify's own serializers come to log. So nothing is left for
          // pino's redaction to find, which cost a third of each line's time.
          serializers: {
            res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
            // Fastify's own request fields, with the one-time secrets in paths left out.
            req: (req: FastifyRequest) => ({
              method: req.method,
              url: withoutSecrets(req.originalUrl),
              host: req.host,
              remoteAddress: req.ip,
              remotePort: req.socket.remotePort,
            }),
          },
        }
      : false,
    logController: new OneLinePerRequest(),
    bodyLimit: MAX_BODY_BYTES,
    // Protocol v1 is v2 without the optional days away: apps of both are served by one API.
    rewriteUrl: (req) => v2UrlOf(req.url ?? '/'),
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
  useZodValidation(app);

  // Forms post urlencoded bodies; Fastify parses only JSON by itself.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_BYTES },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  // Every error is `{ error: "<sentence>" }` (docs/PROTOCOL.md), the framework's own included.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RequestInvalidError) return reply.code(400).send({ error: error.message });
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

  // Closing (SIGTERM): a request in flight is answered, and its connection closed after the
  // answer. Kept alive, it would hold the close open until the client hung up (undici keeps
  // connections for minutes), and the process would be killed mid-way instead of exiting.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  // A request its client gave up on is never answered: without this it would leave no line.
  if (options.logger)
    app.addHook('onRequestAbort', (request, done) => {
      request.log.info({ req: request }, 'request aborted');
      done();
    });

  // A rep's token opens the rep API only: the board and the admin area are for people.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url;
    const browserPage = /^\/(board|admin)(\/|\?|$)/.test(path);
    if (browserPage && bearer(request) !== null)
      return reply.code(401).send({
        error: "A rep's token does not open the board or the admin area; sign in at /login.",
      });
  });

  // HSTS once the proxy says the client came over HTTPS.
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (closing) reply.header('connection', 'close');
  });

  // The rep a request's token names, looked up once: the rate limit and the rep API both ask.
  // A request decoration (Fastify's own way), not a WeakMap keyed by request as the board's
  // sessions are: this runs on every rep request, and the WeakMap cost it ~1-2 µs (CPU profile).
  app.decorateRequest('repLookup', null);
  function repOf(request: FastifyRequest): Promise<Rep | null> {
    if (request.repLookup === null) {
      const token = bearer(request);
      // PUT and DELETE are mission writes, which check revocation in their transaction.
      const missionWrite = request.method === 'PUT' || request.method === 'DELETE';
      request.repLookup = token
        ? store.accounts.repByToken(token, missionWrite)
        : Promise.resolve(null);
    }
    return request.repLookup;
  }

  // Per instance, in memory: each server process counts its own requests (README).
  app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // A known rep's token is their bucket; anything else (no token, a made-up one) is the
    // address's, so inventing tokens never buys a fresh allowance.
    keyGenerator: async (request) => {
      const rep = await repOf(request);
      return rep ? `rep:${rep.id}` : `ip:${request.ip}`;
    },
    // The x-ratelimit-* headers only on the 429 (with Retry-After), not on every answer: the
    // protocol promises none, and setting and sending them cost each request ~1 µs.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`),
        { statusCode: 429 },
      ),
  });

  app.register(healthRoutes(store));
  app.register(repApiRoutes({ store, writes, now, repOf }), { prefix: API_PREFIX });
  app.register(joinRoutes({ store, perMinute: options.inviteLimitPerMinute ?? 30 }), {
    prefix: API_PREFIX,
  });
  app.register(
    boardRoutes({
      store,
      sessionTtlMs: options.sessionTtlMs ?? 12 * 60 * 60 * 1000,
      signInLimits: {
        perAddress: {
          max: options.loginLimitPerMinute ?? DEFAULT_SIGN_IN_LIMITS.perAddress.max,
          windowMs: 60_000,
        },
        perAccount: {
          max: options.loginAccountLimitPerHour ?? DEFAULT_SIGN_IN_LIMITS.perAccount.max,
          windowMs: 60 * 60_000,
        },
      },
      hosts: new Set([...LOOPBACK_HOSTS, ...(options.publicHosts ?? [])]),
      secureCookies: trustProxy !== false,
    }),
  );

  return app;
}
