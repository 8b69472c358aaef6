import type { CompiledQuery } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { TEAM_BLUEPRINT } from '../../core/system-blueprints.js';
import type { Entity } from '../../core/entity.js';
import { auditInsertQueries, type AuditRecord } from '../audit/audit.repo.js';
import type { Actor } from '../identity/actor.js';
import type { Database } from '../storage/database.js';
import * as repo from './entity.repo.js';
import { entityAuditRecord } from './entity-audit.js';
import { targetKey, type RelationTargets } from './entity-relations.js';
import type { PlannedWrite } from './entity-write.js';

/**
 * Writes planned entities, the stubs they need, their relation rows and audit records in one transaction.
 * Every statement that does not need a new row id is built before the transaction starts, and the rest run
 * as two batches (rows, then relations and audit), so the transaction holds the connection only while the
 * database works: on SQLite, whose one connection every request shares, that is what lets requests overlap.
 */
export async function commitPlans(
  { db, dialect }: Database,
  actor: Actor,
  at: string,
  blueprint: BlueprintDefinition,
  plans: PlannedWrite[],
  targets: RelationTargets,
  after: Map<number, Entity>,
): Promise<void> {
  const audits: AuditRecord[] = [];
  const rowWrites: Array<{ blueprint: string; stubs: boolean; queries: CompiledQuery[] }> = [];
  for (const [targetBlueprint, stubs] of targets.stubs) {
    rowWrites.push({
      blueprint: targetBlueprint,
      stubs: true,
      queries: repo.entityUpsertQueries(dialect, stubs),
    });
    for (const stub of stubs)
      audits.push(entityAuditRecord(actor, at, 'CREATE', stub.identifier, targetBlueprint, null, stub));
  }
  const renamed = plans.filter((plan) => plan.rename && plan.existing);
  const renames = renamed.map((plan) => repo.renameEntityQuery(db, plan.existing!.id, plan.rename!));
  for (const [onConflict, group] of [
    ['fail', plans.filter((p) => p.createOnly)],
    ['update', plans.filter((p) => !p.createOnly)],
  ] as const)
    if (group.length)
      rowWrites.push({
        blueprint: blueprint.identifier,
        stubs: false,
        queries: repo.entityUpsertQueries(
          dialect,
          group.map((p) => p.state),
          onConflict,
        ),
      });
  for (const plan of plans) {
    const before = plan.existing
      ? repo.toEntity(plan.existing.state, blueprint, plan.existing.relations)
      : null;
    const action = plan.existing ? 'UPDATE' : 'CREATE';
    audits.push(
      entityAuditRecord(
        actor,
        at,
        action,
        plan.state.identifier,
        blueprint.identifier,
        before,
        after.get(plan.index),
      ),
    );
  }
  const auditQueries = auditInsertQueries(dialect, audits);
  // A renamed team keeps its members and the entities it owns.
  const teamRenames =
    blueprint.identifier === TEAM_BLUEPRINT
      ? renamed.map((plan) => dialect.replaceTeam(plan.existing!.state.identifier, plan.rename!))
      : [];

  await db.transaction().execute(async (trx) => {
    const results = await dialect.runInOrder(trx, [...renames, ...rowWrites.flatMap((w) => w.queries)]);
    let offset = renames.length;
    const ids = new Map<string, number>();
    for (const write of rowWrites) {
      const written = repo.writtenIds(results.slice(offset, (offset += write.queries.length)));
      for (const [identifier, id] of written) {
        targets.ids.set(targetKey(write.blueprint, identifier), id);
        if (!write.stubs) ids.set(identifier, id);
      }
    }
    const relationRows = plans.flatMap((plan) =>
      [...plan.relations].flatMap(([relation, identifiers]) =>
        identifiers.map((identifier, position) => ({
          source_id: ids.get(plan.state.identifier)!,
          relation,
          target_id: targets.ids.get(targetKey(blueprint.relations[relation]!.target, identifier))!,
          position,
        })),
      ),
    );
    await dialect.runInOrder(trx, [
      ...repo.relationReplaceQueries(trx, dialect, [...ids.values()], relationRows),
      ...teamRenames,
      ...auditQueries,
    ]);
  });
}
