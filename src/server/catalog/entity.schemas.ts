import { Type } from '@sinclair/typebox';
import { AnyJson, Nullable, Ok, open } from '../http/responses.js';

/**
 * An entity as the API answers it (Port's JSON). Every key is optional: `include`/`exclude` may leave any
 * out. Properties and relations are the blueprint's own, so their objects are open.
 */
export const EntitySchema = open(
  {
    identifier: Type.Optional(Type.String()),
    title: Type.Optional(Nullable(Type.String())),
    icon: Type.Optional(Nullable(Type.String())),
    blueprint: Type.Optional(Type.String()),
    team: Type.Optional(Type.Array(Type.String(), { description: 'the owning teams' })),
    properties: Type.Optional(
      open({}, { description: 'stored values, and mirror, calculation and aggregation values' }),
    ),
    relations: Type.Optional(
      open(
        {},
        {
          description:
            'relation -> target identifier (one), identifiers (many) or null; {identifier, title} with attach_title_to_relation',
        },
      ),
    ),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    createdBy: Type.Optional(Type.String()),
    updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
    updatedBy: Type.Optional(Type.String()),
    version: Type.Optional(
      Type.String({ description: 'changes with every write; send it back in If-Match' }),
    ),
  },
  { description: 'An entity (port-model §2)' },
);

/** One entity written: Port's answer to a create, upsert, replace or change. */
export const WrittenEntity = Ok({
  entity: EntitySchema,
  additionalData: Type.Optional(
    open(
      {},
      {
        description:
          'what a system blueprint adds (a new secret); `droppedProperties`: the undeclared properties left out; `ignoredTeam`: `{team, reason}`, a team given to an entity that inherits its owners, left out (when it is not what the entity inherits)',
      },
    ),
  ),
});

/** A page of a search or a list. */
export const EntityPage = Ok({
  entities: Type.Array(EntitySchema),
  next: Type.Optional(Type.String({ description: 'the cursor of the next page (send it as `from`)' })),
  matchingBlueprints: Type.Optional(Type.Array(Type.String())),
  failedBlueprints: Type.Optional(Type.Array(Type.String())),
});

/** Port's bulk answer: what was written, and each item that was not with its error. */
export const BulkWritten = open({
  ok: Type.Boolean({ description: 'false when any item failed (then the status is 207)' }),
  entities: Type.Array(
    open({
      identifier: Type.String(),
      index: Type.Integer(),
      created: Type.Boolean(),
      additionalData: open({}),
    }),
  ),
  errors: Type.Array(
    open({
      index: Type.Integer(),
      identifier: Type.String(),
      statusCode: Type.Integer(),
      error: Type.String(),
      message: Type.String(),
      details: Type.Optional(open({})),
    }),
  ),
});

/** One version of an entity (its history). */
export const EntityVersionSchema = open({
  version: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: 'who made it: a user, a client, or portico (computed values)' }),
  action: Type.Union([Type.Literal('CREATE'), Type.Literal('UPDATE'), Type.Literal('DELETE')]),
  changes: Type.Array(open({ path: Type.String(), before: AnyJson, after: AnyJson })),
  entity: Nullable(EntitySchema),
});
