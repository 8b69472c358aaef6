import { Type, type TSchema } from '@sinclair/typebox';
import type { JsonObject } from '../../core/blueprint.js';
import { Ok, open } from '../http/responses.js';
import { PROPERTY_TYPES } from './blueprint.rules.js';

/**
 * What the blueprint routes answer: a blueprint as stored (normalizeBlueprint's canonical form, every map
 * present) with its version and who wrote it, in Port's shape (GET /v1/blueprints/{identifier}). Every
 * object is open: the user-defined parts (a property's JSON Schema, a calculation) keep every key they hold.
 */

/** An object whose every key holds a `value` (identifiers to definitions). */
const mapOf = <T extends TSchema>(value: T, description: string) =>
  Type.Object({}, { additionalProperties: value, description });

const PropertyType = Type.Union(
  PROPERTY_TYPES.map((t) => Type.Literal(t)),
  { description: "the property's type" },
);

const PropertySchema = open(
  { type: PropertyType, title: Type.Optional(Type.String()) },
  { description: "a property's JSON Schema, with Port's keywords (format, enum, enumColors, ...)" },
);

const Relation = open({
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  target: Type.String({ description: 'the identifier of the blueprint it points to' }),
  required: Type.Boolean(),
  many: Type.Boolean(),
});

const MirrorProperty = open({
  title: Type.Optional(Type.String()),
  path: Type.String({ description: 'relation identifiers joined by dots, ending in a property' }),
});

const CalculationProperty = open({
  title: Type.Optional(Type.String()),
  calculation: Type.String({ description: "a jq expression over the entity's JSON" }),
  type: PropertyType,
});

const AggregationProperty = open({
  title: Type.String(),
  target: Type.String({ description: 'the blueprint whose related entities it aggregates' }),
  type: Type.Optional(Type.Literal('number')),
  calculationSpec: open({
    func: Type.String({ description: 'count, average, sum, min, max or median' }),
    calculationBy: Type.Union([Type.Literal('entities'), Type.Literal('property')]),
  }),
});

const Ownership = Type.Union(
  [
    open(
      { type: Type.Literal('Direct'), title: Type.Optional(Type.String()) },
      { description: "owned by the teams of each entity's hidden relation to _team" },
    ),
    open(
      {
        type: Type.Literal('Inherited'),
        path: Type.String({ description: 'relation identifiers joined by dots, to a Direct blueprint' }),
        title: Type.Optional(Type.String()),
      },
      { description: 'owned by the teams of the entity its path leads to' },
    ),
  ],
  { description: "who owns the blueprint's entities" },
);

// Typed as the core's JsonObject, which it is to the code.
const ChangelogDestination = Type.Unsafe<JsonObject>(
  open(
    {
      type: Type.Union([Type.Literal('WEBHOOK'), Type.Literal('KAFKA')]),
      url: Type.Optional(Type.String({ description: 'the webhook: an http(s) URL' })),
    },
    { description: "where Port sends the blueprint's changes: validated and stored, nothing is sent yet" },
  ),
);

const Timestamp = Type.String({ format: 'date-time' });

export const Blueprint = open(
  {
    identifier: Type.String(),
    title: Type.String(),
    icon: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    schema: open({
      properties: mapOf(PropertySchema, 'the properties, by identifier'),
      required: Type.Array(Type.String(), { description: 'the identifiers of required properties' }),
    }),
    relations: mapOf(Relation, 'the relations, by identifier'),
    mirrorProperties: mapOf(MirrorProperty, 'values read through relations, by identifier'),
    calculationProperties: mapOf(CalculationProperty, 'values computed with jq, by identifier'),
    aggregationProperties: mapOf(AggregationProperty, "related entities' aggregates, by identifier"),
    ownership: Type.Optional(Ownership),
    changelogDestination: Type.Optional(ChangelogDestination),
    version: Type.String({ description: 'changes with every write: its ETag, for If-Match' }),
    createdAt: Timestamp,
    createdBy: Type.String(),
    updatedAt: Timestamp,
    updatedBy: Type.String(),
  },
  { description: 'A blueprint in Port JSON (port-model §1)' },
);

export const OkWithBlueprint = Ok(
  { blueprint: Blueprint },
  'The blueprint as stored; its version is also the ETag header',
);

/**
 * The answer to a create: the blueprint, and in `additionalData.ignoredOwnership` an Inherited ownership
 * left out because its path names a relation not defined yet (give it again once the relation exists).
 */
export const CreatedBlueprintAnswer = Ok(
  {
    blueprint: Blueprint,
    additionalData: Type.Optional(
      open({
        ignoredOwnership: Type.Optional(
          open(
            {
              ownership: Ownership,
              reason: Type.String({ description: 'which relation the path names is missing' }),
            },
            {
              description:
                'the ownership given, left out: the blueprint is owned directly until a change gives it again',
            },
          ),
        ),
      }),
    ),
  },
  'The blueprint as stored; its version is also the ETag header',
);

export const OkWithBlueprints = Ok({ blueprints: Type.Array(Blueprint) }, 'Every blueprint, by identifier');

export const TypeChangeReport = Ok(
  {
    dryRun: Type.Boolean(),
    converted: Type.Integer({ description: 'entities whose value the conversion changes' }),
    failedCount: Type.Integer({ description: 'entities whose converted value the new schema refuses' }),
    failed: Type.Array(open({ identifier: Type.String(), message: Type.String() }), {
      description: 'the first of them (at most 20)',
    }),
    blueprint: Type.Optional({ ...Blueprint, description: 'the blueprint as written (not in a dry run)' }),
  },
  'What the conversion did (with dryRun, would do); when any entity fails, 422 conversion_failed with this report in details',
);
