import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

type Schema = Record<string, unknown>;
interface PortDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

const document = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/port-openapi-responses.json', import.meta.url)), 'utf8'),
) as PortDocument;

/**
 * Where Portico answers more than Port documents, on purpose (README, "Where Portico differs from Port"):
 * these keys are allowed beside Port's where its schema closes an object. Everything else must hold.
 * - an entity's `blueprint`, `createdAt`, `createdBy`, `updatedAt` and `updatedBy`, which Port's own
 *   answers carry though its documented answer to a write reuses the request's schema without them;
 * - `version` (an entity's ETag), `next` (a page's cursor), `invitation` (the one-time link of an invited
 *   user: Portico sends no email), `teamsIdentifiers` (a user's teams, as Port's action context names them).
 */
export const PORTICO_EXTENSIONS = [
  'blueprint',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'version',
  'next',
  'invitation',
  'teamsIdentifiers',
];

/**
 * Port's documented schema, with the differences Portico keeps on purpose: an unset entity title or icon
 * is null (as Port's entity JSON carries it), and the extension keys above are allowed.
 */
function relaxed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(relaxed);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = relaxed(value);
  // Port's document names some required keys twice, which JSON Schema does not allow.
  if (Array.isArray(out.required)) out.required = [...new Set(out.required)];
  const properties = out.properties as Record<string, Schema> | undefined;
  if (properties)
    for (const name of ['title', 'icon'])
      if (properties[name]?.type === 'string')
        properties[name] = { ...properties[name], type: ['string', 'null'] };
  if (out.additionalProperties === false && properties)
    out.properties = {
      ...Object.fromEntries(PORTICO_EXTENSIONS.map((name) => [name, {}])),
      ...properties,
    };
  return out;
}

const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
// Port's answers refer to its shared definitions as `#/components/schemas/…`: each compiled schema carries
// them, so that the references resolve within it.
const components = relaxed(document.components) as Schema;
const validators = new Map<string, ValidateFunction>();

/**
 * Differences of one operation, kept on purpose: properties-history answers null for an interval at whose
 * end the property had no number (the entity did not exist yet, or held none), where Port documents numbers
 * only: a zero would draw a false point on the chart.
 */
const OPERATION_DIFFERENCES: Record<string, (schema: Schema) => void> = {
  'POST /v1/entities/properties-history 200': (schema) => {
    const result = (schema.properties as Record<string, Schema>).result!;
    (result.properties as Record<string, Schema>).data!.items = { type: ['number', 'null'] };
  },
};

/** The schema Port documents for `method path` answering `status`, or undefined when it documents none. */
export function portResponseSchema(method: string, path: string, status: number): Schema | undefined {
  const operation = document.paths[path]?.[method.toLowerCase()];
  return operation?.responses?.[String(status)]?.content?.['application/json']?.schema;
}

/**
 * The ways `body` breaks the schema Port documents for `method path` answering `status` (none: []). A
 * status Port does not document for the operation is itself a difference.
 */
export function portContractErrors(method: string, path: string, status: number, body: unknown): string[] {
  const schema = portResponseSchema(method, path, status);
  if (!schema) return [`Port documents no ${status} answer with a JSON body for ${method} ${path}`];
  const key = `${method} ${path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const own = relaxed(schema) as Schema;
    OPERATION_DIFFERENCES[key]?.(own);
    validators.set(key, (validate = ajv.compile({ ...own, components })));
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${key}: ${error.instancePath || '(the answer)'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}
