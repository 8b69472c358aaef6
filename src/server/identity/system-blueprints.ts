import type { JsonObject } from '../../core/blueprint.js';
import { SYSTEM_BLUEPRINTS } from '../../core/system-blueprints.js';
import type { BlueprintService } from '../catalog/blueprint.service.js';
import { DomainError } from '../errors.js';
import { domainErrorFromDatabase } from '../storage/database-errors.js';
import { systemActor } from './actor.js';

/** Creates `_team` and `_user` where they are missing; replicas starting together create them once. */
export async function ensureSystemBlueprints(blueprints: BlueprintService): Promise<void> {
  const actor = systemActor();
  const existing = new Set((await blueprints.list(actor)).map((b) => b.identifier));
  for (const definition of SYSTEM_BLUEPRINTS) {
    if (existing.has(definition.identifier)) continue;
    try {
      await blueprints.create(actor, structuredClone(definition) as unknown as JsonObject);
    } catch (error) {
      // Another replica created it first.
      const known = error instanceof DomainError ? error : domainErrorFromDatabase(error);
      if (known?.kind !== 'conflict') throw error;
    }
  }
}
