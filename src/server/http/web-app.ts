import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from './route-types.js';

const BUILT_APP = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/**
 * The web app's own pages: each answers the same index.html and the app's router draws the page. Listed
 * rather than caught by a not-found handler, so an unknown URL stays the API's 404 and every route that
 * answers is one the router matched.
 */
export const WEB_APP_PAGES = [
  '/',
  '/sign-in',
  '/set-password',
  '/catalog',
  '/catalog/*',
  '/scorecards',
  '/scorecards/*',
  '/data-model',
  '/data-model/*',
  '/audit-log',
  '/self-service',
  '/self-service/*',
  '/runs',
  '/runs/*',
  '/automations',
  '/automations/*',
  '/settings',
  '/settings/*',
];

/**
 * Markdown is sanitised before it renders; this policy is the second wall: no inline or foreign script,
 * no plug-ins, no framing. Styles may be inline (Mantine and CodeMirror set them); images may come from
 * any https site, as in a README.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What Vite names a built file: letters, digits, `-`, `_` and dots, never `..`. */
const ASSET_NAME = /^(?!.*\.\.)[\w.-]+$/;

export async function registerWebApp(app: App, root: string = BUILT_APP) {
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });
  const index = join(root, 'index.html');
  const open = { config: { public: true }, schema: { hide: true } } as const;

  for (const url of WEB_APP_PAGES)
    app.get(url, open, async (_request, reply) => {
      if (!existsSync(index))
        return reply.status(503).send({
          ok: false,
          error: 'web_app_not_built',
          message: 'The web app is not built: run `npm run build:web` (npm start builds it)',
        });
      return reply
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .header('cache-control', 'no-cache')
        .sendFile('index.html', { cacheControl: false });
    });

  // Content-hashed file names: a new build has new names, so a file may be cached for good.
  // Only files of the assets folder itself: a name with a separator or `..` (however encoded) is not one.
  app.get<{ Params: { '*': string } }>('/assets/*', open, async (request, reply) => {
    const name = request.params['*'];
    if (!ASSET_NAME.test(name)) return reply.callNotFound();
    return reply
      .header('x-content-type-options', 'nosniff')
      .sendFile(join('assets', name), { immutable: true, maxAge: '365d' });
  });
}
