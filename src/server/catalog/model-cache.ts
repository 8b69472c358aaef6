import type { BlueprintDefinition } from '../../core/blueprint.js';
import { deepFreeze } from '../../core/deep-freeze.js';
import { allStoredPermissions } from '../identity/permissions.repo.js';
import type { StoredPermissions } from '../identity/permissions.js';
import { changeCounters } from '../storage/change-counters.js';
import type { ScorecardDefinition } from '../../core/scorecard.js';
import { listScorecards } from '../scorecards/scorecard.repo.js';
import type { Database, Db } from '../storage/database.js';
import {
  blueprintModel,
  listBlueprints,
  type BlueprintModel,
  type StoredBlueprint,
} from './blueprint.repo.js';

/** The data model as one read of it saw it: blueprints, since when, and their stored permissions. */
export interface ModelSnapshot {
  version: number;
  /** As findBlueprint answers, by identifier. */
  stored: ReadonlyMap<string, StoredBlueprint>;
  definitions: ReadonlyMap<string, BlueprintDefinition>;
  since: BlueprintModel['since'];
  permissions: ReadonlyMap<string, StoredPermissions>;
  /** The scorecards of each blueprint that has some. */
  scorecards: ReadonlyMap<string, readonly ScorecardDefinition[]>;
  /**
   * A value of kind `kind` worked out from this snapshot and `key` alone (permissions of a definition, the
   * SQL of a blueprint), kept as long as both are.
   */
  derived<T extends object>(kind: string, key: object, make: () => T): T;
}

export type ModelCache = ReturnType<typeof createModelCache>;

const caches = new WeakMap<Database, ModelCache>();

/** A snapshot's definitions as the model a request reads (frozen: read, never changed). */
export const blueprintModelOf = ({ definitions, since }: ModelSnapshot) =>
  ({ definitions, since }) as BlueprintModel;

/** The model cache of `database`, one per database however many services read it. */
export function modelCache(database: Database): ModelCache {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = createModelCache(database)));
  return cache;
}

/**
 * Every request reads the data model (to check its input, judge its permissions, write its SQL): read
 * from the database each time, it cost more than the entity asked for. It is kept in memory instead and
 * checked against the `model` change counter, one small read per turn of the event loop however many
 * requests ask, which every change of blueprints or permissions raises in its own transaction, whichever
 * replica or code path makes it. A request is answered by a model at least as new as the last change committed
 * before it asked: a change of permissions applies to the next request on every replica, with no window.
 * Inside a transaction (writes, which lock what they read) the model is read from the transaction.
 */
function createModelCache(database: Database) {
  const { dialect } = database;
  const counters = changeCounters(database);
  let latest: ModelSnapshot | undefined;
  let reading: { version: number; snapshot: Promise<ModelSnapshot> } | undefined;

  async function read(version: number): Promise<ModelSnapshot> {
    // Read after the version: what it reads is at least as new as `version` says, never older.
    // Point reads: a write holding a connection in its transaction may be the one asking.
    const [stored, permissions, scorecards] = await Promise.all([
      listBlueprints(database.pointReads, dialect),
      allStoredPermissions(database.pointReads, dialect),
      listScorecards(database.pointReads, dialect),
    ]);
    deepFreeze(stored);
    deepFreeze(permissions);
    const byBlueprint = new Map<string, ScorecardDefinition[]>();
    for (const { blueprint, definition } of deepFreeze(scorecards))
      (byBlueprint.get(blueprint) ?? byBlueprint.set(blueprint, []).get(blueprint)!).push(definition);
    const derived = new WeakMap<object, Map<string, object>>();
    return {
      version,
      stored: new Map(stored.map((s) => [s.blueprint.identifier, s])),
      definitions: new Map(stored.map((s) => [s.blueprint.identifier, s.blueprint as BlueprintDefinition])),
      since: new Map(stored.map((s) => [s.blueprint.identifier, s.since])),
      permissions,
      scorecards: byBlueprint,
      derived<T extends object>(kind: string, key: object, make: () => T): T {
        let ofKey = derived.get(key);
        if (!ofKey) derived.set(key, (ofKey = new Map()));
        let value = ofKey.get(kind) as T | undefined;
        if (!value) ofKey.set(kind, (value = make()));
        return value;
      },
    };
  }

  /** The model as it is now (at least as new as every change committed before this call). */
  async function snapshot(): Promise<ModelSnapshot> {
    const version = await counters('model');
    if (latest?.version === version) return latest;
    if (reading?.version === version) return reading.snapshot;
    const pending = { version, snapshot: read(version) };
    reading = pending;
    pending.snapshot.then(
      (done) => {
        if (!latest || latest.version < done.version) latest = done;
        if (reading === pending) reading = undefined;
      },
      () => {
        if (reading === pending) reading = undefined;
      },
    );
    return pending.snapshot;
  }

  /** The model read through `from`: a transaction reads its own (it may lock it), anything else the cache. */
  async function model(from: Db): Promise<BlueprintModel> {
    if (from.isTransaction) return blueprintModel(from, dialect);
    return blueprintModelOf(await snapshot());
  }

  return { snapshot, model };
}
