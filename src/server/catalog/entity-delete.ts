import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { TEAM_BLUEPRINT } from '../../core/system-blueprints.js';
import { insertAuditRecords } from '../audit/audit.repo.js';
import { conflict } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { entityAuditRecord, teamChangeAudits } from './entity-audit.js';
import { entitiesOwnedBy } from './team-ownership.js';
import * as repo from './entity.repo.js';
import {
  inheritedOwnerships,
  inheritingThrough,
  recomputeInheritedTeamsOf,
} from './inherited-ownership.repo.js';

// Dependents are followed this many levels deep at most; deeper chains are refused rather than walked.
const MAX_DEPENDENT_DEPTH = 50;

/**
 * Which rows a delete removes: the given entities, and with deleteDependents the entities that hold a
 * required relation to them, transitively. Without it, any such dependent refuses the whole delete.
 * Non-required relations to deleted entities simply disappear (on delete cascade).
 */
export async function collectDeletion(
  db: Db,
  blueprints: Map<string, BlueprintDefinition>,
  rootIds: number[],
  deleteDependents: boolean,
): Promise<number[]> {
  const doomed = new Set(rootIds);
  let frontier = rootIds;
  for (let depth = 0; frontier.length; depth++) {
    if (depth > MAX_DEPENDENT_DEPTH)
      throw conflict('dependents_too_deep', 'dependent entities form a chain deeper than 50');
    const dependents = (await repo.findDependents(db, frontier)).filter(
      (d) => !doomed.has(d.id) && blueprints.get(d.blueprint)?.relations[d.relation]?.required,
    );
    if (dependents.length && !deleteDependents) {
      const sample = dependents.slice(0, 5).map((d) => `${d.blueprint}/${d.identifier} (${d.relation})`);
      throw conflict(
        'has_dependents',
        `${dependents.length} entit${dependents.length === 1 ? 'y has' : 'ies have'} a required relation to the entities being deleted (${sample.join(', ')}): pass delete_dependents=true to delete them too`,
      );
    }
    frontier = [...new Set(dependents.map((d) => d.id))];
    frontier.forEach((id) => doomed.add(id));
  }
  return [...doomed];
}

/** Deletes entities (and what requires them, when asked) with one audit record each; returns identifiers. */
export async function removeEntities(
  trx: Db,
  dialect: Dialect,
  actor: Actor,
  now: string,
  blueprints: Map<string, BlueprintDefinition>,
  rootIds: number[],
  deleteDependents: boolean,
  authorize: (doomed: Entity[]) => Promise<void>,
): Promise<string[]> {
  const ids = await collectDeletion(trx, blueprints, rootIds, deleteDependents);
  const rows = await repo.findEntityRowsById(trx, ids);
  const relations = await repo.loadRelations(trx, ids);
  const before = rows.map((row) =>
    repo.toEntity(repo.rowToState(dialect, row), blueprints.get(row.blueprint)!, relations.get(row.id)),
  );
  await authorize(before);
  const doomed = new Set(ids);
  const inheriting = await inheritingThrough(
    trx,
    inheritedOwnerships(blueprints),
    rows.map((row) => ({ id: row.id, blueprint: row.blueprint })),
  );
  await repo.deleteEntityRows(trx, ids);
  // Entities that inherited their owners through a deleted one inherit from what is left.
  for (const [owner, affected] of inheriting) {
    const left = affected.filter((id) => !doomed.has(id));
    const query = left.length ? recomputeInheritedTeamsOf(trx, dialect, owner, left) : undefined;
    if (query) await trx.executeQuery(query);
  }
  // A deleted team no longer owns anything nor has members: each entity and user it leaves is audited.
  const audits = before.map((entity) =>
    entityAuditRecord(actor, now, 'DELETE', entity.identifier, entity.blueprint, entity, null),
  );
  for (const team of before.filter((e) => e.blueprint === TEAM_BLUEPRINT)) {
    const owned = await entitiesOwnedBy(trx, dialect, blueprints, [team.identifier]);
    audits.push(...teamChangeAudits(actor, now, owned, team.identifier, null));
    await trx.executeQuery(dialect.replaceTeam(team.identifier, null));
  }
  await insertAuditRecords(trx, dialect, audits);
  return before.map((e) => e.identifier);
}

/** Deletes every entity of a blueprint, page by page, each with its audit record. */
export async function removeAllEntitiesOf(
  trx: Db,
  dialect: Dialect,
  actor: Actor,
  now: string,
  blueprints: Map<string, BlueprintDefinition>,
  blueprint: string,
  authorize: (doomed: Entity[]) => Promise<void>,
): Promise<number> {
  let removed = 0;
  for (;;) {
    const page = await repo.listEntityRowsAfter(trx, blueprint, 0, 5000);
    if (!page.length) return removed;
    removed += (
      await removeEntities(
        trx,
        dialect,
        actor,
        now,
        blueprints,
        page.map((r) => r.id),
        false,
        authorize,
      )
    ).length;
  }
}
