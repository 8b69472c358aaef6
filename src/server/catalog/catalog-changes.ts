import type { AuditRecord } from '../audit/audit.repo.js';
import type { InheritedOwnership } from './inherited-ownership.repo.js';
import type { PlannedWrite } from './entity-write.js';

/** One entity created, changed or deleted by a committed write. */
export interface ChangedEntity {
  kind: 'entity';
  blueprint: string;
  identifier: string;
  action: 'created' | 'updated' | 'deleted';
  /** Its owners before the change (updated, deleted): who could read it then may hear that it changed. */
  teamsBefore?: string[];
}

/** A blueprint created, changed (its definition or its permissions) or deleted. */
export interface ChangedBlueprint {
  kind: 'blueprint';
  blueprint: string;
  action: 'created' | 'updated' | 'deleted';
}

/** Many entities of a blueprint changed at once (a large bulk write, a delete of all, inherited owners). */
export interface ChangedEntities {
  kind: 'entities';
  blueprint: string;
  action: 'changed';
}

/** What a committed write changed in the catalog, told to whoever listens (live updates). */
export type CatalogChange = ChangedEntity | ChangedBlueprint | ChangedEntities;

/** Told of every write once it has committed, never of one that rolled back. */
export type CommitListener = (changes: readonly CatalogChange[]) => void;

/** Past this many entities of one blueprint in one write, listeners hear of the blueprint's entities at once. */
export const MANY_ENTITY_CHANGES = 100;

/** Tells `listeners` what a committed write changed; a listener that fails does not fail the write. */
export function announceCommitted(listeners: readonly CommitListener[], changes: readonly CatalogChange[]) {
  if (!changes.length) return;
  for (const listener of listeners)
    try {
      listener(changes);
    } catch {
      // The write has committed; what a listener does with it is its own affair.
    }
}

/** Entities updated without a write of their own (computed values, scorecard results), as changes to tell. */
export function updatesOf(
  entities: ReadonlyArray<{ blueprint: string; identifier: string }>,
): CatalogChange[] {
  if (entities.length > MANY_ENTITY_CHANGES)
    return [...new Set(entities.map((e) => e.blueprint))].map((blueprint) => ({
      kind: 'entities',
      blueprint,
      action: 'changed',
    }));
  return entities.map((e) => ({
    kind: 'entity',
    blueprint: e.blueprint,
    identifier: e.identifier,
    action: 'updated',
  }));
}

const ACTIONS = { CREATE: 'created', UPDATE: 'updated', DELETE: 'deleted' } as const;

/** The changes the audit records of a write describe (entities created, updated or deleted). */
export function changesOfAudits(records: readonly AuditRecord[]): CatalogChange[] {
  return records.flatMap((record): CatalogChange[] => {
    if (
      record.resourceType !== 'entity' ||
      record.blueprint === null ||
      record.status !== 'SUCCESS' ||
      record.action === 'TIMER_EXPIRED'
    )
      return [];
    const before = record.diff.before as { team?: unknown } | null;
    const teams = Array.isArray(before?.team) ? before.team.map(String) : undefined;
    return [
      {
        kind: 'entity',
        blueprint: record.blueprint,
        identifier: record.identifier,
        action: ACTIONS[record.action],
        ...(teams && record.action !== 'CREATE' ? { teamsBefore: teams } : {}),
      },
    ];
  });
}

/** The entities planned writes create or change; a renamed one is deleted under its old identifier. */
export function changesOfPlans(blueprint: string, plans: readonly PlannedWrite[]): ChangedEntity[] {
  return plans.flatMap((plan): ChangedEntity[] => {
    const identifier = plan.state.identifier;
    if (!plan.existing) return [{ kind: 'entity', blueprint, identifier, action: 'created' }];
    const teamsBefore = [...plan.existing.state.team];
    const old = plan.existing.state.identifier;
    if (old === identifier)
      return [{ kind: 'entity', blueprint, identifier, action: 'updated', teamsBefore }];
    return [
      { kind: 'entity', blueprint, identifier: old, action: 'deleted', teamsBefore },
      { kind: 'entity', blueprint, identifier, action: 'created' },
    ];
  });
}

/** Entities of `owners` whose inherited teams follow what was written: which ones, the write does not know. */
export function inheritedChanges(owners: Iterable<InheritedOwnership>): ChangedEntities[] {
  const blueprints = new Set([...owners].map((owner) => owner.blueprint));
  return [...blueprints].map((blueprint) => ({ kind: 'entities', blueprint, action: 'changed' }));
}

/**
 * The same changes, each once, with more than `limit` entities of one blueprint told as one change of its
 * entities: listeners (and a browser) then reload the blueprint's entities instead of each one.
 */
export function compactChanges(
  changes: readonly CatalogChange[],
  limit = MANY_ENTITY_CHANGES,
): CatalogChange[] {
  const perBlueprint = new Map<string, number>();
  for (const change of changes)
    if (change.kind === 'entity')
      perBlueprint.set(change.blueprint, (perBlueprint.get(change.blueprint) ?? 0) + 1);
  const out = new Map<string, CatalogChange>();
  for (const change of changes) {
    const broad =
      change.kind === 'entities' ||
      (change.kind === 'entity' && (perBlueprint.get(change.blueprint) ?? 0) > limit);
    const entry: CatalogChange = broad
      ? { kind: 'entities', blueprint: change.blueprint, action: 'changed' }
      : change;
    const key = changeKey(entry);
    out.set(key, mergeChange(out.get(key), entry));
  }
  return [...out.values()];
}

function changeKey(change: CatalogChange) {
  return JSON.stringify([change.kind, change.blueprint, change.kind === 'entity' ? change.identifier : '']);
}

/**
 * One change for two of one entity in a row: created then updated is still created, deleted then created is
 * updated; whoever could read it under any of the owners it had may hear of it.
 */
function mergeChange(earlier: CatalogChange | undefined, later: CatalogChange): CatalogChange {
  if (earlier?.kind !== 'entity' || later.kind !== 'entity') return later;
  const action =
    earlier.action === 'created'
      ? later.action === 'deleted'
        ? 'deleted'
        : 'created'
      : earlier.action === 'deleted' && later.action === 'created'
        ? 'updated'
        : later.action;
  const teams = [...new Set([...(earlier.teamsBefore ?? []), ...(later.teamsBefore ?? [])])];
  const { teamsBefore: _teams, ...rest } = later;
  return { ...rest, action, ...(action !== 'created' && teams.length ? { teamsBefore: teams } : {}) };
}
