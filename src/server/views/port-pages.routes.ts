import { Type } from '@sinclair/typebox';
import { Ok, open, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';

/**
 * Port's pages and catalog sidebar, read: Portico defines none of Port's (its portal is its own web app,
 * docs/portal.md), so the lists are empty. Port's tools read them before anything else (port-cli's export
 * and import stop on an error); writing pages or folders is not offered.
 */
export function portPageRoutes(app: App) {
  app.get(
    '/v1/pages',
    {
      schema: {
        tags: ['Pages'],
        summary: "Port's pages: none are defined in Portico",
        response: withErrors({ 200: Ok({ pages: Type.Array(open({})) }, 'no pages') }),
      },
    },
    async () => ({ ok: true as const, pages: [] as object[] }),
  );
  app.get(
    '/v1/sidebars/catalog',
    {
      schema: {
        tags: ['Pages'],
        summary: "Port's catalog sidebar: no folders or pages of Port's are defined in Portico",
        response: withErrors({
          200: Ok(
            { sidebar: open({ identifier: Type.String(), items: Type.Array(open({})) }) },
            'an empty sidebar',
          ),
        }),
      },
    },
    async () => ({ ok: true as const, sidebar: { identifier: 'catalog', items: [] as object[] } }),
  );
}
