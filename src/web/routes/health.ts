import type { FastifyInstance } from 'fastify';
import { isReachable } from '../../db/database.ts';

/** Liveness and readiness for load balancers and orchestrators. */
export function registerHealth(app: FastifyInstance): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const ready = await isReachable(app.gate.database.db);
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'unavailable', database: app.gate.database.kind });
  });
}
