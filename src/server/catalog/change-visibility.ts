import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Actor } from '../identity/actor.js';
import type { BlueprintGate } from './access.js';
import { listBlueprints } from './blueprint.repo.js';
import type { CatalogChange } from './catalog-changes.js';
import type { CatalogContext } from './catalog-context.js';
import * as repo from './entity.repo.js';

/** Which of a set of changes each reader may hear of. */
export interface ChangeJudge {
  /** The changes `actor` may hear of: never one naming an entity it may not read. */
  visibleTo(actor: Actor): Promise<CatalogChange[]>;
}

/**
 * Judges committed changes for their readers as reads judge entities: an entity created or updated is told
 * to those who may read it now (or, when updated, could by its owners before), a deleted one to those whose
 * grants let them read it as it was. What many readers share (the blueprints, the entities as they are now)
 * is read once per set of changes, whatever the number of readers.
 */
export function createChangeVisibility(ctx: CatalogContext) {
  const { db, dialect } = ctx.database;

  async function prepare(changes: readonly CatalogChange[]): Promise<ChangeJudge> {
    const blueprints = new Map(
      (await listBlueprints(db, dialect)).map((s) => [
        s.blueprint.identifier,
        s.blueprint as BlueprintDefinition,
      ]),
    );
    const present = await presentRows(changes, blueprints);
    const involved = [
      ...new Set(changes.filter((c) => c.kind !== 'blueprint').map((change) => change.blueprint)),
    ].flatMap((identifier) => blueprints.get(identifier) ?? []);

    return {
      async visibleTo(actor) {
        const gates = involved.length ? await ctx.access.gates(actor, involved) : new Map();
        const byPolicy = await readableByPolicies(gates, present);
        return changes.flatMap((change): CatalogChange[] => {
          if (change.kind === 'blueprint') return [change];
          const gate = gates.get(change.blueprint);
          if (!gate) return [];
          if (gate.readsAll) return [change];
          if (change.kind === 'entities') return readsSome(gate) ? [change] : [];
          const row = present.get(change.blueprint)?.get(change.identifier);
          const now = row && (gate.canRead(repo.rowToState(dialect, row)) || byPolicy.has(row.id));
          const before = change.teamsBefore !== undefined && gate.canRead({ team: change.teamsBefore });
          if (change.action === 'created') return now ? [change] : [];
          if (change.action === 'updated') return now || before ? [change] : [];
          if (before) return [change];
          // A read policy may have let it read the entity, as it was: which one, a policy cannot tell now.
          return gate.policy ? [{ kind: 'entities', blueprint: change.blueprint, action: 'changed' }] : [];
        });
      },
    };
  }

  /** The rows, as they are now, of the entities created or updated, by blueprint and identifier. */
  async function presentRows(
    changes: readonly CatalogChange[],
    blueprints: ReadonlyMap<string, BlueprintDefinition>,
  ) {
    const wanted = new Map<string, string[]>();
    for (const change of changes)
      if (change.kind === 'entity' && change.action !== 'deleted' && blueprints.has(change.blueprint))
        wanted.set(change.blueprint, [...(wanted.get(change.blueprint) ?? []), change.identifier]);
    const present = new Map<string, Map<string, repo.EntityRow>>();
    for (const [blueprint, identifiers] of wanted) {
      const rows = await repo.findEntityRows(db, blueprint, identifiers);
      present.set(blueprint, new Map(rows.map((row) => [row.identifier, row])));
    }
    return present;
  }

  /** The ids among `present` that only a read policy lets the owner of `gates` read: one query for all. */
  async function readableByPolicies(
    gates: ReadonlyMap<string, BlueprintGate>,
    present: ReadonlyMap<string, ReadonlyMap<string, repo.EntityRow>>,
  ): Promise<Set<number>> {
    const policies: Array<{ blueprint: string; where: NonNullable<BlueprintGate['policy']> }> = [];
    const ids: number[] = [];
    for (const [blueprint, rows] of present) {
      const gate = gates.get(blueprint);
      if (!gate?.policy || gate.readsAll) continue;
      policies.push({ blueprint, where: gate.policy });
      for (const row of rows.values()) if (!gate.canRead(repo.rowToState(dialect, row))) ids.push(row.id);
    }
    if (!ids.length) return new Set();
    return repo.visibleIdsAmong(db, dialect, ids, { all: [], owned: [], teams: [], policies });
  }

  return { prepare };
}

export type ChangeVisibility = ReturnType<typeof createChangeVisibility>;

/** Whether a gate lets its actor read any entity at all of its blueprint. */
const readsSome = (gate: BlueprintGate) =>
  gate.readsAll || (gate.readsOwned && gate.teams.length > 0) || gate.policy !== undefined;
