import type { BlueprintDefinition } from '../../core/blueprint.js';
import { DomainError, notFound } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { findBlueprint } from './blueprint.repo.js';
import { callerAccessOf, type CallerAccess } from './caller-access.js';
import type { CatalogContext } from './catalog-context.js';
import { gateOf } from './entity-access.js';
import type { EntityService } from './entity.service.js';

export type CallerAccessService = ReturnType<typeof createCallerAccessService>;

/** GET /v1/blueprints/{bp}/access: what the caller may do, judged by the checks the writes make. */
export function createCallerAccessService(ctx: CatalogContext, entities: EntityService) {
  const { db, dialect } = ctx.database;

  async function accessOf(actor: Actor, blueprintId: string, entity?: string): Promise<CallerAccess> {
    const stored = await findBlueprint(db, dialect, blueprintId);
    if (!stored) throw notFound(`Blueprint "${blueprintId}" was not found`);
    const blueprint = stored.blueprint as BlueprintDefinition;
    // An entity the caller may not read answers exactly as a missing one: getEntity's 404.
    const subject = entity === undefined ? undefined : await entities.getEntity(actor, blueprintId, entity);
    const judges = {
      actor,
      blueprint,
      gate: await gateOf(ctx.access, actor, blueprint),
      hook: ctx.writeHooks.get(blueprint.identifier),
      mayModel: mayChangeModel(ctx, actor, blueprint.identifier),
    };
    return callerAccessOf(judges, subject);
  }

  return { accessOf };
}

/** Whoever may change a blueprint's definition may change its permissions (identity/permissions.service). */
function mayChangeModel(ctx: CatalogContext, actor: Actor, blueprint: string): boolean {
  try {
    ctx.access.checkModelChange(actor, blueprint);
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'forbidden') return false;
    throw error;
  }
}
