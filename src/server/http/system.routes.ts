import { pingDatabase, type Database } from '../storage/database.js';
import { Ok, withErrors } from './responses.js';
import type { App } from './route-types.js';

/** Whether start-up (the first admin, the demo catalog) has finished: until then /readyz answers 503. */
export interface Readiness {
  started: boolean;
}

export function systemRoutes(app: App, database: Database, readiness: Readiness = { started: true }) {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { hide: true, response: withErrors({ 200: Ok({}, 'The process answers') }) },
    },
    async () => ({ ok: true as const }),
  );
  // While starting, or when the database is unreachable: 503 not_ready (the error envelope).
  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: { hide: true, response: withErrors({ 200: Ok({}, 'Started, and the database answers') }) },
    },
    async (_request, reply) => {
      if (!readiness.started)
        return reply.status(503).send({ ok: false, error: 'not_ready', message: 'Portico is starting' });
      try {
        await pingDatabase(database);
        return { ok: true as const };
      } catch {
        return reply
          .status(503)
          .send({ ok: false, error: 'not_ready', message: 'the database is unreachable' });
      }
    },
  );
}
