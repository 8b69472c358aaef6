import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

function createRouteAjv(coerceTypes: false | 'array') {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

// Query strings and path parameters are text and need coercion (`?upsert=true`); bodies are JSON and must
// arrive with the right types, so a number sent as a title is refused rather than turned into a string.
const bodyAjv = createRouteAjv(false);
const paramsAjv = createRouteAjv('array');

export const routeValidatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : paramsAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<FastifySchema>>;
};
