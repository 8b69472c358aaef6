import { Type } from '@sinclair/typebox';
import { BLUEPRINT_IDENTIFIER_PATTERN } from '../../core/identifiers.js';

/** Shared TypeBox pieces of the route schemas (they are also the OpenAPI document). */
export const BlueprintIdParam = Type.String({ minLength: 1, maxLength: 100 });
export const EntityIdParam = Type.String({ minLength: 1, maxLength: 1000 });
export const BlueprintIdentifier = Type.String({ pattern: BLUEPRINT_IDENTIFIER_PATTERN, maxLength: 100 });
export const AnyObject = Type.Object({}, { additionalProperties: true });

export const SearchQuerySchema = Type.Object(
  {
    combinator: Type.Union([Type.Literal('and'), Type.Literal('or')]),
    rules: Type.Array(AnyObject),
  },
  {
    additionalProperties: true,
    description: 'Port search query: nested combinators and rules (port-model §4)',
  },
);

export const QueryFlag = (description: string) =>
  Type.Optional(Type.Boolean({ default: false, description }));

export const IncludeExclude = {
  include: Type.Optional(
    Type.Array(Type.String(), { description: 'properties, relations or $meta to return' }),
  ),
  exclude: Type.Optional(
    Type.Array(Type.String(), { description: 'properties, relations or $meta to leave out' }),
  ),
};
