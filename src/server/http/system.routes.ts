import { pingDatabase, type Database } from '../storage/database.js';
import type { App } from './route-types.js';

/** Whether start-up (the first admin, the demo catalog) has finished: until then /readyz answers 503. */
export interface Readiness {
  started: boolean;
}

export function systemRoutes(app: App, database: Database, readiness: Readiness = { started: true }) {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    if (!readiness.started)
      return reply.status(503).send({ ok: false, error: 'not_ready', message: 'Portico is starting' });
    try {
      await pingDatabase(database);
      return { ok: true };
    } catch {
      return reply
        .status(503)
        .send({ ok: false, error: 'not_ready', message: 'the database is unreachable' });
    }
  });
}
