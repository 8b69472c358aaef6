import { isSystemBlueprint } from '../../core/system-blueprints.js';
import type { JsonObject } from '../../core/blueprint.js';
import type { Services } from '../app.js';
import type { Actor } from '../identity/actor.js';
import {
  DEMO_AUTOMATION_BLUEPRINTS,
  DEMO_AUTOMATION_PERMISSIONS,
  DEMO_AUTOMATIONS,
} from './demo-automations.js';
import { DEMO_BLUEPRINTS, DEMO_ENTITIES } from './demo-data.js';
import { DEMO_ACTIONS, DEMO_PERMISSIONS, demoEnvironments, ENVIRONMENT_BLUEPRINT } from './demo-journeys.js';
import { DEMO_INITIATIVES, DEMO_SCORECARDS } from './demo-scorecards.js';

type DemoServices = Pick<
  Services,
  'blueprints' | 'entities' | 'actions' | 'permissions' | 'scorecards' | 'initiatives'
>;

/**
 * Loads the demo catalog, its self-service actions and its automations into an empty installation (no blueprints yet) and
 * reports whether it did. It goes through the same services as the API, so it is validated and audited
 * like any write.
 */
export async function loadDemoCatalog(
  services: DemoServices,
  claim: (key: string) => Promise<boolean>,
  actor: Actor,
  nowMs = Date.now(),
): Promise<boolean> {
  // Empty: no blueprint but Portico's own (_user, _team).
  if ((await services.blueprints.list(actor)).some((b) => !isSystemBlueprint(b.identifier))) return false;
  // Replicas starting together on an empty PostgreSQL: only the first loads it.
  if (!(await claim('demo_catalog_loaded'))) return false;
  for (const blueprint of [...DEMO_BLUEPRINTS, ENVIRONMENT_BLUEPRINT, ...DEMO_AUTOMATION_BLUEPRINTS])
    await services.blueprints.create(actor, blueprint as JsonObject);
  for (const [blueprint, entities] of [...DEMO_ENTITIES, ['environment', demoEnvironments(nowMs)] as const])
    await writeAll(services, actor, blueprint, entities);
  for (const [blueprint, change] of [...DEMO_PERMISSIONS, ...DEMO_AUTOMATION_PERMISSIONS])
    await services.permissions.update(actor, blueprint, change);
  for (const [blueprint, scorecard] of DEMO_SCORECARDS)
    await services.scorecards.create(actor, blueprint, scorecard);
  for (const initiative of DEMO_INITIATIVES) await services.initiatives.create(actor, initiative);
  // Automations last: what the demo's own loading wrote is not theirs to act on.
  for (const action of [...DEMO_ACTIONS, ...DEMO_AUTOMATIONS])
    await services.actions.create(actor, action as JsonObject);
  return true;
}

async function writeAll(services: DemoServices, actor: Actor, blueprint: string, entities: JsonObject[]) {
  const result = await services.entities.writeEntities(actor, blueprint, entities, {
    mode: 'replace',
    createIfMissing: true,
    createMissingRelatedEntities: false,
    validationOnly: false,
  });
  if (result.errors.length) throw new Error(`demo catalog: ${blueprint}: ${JSON.stringify(result.errors)}`);
}
