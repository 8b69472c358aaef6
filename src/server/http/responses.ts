import { Type, type TProperties, type TSchema } from '@sinclair/typebox';

/**
 * Response schemas: each route declares what it answers, so that docs/openapi.json is a contract a client
 * can be generated from, and Fastify serialises answers from it. Objects stay open (additionalProperties):
 * the serialiser then writes every key the answer has, declared or not, and never drops one.
 */

/** Port's error envelope, for every 4xx and 5xx. */
export const ErrorBody = Type.Object(
  {
    ok: Type.Literal(false),
    error: Type.String({ description: 'a stable code, e.g. not_found, invalid_request, conflict' }),
    message: Type.String({ description: 'what went wrong, naming the field where one is at fault' }),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: true, description: "An error, in Port's envelope" },
);

/** An object schema whose undeclared keys are written out as they are. */
export const open = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: true, ...options });

/** `{ok: true, ...fields}`: Port's envelope of a success. */
export const Ok = <T extends TProperties>(fields: T, description?: string) =>
  open({ ok: Type.Literal(true), ...fields }, description ? { description } : {});

/** A value that may be null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Any JSON value. */
export const AnyJson = Type.Unknown();

/** `responses` (by status) with the error envelope for every 4xx and 5xx. */
export function withErrors<T extends Record<number, TSchema>>(responses: T) {
  return { ...responses, '4xx': ErrorBody, '5xx': ErrorBody };
}
