import { buildApp } from '../app.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

/** Where the committed OpenAPI document lives; `npm run openapi` rewrites it, a test checks it. */
export const OPENAPI_PATH = 'docs/openapi.json';

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
