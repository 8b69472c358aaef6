import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { TEAM_BLUEPRINT } from '../../core/system-blueprints.js';
import { auditInsertQueries, stubAuditQueries, type AuditRecord } from '../audit/audit.repo.js';
import type { Actor } from '../identity/actor.js';
import type { Database, Statement } from '../storage/database.js';
import type { RelationByIdentifier } from '../storage/dialect/index.js';
import { blueprintGuardQuery } from './blueprint.repo.js';
import * as repo from './entity.repo.js';
import { versionsOf } from './entity-versions.repo.js';
import { entityAuditRecord, teamChangeAudits } from './entity-audit.js';
import { changesOfAudits, changesOfPlans, inheritedChanges, type CatalogChange } from './catalog-changes.js';
import { targetKey, type RelationTargets } from './entity-relations.js';
import { inheritedTeamsAfterWrite, type InheritedOwnership } from './inherited-ownership.repo.js';
import type { PlannedWrite } from './entity-write.js';

/**
 * Writes planned entities, the stubs they need, their relation rows and audit records in one transaction,
 * and returns what it changed, for the caller to announce once it has committed. Every statement is built
 * before the transaction starts (relation rows name their entities by identifier, so none needs an id from
 * another), and the transaction runs as one unit: on SQLite, whose writer every request shares, it holds
 * that connection only while SQLite works, never while the server thread is busy.
 */
export async function commitPlans(
  { db, dialect }: Database,
  actor: Actor,
  at: string,
  blueprint: BlueprintDefinition,
  plans: PlannedWrite[],
  targets: RelationTargets,
  after: Map<number, Entity>,
  extra: {
    /** The version of `blueprint` the plans were checked against: the write commits only if it still is. */
    blueprintVersion: number;
    /** By plan index: the entities it names (teams) that must still exist, as found, for it to commit. */
    named?: ReadonlyMap<number, ReadonlyArray<{ id: number; identifier: string }>>;
    /** Record the entities' new versions (history); default true. */
    history?: boolean;
    /** Other rows the plans were computed from (computed values), at the versions read. */
    read?: ReadonlyArray<{ id: number; version: number }>;
    /** Other capabilities' statements for the same transaction (write hooks). */
    statements: readonly Statement[];
    /** Blueprints whose owners are inherited: those inheriting through the written entities follow. */
    owners: readonly InheritedOwnership[];
    /** For renamed teams: what they own and who their members are, as it stands before the rename. */
    ownedByRenamedTeams?: readonly Entity[];
  },
): Promise<CatalogChange[]> {
  const versionOf = (
    of: string,
    identifier: string,
    action: 'CREATE' | 'UPDATE',
    relations: ReadonlyMap<string, readonly string[]>,
  ) => ({ blueprint: of, identifier, at, actor: actor.id, action, relations: Object.fromEntries(relations) });
  const audits: AuditRecord[] = [];
  const teamAudits: AuditRecord[] = [];
  const stubAudits: AuditRecord[] = [];
  const stubWrites = [...targets.stubs].flatMap(([targetBlueprint, stubs]) => {
    for (const stub of stubs)
      stubAudits.push(entityAuditRecord(actor, at, 'CREATE', stub.identifier, targetBlueprint, null, stub));
    // A stub is inserted only where no entity exists: it never overwrites one written meanwhile.
    return repo.entityUpsertQueries(dialect, stubs, 'ignore');
  });
  const stubRecords = stubAuditQueries(dialect, stubAudits);
  const renamed = plans.filter((plan) => plan.rename && plan.existing);
  const renames = renamed.map((plan) => repo.renameEntityQuery(db, plan.existing!.id, plan.rename!));
  if (renamed.length) {
    const ids = renamed.map((plan) => plan.existing!.id);
    // Entities pointing at a renamed one now read its new identifier: a new version each.
    renames.push(repo.bumpSourcesOfQuery(db, ids));
    if (extra.history !== false) renames.push(dialect.insertVersionsOfSources(ids, at, actor.id));
  }
  const creates = plans.filter((p) => p.createOnly).map((p) => p.state);
  // Each write was computed from the entity as read (or from its absence): it commits only if the entity
  // is still so, otherwise the transaction fails with a stale write and the caller computes it again.
  const updates = plans.filter((p) => !p.createOnly && p.existing);
  const upsertCreates = plans.filter((p) => !p.createOnly && !p.existing).map((p) => p.state);
  const guards = repo.versionGuardQueries(db, dialect, [
    ...updates.map((p) => ({ id: p.existing!.id, version: p.existing!.version })),
    ...(extra.read ?? []),
  ]);
  // The teams the plans add, by the names they found them: deleted or renamed meanwhile, the write is
  // computed again (and finds them missing). Relation targets need no such guard: their rows' foreign
  // keys fail the write when a target goes, and a delete locks its rows before it looks for dependents.
  const named = plans.flatMap((plan) => [...(extra.named?.get(plan.index) ?? [])]);
  const relationRows: RelationByIdentifier[] = [];
  for (const plan of plans)
    plan.relations.forEach((identifiers, relation) => {
      const target = blueprint.relations[relation]!.target;
      identifiers.forEach((identifier, position) =>
        relationRows.push({
          source_blueprint: blueprint.identifier,
          source: plan.state.identifier,
          relation,
          target_id: targets.ids.get(targetKey(target, identifier)) ?? null,
          target_blueprint: target,
          target: identifier,
          position,
        }),
      );
    });
  for (const plan of plans) {
    const before = plan.existing
      ? repo.toEntity(plan.existing.state, blueprint, plan.existing.relations)
      : null;
    const action = plan.existing ? 'UPDATE' : 'CREATE';
    const entity = plan.state.identifier;
    audits.push(
      entityAuditRecord(actor, at, action, entity, blueprint.identifier, before, after.get(plan.index)),
    );
  }
  // A renamed team keeps its members and the entities it owns.
  // Each entity it owns gets a version with the new name, like an audit record.
  const teamRenames =
    blueprint.identifier === TEAM_BLUEPRINT
      ? renamed.flatMap((plan) => {
          const from = plan.existing!.state.identifier;
          const owned = (extra.ownedByRenamedTeams ?? []).filter((e) => e.team.includes(from));
          teamAudits.push(...teamChangeAudits(actor, at, owned, from, plan.rename!));
          return [
            dialect.replaceTeam(from, plan.rename!),
            ...(extra.history === false ? [] : dialect.insertEntityVersions(versionsOf(owned, at, actor.id))),
          ];
        })
      : [];

  const inherited = inheritedTeamsAfterWrite(
    db,
    dialect,
    extra.owners,
    blueprint.identifier,
    plans.map((p) => p.state.identifier),
    extra.history === false ? undefined : { at, actor: actor.id },
  );
  await dialect.runInTransaction(db, [
    blueprintGuardQuery(db, dialect, blueprint.identifier, extra.blueprintVersion),
    // Teams named first: a delete or rename of one, holding it, then waits for nothing of this write.
    ...repo.existenceGuardQueries(db, dialect, named),
    ...guards,
    ...stubRecords.beforeStubs,
    ...stubWrites,
    ...stubRecords.afterStubs,
    ...renames,
    ...repo.entityUpsertQueries(dialect, creates, 'fail'),
    ...repo.entityUpsertQueries(dialect, upsertCreates, 'stale'),
    ...repo.entityUpsertQueries(
      dialect,
      updates.map((p) => p.state),
      'update',
    ),
    ...repo.relationReplaceQueries(
      dialect,
      blueprint.identifier,
      plans.map((p) => p.state.identifier),
      relationRows,
    ),
    ...teamRenames,
    ...inherited.updates,
    // Each entity's new version, as its row now is (inherited owners included).
    ...dialect.insertEntityVersions(
      extra.history === false
        ? []
        : [
            ...[...targets.stubs].flatMap(([targetBlueprint, stubs]) =>
              stubs.map((stub) => versionOf(targetBlueprint, stub.identifier, 'CREATE', new Map())),
            ),
            ...plans.map((plan) =>
              versionOf(
                blueprint.identifier,
                plan.state.identifier,
                plan.existing ? 'UPDATE' : 'CREATE',
                plan.relations,
              ),
            ),
          ],
    ),
    // Then a version of each entity whose inherited owners the write changed (its own are kept above).
    ...inherited.versions,
    ...extra.statements,
    ...auditInsertQueries(dialect, [...audits, ...teamAudits]),
  ]);
  return [
    ...changesOfPlans(blueprint.identifier, plans),
    ...changesOfAudits([...stubAudits, ...teamAudits]),
    ...inheritedChanges(
      extra.owners.filter(
        (owner) =>
          owner.blueprint !== blueprint.identifier &&
          owner.hops.some((hop) => hop.target === blueprint.identifier) &&
          plans.some(passesOwnersOn),
      ),
    ),
  ];
}

/** Whether a write can change what entities inheriting their owners through it inherit. */
function passesOwnersOn(plan: PlannedWrite) {
  if (!plan.existing || plan.rename) return true;
  const relations = (map: ReadonlyMap<string, readonly string[]>) => JSON.stringify([...map].sort());
  return (
    JSON.stringify(plan.existing.state.team) !== JSON.stringify(plan.state.team) ||
    relations(plan.existing.relations) !== relations(plan.relations)
  );
}
