// Writes test/fixtures/port-openapi-responses.json: the 2xx JSON answers Port's OpenAPI document documents
// (with its shared definitions), which test/port-contract.ts holds Portico's answers to. Run it when Port's
// document (../shared/ref/port-openapi.json, beside the project) changes:
//   npx tsx scripts/port-responses.ts [path/to/port-openapi.json]
import { readFileSync, writeFileSync } from 'node:fs';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
const source = process.argv[2] ?? '../shared/ref/port-openapi.json';
const document = JSON.parse(readFileSync(source, 'utf8')) as {
  info?: { version?: string };
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
};
const paths: Record<string, Record<string, Operation>> = {};
for (const [path, operations] of Object.entries(document.paths))
  for (const [method, operation] of Object.entries(operations)) {
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const schema = response.content?.['application/json']?.schema;
      if (!schema || !status.startsWith('2')) continue;
      const kept = ((paths[path] ??= {})[method] ??= { responses: {} });
      kept.responses![status] = { content: { 'application/json': { schema } } };
    }
  }
const out = {
  info: {
    title:
      "Port's documented answers: the 2xx JSON response schemas of Port's OpenAPI document (../shared/ref/port-openapi.json), for test/port-contract.ts",
    version: document.info?.version ?? '',
  },
  paths,
  components: document.components,
};
writeFileSync('test/fixtures/port-openapi-responses.json', `${JSON.stringify(out, null, 1)}\n`);
