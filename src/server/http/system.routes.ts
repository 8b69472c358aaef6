import { pingDatabase, type Database } from '../storage/database.js';
import type { App } from './route-types.js';

const LANDING = `<!doctype html><html><head><meta charset="utf-8"><title>Portico</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Portico</h1><p>The internal developer portal is running. Its API follows Port's: get a token with
<code>POST /v1/auth/access_token</code>, then call <code>/v1/blueprints</code>, <code>/v1/entities/search</code> and the rest.</p>
<p>The API is described at <a href="/openapi.json">/openapi.json</a>. Health: <a href="/healthz">/healthz</a>, readiness: <a href="/readyz">/readyz</a>.</p>
</body></html>`;

export function systemRoutes(app: App, database: Database) {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').send(LANDING));
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
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
