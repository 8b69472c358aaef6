import fc from 'fast-check';
import { applyMutation, type Mutation } from './mutations.js';
import { PROTOTYPE_NAMES, type FuzzValues } from './values.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON schemas and OpenAPI operations are untyped JSON */
type Schema = Record<string, any>;

/** One route as the app documents it in its OpenAPI document. */
export interface FuzzRoute {
  method: string;
  /** The OpenAPI path, e.g. /v1/blueprints/{identifier}. */
  template: string;
  /** Routes anyone may call (the sign-in and token routes); every other /v1 route needs a caller. */
  isPublic: boolean;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  body?: Schema;
}

export interface FuzzRequest {
  method: string;
  /** Path and query exactly as sent on the wire. */
  url: string;
  body?: string;
  contentType?: string;
  transport: 'inject' | 'http';
  /** Certain to reach the route it was made for (no raw /, ? or #, no empty parameter, no odd slashes). */
  routed: boolean;
}

/**
 * Every route the app registered (HEAD aside, which Fastify derives from GET), with its parameters and body
 * schema from the OpenAPI document where it is documented, so a new route is fuzzed unasked.
 */
export function routesOf(
  registered: Array<{ method: string; url: string; public: boolean }>,
  document: any,
): FuzzRoute[] {
  const documented = new Map<string, any>();
  for (const [template, operations] of Object.entries<Record<string, any>>(document.paths))
    for (const [method, operation] of Object.entries<any>(operations))
      documented.set(`${method.toUpperCase()} ${template.replace(/\{([^}]+)\}/g, ':$1')}`, operation);
  return registered
    .filter((route) => route.method !== 'HEAD')
    .map((route) => {
      const operation = documented.get(`${route.method} ${route.url}`) ?? {};
      const parameters: any[] = operation.parameters ?? [];
      const pathParams = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
      return {
        method: route.method,
        template: route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
        isPublic: route.public,
        pathParams,
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema })),
        ...(operation.requestBody ? { body: operation.requestBody.content['application/json'].schema } : {}),
      };
    });
}

/** Percent-encodes every character not matched by `keep`; a lone surrogate as its WTF-8 bytes. */
function percentEncode(value: string, keep: RegExp): string {
  let out = '';
  for (const char of value) {
    if (keep.test(char)) {
      out += char;
      continue;
    }
    const unit = char.charCodeAt(0);
    const bytes =
      char.length === 1 && unit >= 0xd800 && unit <= 0xdfff
        ? [0xed, 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        : [...Buffer.from(char, 'utf8')];
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

const ENCODINGS = {
  /** What a careful client sends (encodeURIComponent). */
  component: (v: string) => percentEncode(v, /^[A-Za-z0-9\-_.!~*'()]$/),
  /** Every character escaped, letters too. */
  everything: (v: string) => percentEncode(v, /^$/),
  /** Printable ASCII left raw: a literal %, /, ? or # reaches the server as such. */
  raw: (v: string) => percentEncode(v, /^[\x21-\x7e]$/),
  double: (v: string) => encodeURIComponent(percentEncode(v, /^[A-Za-z0-9\-_.!~*'()]$/)),
};

const ODD_ESCAPES = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%AF',
  '%FF',
  '%00',
  '%2e%2e',
  '%252F',
  '%2F',
  '..',
  '.',
  '',
];

interface PathParam {
  text: string;
  routed: boolean;
}

function pathArbitrary(
  route: FuzzRoute,
  values: FuzzValues,
): fc.Arbitrary<{ path: string; routed: boolean }> {
  const params = Object.fromEntries(
    route.pathParams.map((name) => [
      name,
      fc.oneof(
        {
          weight: 12,
          arbitrary: fc
            .tuple(
              values.pathValue(name),
              fc.constantFrom(...(Object.keys(ENCODINGS) as Array<keyof typeof ENCODINGS>)),
            )
            .map(([value, encoding]): PathParam => ({
              text: ENCODINGS[encoding](value),
              // inject and real clients alike resolve dot segments, and a raw \ may become a /.
              routed:
                value !== '' && !/^\.\.?$/.test(value) && (encoding !== 'raw' || !/[/?#\\%]/.test(value)),
            })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...ODD_ESCAPES).map((text): PathParam => ({ text, routed: false })),
        },
      ),
    ]),
  );
  return fc
    .record({
      params: fc.record(params),
      // Literal segments: as documented, one character escaped (/%761/…), or the slashes doubled / trailing.
      literal: fc.oneof(
        { weight: 6, arbitrary: fc.constant('plain' as const) },
        { weight: 1, arbitrary: fc.nat().map((at) => ({ escape: at })) },
        { weight: 1, arbitrary: fc.constantFrom('trailing-slash' as const, 'double-slash' as const) },
      ),
    })
    .map(({ params: given, literal }) => {
      const parts = route.template.split(/(\{[^}]+\})/);
      const literalIndexes: Array<[number, number]> = [];
      parts.forEach((part, index) => {
        if (!part.startsWith('{'))
          for (let at = 0; at < part.length; at += 1)
            if (/[A-Za-z0-9]/.test(part[at]!)) literalIndexes.push([index, at]);
      });
      if (typeof literal === 'object' && literalIndexes.length > 0) {
        const [index, at] = literalIndexes[literal.escape % literalIndexes.length]!;
        const part = parts[index]!;
        parts[index] = part.slice(0, at) + ENCODINGS.everything(part[at]!) + part.slice(at + 1);
      }
      const chosen = given as Record<string, PathParam>;
      let path = parts
        .map((part) => (part.startsWith('{') ? chosen[part.slice(1, -1)]!.text : part))
        .join('');
      if (literal === 'trailing-slash') path += '/';
      if (literal === 'double-slash') path = `/${path}`;
      const routed =
        (literal === 'plain' || typeof literal === 'object') &&
        Object.values(chosen).every((param) => param.routed);
      return { path, routed };
    });
}

function queryValue(schema: Schema, values: FuzzValues): fc.Arbitrary<string> {
  const typed =
    schema.type === 'boolean'
      ? fc.constantFrom('true', 'false', 'true', 'false', '1', '0', 'yes', '')
      : schema.type === 'integer' || schema.type === 'number'
        ? fc.constantFrom('1', '2', '50', '0', '-1', '1000', '1001', '1e309', '9007199254740993', 'abc', '')
        : Array.isArray(schema.enum)
          ? fc.constantFrom(...schema.enum.map(String))
          : schema.format === 'date-time'
            ? values.dateString
            : values.string;
  return fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: values.string });
}

/** null most of the time (fast-check's option is the other way round: null 1 time in freq). */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, weight: number) =>
  fc.oneof({ weight, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

function queryArbitrary(route: FuzzRoute, values: FuzzValues): fc.Arbitrary<string> {
  const known = route.queryParams.map(({ name, schema }) =>
    rarely(
      fc.array(fc.tuple(fc.constant(name), queryValue(schema, values)), { minLength: 1, maxLength: 2 }),
      2,
    ),
  );
  const extra = rarely(
    fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES, 'include[]', 'a[b]', 'q', 'from'), values.string),
    6,
  );
  return fc
    .tuple(
      fc.tuple(...known),
      extra,
      fc.constantFrom<keyof typeof ENCODINGS>('component', 'raw', 'everything'),
    )
    .map(([given, more, encoding]) => {
      const pairs = given.flatMap((list) => list ?? []);
      if (more) pairs.push(more);
      if (pairs.length === 0) return '';
      return `?${pairs.map(([k, v]) => `${ENCODINGS.component(k)}=${ENCODINGS[encoding](v).replace(/[&#]/g, encodeURIComponent)}`).join('&')}`;
    });
}

const ABSENT = Symbol('absent');

/** A value the schema accepts, mostly: named fields get values that mean something to the app. */
function fromSchema(
  schema: Schema,
  values: FuzzValues,
  name: string,
  depth: number,
  valid = false,
): fc.Arbitrary<unknown> {
  const named = valid ? values.valid.fieldValue(name) : values.fieldValue(name);
  if (named && depth > 0) return named;
  const choices = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choices) && choices.length > 0)
    return fc.oneof(...choices.map((choice: Schema) => fromSchema(choice, values, name, depth, valid)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  if (depth > 5) return valid ? values.valid.string : values.scalar;
  switch (schema.type) {
    case 'object': {
      const properties: Record<string, Schema> = schema.properties ?? {};
      const required = new Set<string>(schema.required ?? []);
      const fields = Object.fromEntries(
        Object.entries(properties).map(([key, sub]) => [key, fromSchema(sub, values, key, depth + 1, valid)]),
      );
      const requiredKeys = Object.keys(properties).filter((key) => required.has(key));
      // A nearly valid object leaves most optional fields out, so that the one that matters is checked alone.
      const base = valid
        ? fc
            .record(
              Object.fromEntries(
                Object.entries(fields).map(([key, arbitrary]) => [
                  key,
                  required.has(key)
                    ? arbitrary
                    : fc.oneof({ weight: 2, arbitrary: fc.constant(ABSENT) }, { weight: 1, arbitrary }),
                ]),
              ),
            )
            .map((record) =>
              Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ABSENT)),
            )
        : fc.record(fields, { requiredKeys });
      if (schema.additionalProperties === false || Object.keys(properties).length > 0) return base;
      return valid ? fc.constant({}) : values.anyJson;
    }
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, values, name, depth + 1, valid), { maxLength: 3 });
    case 'string':
      if (schema.format === 'date-time' || schema.format === 'date') return values.dateString;
      if (schema.format === 'email') return values.emailString;
      return valid ? values.valid.string : values.string;
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min, max }) },
        { weight: 1, arbitrary: values.number },
      );
    }
    case 'boolean':
      return fc.boolean();
    default:
      return valid ? values.valid.string : values.anyJson;
  }
}

function bodyArbitrary(route: FuzzRoute, values: FuzzValues, valid = false) {
  const schema = route.body ?? { type: 'object', properties: {} };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: values.anyJson }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra-key' as const),
        at: fc.nat(),
        key: fc.constantFrom(...PROTOTYPE_NAMES, 'extra', '$identifier', ''),
        with: values.anyJson,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        edit: fc.constantFrom(
          'infinite-number' as const,
          'nul-escape' as const,
          'surrogate-escape' as const,
          'deep' as const,
          'truncate' as const,
          'duplicate-key' as const,
          'not-json' as const,
          'empty' as const,
          'proto-key' as const,
        ),
      }),
    },
  );
  return fc
    .tuple(
      fromSchema(schema, values, '', 0, valid),
      valid
        ? fc.oneof(
            { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
            { weight: 1, arbitrary: mutation },
          )
        : mutation,
    )
    .map(([value, change]) => applyMutation(value, change));
}

/** Requests for one route: its path with generated parameters, a query, and a body for routes that take one. */
export function requestArbitrary(
  route: FuzzRoute,
  values: FuzzValues,
  httpShare = 0.25,
): fc.Arbitrary<FuzzRequest> {
  const perMille = Math.round(httpShare * 1000);
  // Two requests in three are nearly valid (real names, a body the schema accepts, at most one odd part),
  // so they get past validation; the others are wild everywhere at once.
  const nearlyValid = fc.record({
    path: fc
      .record(Object.fromEntries(route.pathParams.map((name) => [name, values.pathValue(name, true)])))
      .map((given) => ({
        path: route.template.replace(/\{([^}]+)\}/g, (_, name: string) =>
          ENCODINGS.component(given[name] as string),
        ),
        routed: true,
      })),
    // Flags only (upsert, validation_only, delete_dependents…), each on or off or left out.
    query: fc
      .tuple(
        ...route.queryParams
          .filter(({ schema }) => schema.type === 'boolean')
          .map(({ name }) => fc.constantFrom(`${name}=true`, `${name}=false`, '')),
      )
      .map((flags) => {
        const given = flags.filter((flag) => flag !== '');
        return given.length > 0 ? `?${given.join('&')}` : '';
      }),
    body: route.body ? bodyArbitrary(route, values, true) : fc.constant(null),
  });
  const wild = fc.record({
    path: pathArbitrary(route, values),
    query: queryArbitrary(route, values),
    body: route.body ? bodyArbitrary(route, values) : rarely(bodyArbitrary(route, values), 10),
  });
  return fc
    .record({
      parts: fc.oneof({ weight: 2, arbitrary: nearlyValid }, { weight: 1, arbitrary: wild }),
      contentType: fc.oneof(
        { weight: 12, arbitrary: fc.constant('application/json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'text/plain',
            'application/json; charset=utf-16',
            'application/x-www-form-urlencoded',
          ),
        },
      ),
      draw: fc.integer({ min: 0, max: 999 }),
    })
    .map(
      ({
        parts: {
          path: { path, routed },
          query,
          body,
        },
        contentType,
        draw,
      }) => ({
        method: route.method,
        url: path + query,
        routed,
        ...(body === null || body === undefined ? {} : { body, contentType }),
        transport: draw < perMille ? ('http' as const) : ('inject' as const),
      }),
    );
}
