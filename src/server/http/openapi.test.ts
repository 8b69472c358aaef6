import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  OPENAPI_PATH,
  OPENAPI_TYPES_PATH,
  renderOpenApiDocument,
  renderOpenApiTypes,
} from './openapi-document.js';

it('the committed OpenAPI document and its types match the routes (run `npm run openapi` after changing a route)', async () => {
  const document = await renderOpenApiDocument();
  expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(document);
  expect(readFileSync(OPENAPI_TYPES_PATH, 'utf8')).toBe(await renderOpenApiTypes(document));
});

it('every operation declares its answers: a success and the error envelope', async () => {
  const document = JSON.parse(await renderOpenApiDocument()) as {
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  };
  const undeclared: string[] = [];
  for (const [path, operations] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(operations)) {
      const statuses = Object.keys(operation.responses ?? {});
      const success = statuses.some((status) => /^[23]/.test(status));
      const errors = statuses.includes('4XX') || statuses.includes('4xx');
      const typed = Object.entries(operation.responses ?? {}).every(
        ([, response]) =>
          (response as { description?: string }).description !== 'Default Response' ||
          (response as { content?: unknown }).content !== undefined,
      );
      if (!success || !errors || !typed) undeclared.push(`${method.toUpperCase()} ${path}`);
    }
  expect(undeclared).toEqual([]);
});
