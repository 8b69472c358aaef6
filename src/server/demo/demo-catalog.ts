import { isSystemBlueprint } from '../../core/system-blueprints.js';
import type { JsonObject } from '../../core/blueprint.js';
import type { Services } from '../app.js';
import type { Actor } from '../identity/actor.js';
import { DEMO_BLUEPRINTS, DEMO_ENTITIES } from './demo-data.js';

/**
 * Loads the demo catalog into an empty installation (no blueprints yet) and reports whether it did.
 * It goes through the same services as the API, so it is validated and audited like any write.
 */
export async function loadDemoCatalog(
  services: Pick<Services, 'blueprints' | 'entities'>,
  claim: (key: string) => Promise<boolean>,
  actor: Actor,
): Promise<boolean> {
  // Empty: no blueprint but Portico's own (_user, _team).
  if ((await services.blueprints.list(actor)).some((b) => !isSystemBlueprint(b.identifier))) return false;
  // Replicas starting together on an empty PostgreSQL: only the first loads it.
  if (!(await claim('demo_catalog_loaded'))) return false;
  for (const blueprint of DEMO_BLUEPRINTS) await services.blueprints.create(actor, blueprint as JsonObject);
  for (const [blueprint, entities] of DEMO_ENTITIES) {
    const result = await services.entities.writeEntities(actor, blueprint, entities, {
      mode: 'replace',
      createIfMissing: true,
      createMissingRelatedEntities: false,
      validationOnly: false,
    });
    if (result.errors.length) throw new Error(`demo catalog: ${blueprint}: ${JSON.stringify(result.errors)}`);
  }
  return true;
}
