import type { JsonObject } from '../../../core/blueprint.js';
import type { EntityService } from '../../catalog/entity.service.js';
import { unprocessable } from '../../errors.js';
import { unstorableValueIn } from '../../http/json-body.js';
import type { Actor } from '../../identity/actor.js';
import type { RenderTemplate } from '../run-policy.js';

const MAPPING_KEYS = ['identifier', 'title', 'team', 'icon', 'properties', 'relations'];

/**
 * Port's UPSERT_ENTITY backend (§5.4): the mapping's `{{ jq }}` values rendered over the run's trigger
 * data make an entity, written as the run's actor with its permissions: created when missing, otherwise
 * merged (keys the mapping leaves out keep their values). Answers what was written.
 */
export async function upsertMappedEntity(
  invocation: JsonObject,
  trigger: JsonObject,
  actor: Actor,
  tools: { render: RenderTemplate; entities: EntityService },
): Promise<{ blueprint: string; identifier: string; created: boolean }> {
  const blueprint = invocation.blueprintIdentifier as string;
  const rendered = (await tools.render(invocation.mapping ?? {}, trigger)) as JsonObject;
  const entity: JsonObject = {};
  for (const key of MAPPING_KEYS)
    if (rendered[key] !== undefined && rendered[key] !== null) entity[key] = rendered[key];
  if (typeof entity.identifier !== 'string' || !entity.identifier)
    throw unprocessable(
      'invalid_mapping',
      'invocationMethod.mapping.identifier must give the identifier of the entity to write',
    );
  // What the API's body parser refuses (a NUL, a lone surrogate, a number past JSON's range) jq may make:
  // refused here alike, not stored on SQLite and a database error, tried again, on PostgreSQL.
  const unstorable = unstorableValueIn(entity, 'invocationMethod.mapping');
  if (unstorable) throw unstorable;
  const written = await tools.entities.writeEntity(actor, blueprint, entity, {
    mode: 'merge',
    createIfMissing: true,
    createMissingRelatedEntities: false,
    validationOnly: false,
  });
  return { blueprint, identifier: written.entity.identifier, created: written.created };
}
