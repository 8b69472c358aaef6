import type { JsonObject } from '../../core/blueprint.js';
import { SYSTEM_BLUEPRINTS } from '../../core/system-blueprints.js';
import type { BlueprintService } from '../catalog/blueprint.service.js';
import { DomainError } from '../errors.js';
import { domainErrorFromDatabase } from '../storage/database-errors.js';
import { systemActor } from './actor.js';

/**
 * Creates `_team` and `_user` where they are missing, and adds to existing ones the properties a newer
 * Portico defines; replicas starting together create them once.
 */
export async function ensureSystemBlueprints(blueprints: BlueprintService): Promise<void> {
  const actor = systemActor();
  const existing = new Map((await blueprints.list(actor)).map((b) => [b.identifier, b]));
  for (const definition of SYSTEM_BLUEPRINTS) {
    const current = existing.get(definition.identifier);
    if (current) {
      const missing = Object.entries(definition.schema.properties).filter(
        ([key]) => !(key in current.schema.properties),
      );
      if (missing.length)
        await blueprints.update(
          actor,
          definition.identifier,
          {
            schema: {
              ...current.schema,
              properties: { ...current.schema.properties, ...Object.fromEntries(missing) },
            },
          } as unknown as JsonObject,
          'merge',
        );
      continue;
    }
    try {
      await blueprints.create(actor, structuredClone(definition) as unknown as JsonObject);
    } catch (error) {
      // Another replica created it first.
      const known = error instanceof DomainError ? error : domainErrorFromDatabase(error);
      if (known?.kind !== 'conflict') throw error;
    }
  }
}
