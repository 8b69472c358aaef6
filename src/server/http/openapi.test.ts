import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { OPENAPI_PATH, renderOpenApiDocument } from './openapi-document.js';

it('the committed OpenAPI document matches the routes (run `npm run openapi` after changing a route)', async () => {
  expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(await renderOpenApiDocument());
});
