// For the load balancer: /healthz (the process answers) and /readyz (the database answers, is
// the file it was opened from, and its schema is the one this code knows). Never rate-limited.
import type { FastifyInstance } from 'fastify';
import { messageOf } from '../db/connection.ts';
import type { TeamStore } from '../store.ts';

export function healthRoutes(store: TeamStore) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { config: { rateLimit: false } }, (_request, reply) =>
      reply.send({ status: 'alive' }),
    );
    app.get('/readyz', { config: { rateLimit: false } }, async (request, reply) => {
      try {
        await store.database.assertReady();
        return reply.send({ status: 'ready' });
      } catch (error) {
        request.log.error({ err: error }, 'not ready');
        return reply.code(503).send({ error: `The team server is not ready: ${messageOf(error)}` });
      }
    });
  };
}
