import { buildApp } from '../app.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

/** Where the committed OpenAPI document lives; `npm run openapi` rewrites it, a test checks it. */
export const OPENAPI_PATH = 'docs/openapi.json';
/** TypeScript types of the document (openapi-typescript), for typed clients such as openapi-fetch. */
export const OPENAPI_TYPES_PATH = 'src/client/portico-api.d.ts';

export async function renderOpenApiDocument(): Promise<string> {
  const database = openDatabase('sqlite::memory:');
  try {
    await migrate(database);
    const { app } = await buildApp({ database, bodyLimit: 1024, tokenTtlSeconds: 60 });
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await database.close();
  }
}

/** The document's types, as openapi-typescript writes them: `paths` for `createClient<paths>()`. */
export async function renderOpenApiTypes(document: string): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const header = '// Generated from docs/openapi.json by `npm run openapi`: do not edit.\n';
  return header + astToString(await openapiTS(JSON.parse(document) as never));
}
