import type { Entity } from '../../core/entity.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { TEAM_BLUEPRINT } from '../../core/system-blueprints.js';
import { derivedRecords, insertAuditRecords, type DerivedChange } from '../audit/audit.repo.js';
import { conflict } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { entityAuditRecord, teamChangeAudits } from './entity-audit.js';
import { changesOfAudits, compactChanges, inheritedChanges, type CatalogChange } from './catalog-changes.js';
import { entitiesOwnedBy } from './team-ownership.js';
import type { DeletionCheck } from './entity-access.js';
import type { ComputedCatalog } from './catalog-context.js';
import * as repo from './entity.repo.js';
import { recordDeletions, versionsOf } from './entity-versions.repo.js';
import {
  inheritedOwnerships,
  inheritingThrough,
  recomputeInheritedTeamsOf,
  type InheritedOwnership,
} from './inherited-ownership.repo.js';

// Dependents are followed this many levels deep at most; deeper chains are refused rather than walked.
const MAX_DEPENDENT_DEPTH = 50;

/**
 * Which rows a delete removes: the given entities, and with deleteDependents the entities that hold a
 * required relation to them, transitively. Without it, any such dependent refuses the whole delete; the
 * refusal names only the dependents `readable` lets the actor read, and counts the others.
 * Non-required relations to deleted entities simply disappear (on delete cascade).
 */
export async function collectDeletion(
  db: Db,
  blueprints: Map<string, BlueprintDefinition>,
  rootIds: number[],
  deleteDependents: boolean,
  readable: (ids: number[]) => Promise<Set<number>> = async (ids) => new Set(ids),
): Promise<number[]> {
  const doomed = new Set(rootIds);
  let frontier = rootIds;
  for (let depth = 0; frontier.length; depth++) {
    if (depth > MAX_DEPENDENT_DEPTH)
      throw conflict('dependents_too_deep', 'dependent entities form a chain deeper than 50');
    const dependents = (await repo.findDependents(db, frontier)).filter(
      (d) => !doomed.has(d.id) && blueprints.get(d.blueprint)?.relations[d.relation]?.required,
    );
    if (dependents.length && !deleteDependents) throw await dependentsConflict(dependents, readable);
    frontier = [...new Set(dependents.map((d) => d.id))];
    frontier.forEach((id) => doomed.add(id));
  }
  return [...doomed];
}

async function dependentsConflict(
  dependents: Array<{ id: number; blueprint: string; identifier: string; relation: string }>,
  readable: (ids: number[]) => Promise<Set<number>>,
) {
  const seen = await readable([...new Set(dependents.map((d) => d.id))]);
  const shown = dependents.filter((d) => seen.has(d.id));
  const hidden = new Set(dependents.filter((d) => !seen.has(d.id)).map((d) => d.id)).size;
  const total = new Set(dependents.map((d) => d.id)).size;
  const sample = shown.slice(0, 5).map((d) => `${d.blueprint}/${d.identifier} (${d.relation})`);
  if (hidden) sample.push(`${hidden} you cannot read`);
  return conflict(
    'has_dependents',
    `${total} entit${total === 1 ? 'y has' : 'ies have'} a required relation to the entities being deleted (${sample.join(', ')}): pass delete_dependents=true to delete them too`,
  );
}

/** What else a deletion does in its transaction: computed values that read the rows, their last versions. */
export interface DeletionHooks {
  computed?: Pick<ComputedCatalog, 'beforeDelete'>;
  /** Record each deleted entity's last version (default true). */
  history?: boolean;
}

/** What a delete removed: the identifiers, and every change it made (to announce once committed). */
export interface Removal {
  identifiers: string[];
  changes: CatalogChange[];
}

/**
 * Deletes entities (and what requires them, when asked) with one audit record each.
 * `authorize` judges the entities asked for before their dependents are looked at, then the dependents.
 */
export async function removeEntities(
  trx: Db,
  dialect: Dialect,
  actor: Actor,
  now: string,
  blueprints: Map<string, BlueprintDefinition>,
  rootIds: number[],
  deleteDependents: boolean,
  authorize: DeletionCheck,
  readable?: (ids: number[]) => Promise<Set<number>>,
  hooks: DeletionHooks = {},
): Promise<Removal> {
  const entitiesOf = async (ids: number[]) => {
    const rows = await repo.findEntityRowsById(trx, ids);
    const relations = await repo.loadRelations(trx, ids);
    return rows.map((row) => ({
      id: row.id,
      blueprint: row.blueprint,
      entity: repo.toEntity(
        repo.rowToState(dialect, row),
        blueprints.get(row.blueprint)!,
        relations.get(row.id),
      ),
    }));
  };
  const roots = await entitiesOf(rootIds);
  await authorize(roots, 'roots');
  const ids = await collectDeletion(trx, blueprints, rootIds, deleteDependents, readable);
  const rootSet = new Set(rootIds);
  const dependents = await entitiesOf(ids.filter((id) => !rootSet.has(id)));
  await authorize(dependents, 'dependents');
  const rows = [...roots, ...dependents];
  const before = rows.map((row) => row.entity);
  const doomed = new Set(ids);
  const inheriting = await inheritingThrough(
    trx,
    inheritedOwnerships(blueprints),
    rows.map((row) => ({ id: row.id, blueprint: row.blueprint })),
  );
  await hooks.computed?.beforeDelete(trx, blueprints, ids);
  // Entities pointing at a deleted one lose that relation: a new version each, once it is gone, and a
  // derived change for the change stream.
  const sources = (await repo.sourcesOf(trx, ids)).filter((id) => !doomed.has(id));
  const sourcesBefore = await entitiesOf(sources);
  if (hooks.history !== false) await recordDeletions(trx, ids, now, actor.id);
  await trx.executeQuery(repo.bumpSourcesOfQuery(trx, ids));
  await repo.deleteEntityRows(trx, ids);
  // Entities that inherited their owners through a deleted one inherit from what is left.
  const reowned: InheritedOwnership[] = [];
  for (const [owner, affected] of inheriting) {
    const left = affected.filter((id) => !doomed.has(id));
    const queries = left.length
      ? recomputeInheritedTeamsOf(
          trx,
          dialect,
          owner,
          left,
          hooks.history !== false ? { at: now, actor: actor.id } : undefined,
        )
      : undefined;
    for (const query of queries ?? []) await trx.executeQuery(query);
    if (queries) reowned.push(owner);
  }
  // A deleted team no longer owns anything nor has members: each entity and user it leaves is audited.
  const audits = before.map((entity) =>
    entityAuditRecord(actor, now, 'DELETE', entity.identifier, entity.blueprint, entity, null),
  );
  const versioned = new Set<string>();
  for (const team of before.filter((e) => e.blueprint === TEAM_BLUEPRINT)) {
    const owned = await entitiesOwnedBy(trx, dialect, blueprints, [team.identifier]);
    audits.push(...teamChangeAudits(actor, now, owned, team.identifier, null));
    await trx.executeQuery(dialect.replaceTeam(team.identifier, null));
    // Each entity it owned gets a version without it, like an audit record (those deleted here are gone).
    if (hooks.history !== false)
      for (const query of dialect.insertEntityVersions(versionsOf(owned, now, actor.id)))
        await trx.executeQuery(query);
    owned.forEach((entity) => versioned.add(`${entity.blueprint}\u0000${entity.identifier}`));
  }
  const sourcesAfter = (await entitiesOf(sources)).map((row) => row.entity);
  const changedSources = sourcesAfter.filter(
    (entity) => !versioned.has(`${entity.blueprint}\u0000${entity.identifier}`),
  );
  if (hooks.history !== false)
    for (const query of dialect.insertEntityVersions(versionsOf(changedSources, now, actor.id)))
      await trx.executeQuery(query);
  await insertAuditRecords(trx, dialect, [
    ...audits,
    ...emptiedRelations(
      sourcesBefore.map((row) => row.entity),
      sourcesAfter,
      now,
    ),
  ]);
  return {
    identifiers: before.map((e) => e.identifier),
    changes: compactChanges([...changesOfAudits(audits), ...inheritedChanges(reowned)]),
  };
}

/** Deletes every entity of a blueprint, page by page, each with its audit record. */
export async function removeAllEntitiesOf(
  trx: Db,
  dialect: Dialect,
  actor: Actor,
  now: string,
  blueprints: Map<string, BlueprintDefinition>,
  blueprint: string,
  authorize: DeletionCheck,
  readable?: (ids: number[]) => Promise<Set<number>>,
  hooks: DeletionHooks = {},
): Promise<{ count: number; changes: CatalogChange[] }> {
  let count = 0;
  let changes: CatalogChange[] = [];
  for (;;) {
    const page = await repo.listEntityRowsAfter(trx, blueprint, 0, 5000);
    if (!page.length) return { count, changes };
    const removed = await removeEntities(
      trx,
      dialect,
      actor,
      now,
      blueprints,
      page.map((r) => r.id),
      false,
      authorize,
      readable,
      hooks,
    );
    count += removed.identifiers.length;
    changes = compactChanges([...changes, ...removed.changes]);
  }
}

/** The relations a deletion emptied, as derived changes of the entities that held them. */
function emptiedRelations(before: Entity[], after: Entity[], at: string) {
  const was = new Map(before.map((entity) => [`${entity.blueprint}\u0000${entity.identifier}`, entity]));
  const changes: Array<DerivedChange & { blueprint: string }> = [];
  for (const entity of after) {
    const previous = was.get(`${entity.blueprint}\u0000${entity.identifier}`);
    if (!previous) continue;
    const changed = Object.keys(entity.relations).filter(
      (name) => JSON.stringify(previous.relations[name]) !== JSON.stringify(entity.relations[name]),
    );
    if (!changed.length) continue;
    const pick = (of: Entity) =>
      Object.fromEntries(changed.map((name) => [name, of.relations[name] ?? null]));
    changes.push({
      blueprint: entity.blueprint,
      entity: entity.identifier,
      title: entity.title,
      before: { relations: pick(previous) },
      after: { relations: pick(entity) },
    });
  }
  return derivedRecords(changes, at);
}
