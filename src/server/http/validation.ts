import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';
import { unstorableValueIn } from './json-body.js';

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

/**
 * Path parameters and query strings are text too: one check for every route refuses a NUL character or a
 * lone surrogate there (bodies are checked by the JSON parser), naming the parameter.
 */
export function registerParameterTextChecks(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const error =
      unstorableValueIn(request.params, 'params') ?? unstorableValueIn(request.query, 'querystring');
    if (error) throw error;
  });
}
