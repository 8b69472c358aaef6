import type { Expression, SqlBool } from 'kysely';
import type { JsonObject } from '../../../core/blueprint.js';
import type { Db } from '../../storage/database.js';
import type { Dialect } from '../../storage/dialect/index.js';
import { blueprintsStillAt } from '../blueprint.repo.js';
import { chunks } from '../entity.repo.js';
import { derivedRecords, insertAuditRecords, type DerivedChange } from '../../audit/audit.repo.js';
import { recordComputedVersions } from '../entity-versions.repo.js';
import type { Hop } from './computed-model.js';

const IDS_PER_STATEMENT = 1000;

/** For each of `ids` (entities of `hop.from`), the entities one step along `hop`, in relation order. */
export async function followHop(db: Db, hop: Hop, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const chunk of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
    if (!chunk.length) continue;
    const rows =
      hop.direction === 'out'
        ? await db
            .selectFrom('entity_relations')
            .select(['source_id as from', 'target_id as to'])
            .where('relation', '=', hop.relation)
            .where('source_id', 'in', chunk)
            .orderBy('source_id')
            .orderBy('position')
            .execute()
        : await db
            .selectFrom('entity_relations as r')
            .innerJoin('entities as s', 's.id', 'r.source_id')
            .select(['r.target_id as from', 'r.source_id as to'])
            .where('r.relation', '=', hop.relation)
            .where('s.blueprint', '=', hop.to)
            .where('r.target_id', 'in', chunk)
            .orderBy('r.source_id')
            .execute();
    for (const row of rows) {
      const list = out.get(row.from) ?? [];
      list.push(row.to);
      out.set(row.from, list);
    }
  }
  return out;
}

/** Among `ids`, those meeting `condition` (on the alias `e`), with what an aggregation reads of them. */
export async function aggregatedRows(
  db: Db,
  dialect: Dialect,
  ids: readonly number[],
  condition: Expression<SqlBool> | undefined,
) {
  const out = new Map<number, { properties: JsonObject; createdAt: string; updatedAt: string }>();
  for (const chunk of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
    if (!chunk.length) continue;
    let query = db
      .selectFrom('entities as e')
      .select(['e.id', 'e.properties', 'e.created_at', 'e.updated_at'])
      .where('e.id', 'in', chunk);
    if (condition) query = query.where(condition);
    for (const row of await query.execute())
      out.set(row.id, {
        properties: dialect.fromJson<JsonObject>(row.properties),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
  }
  return out;
}

export interface ComputedWrite {
  id: number;
  /** The version the values were computed from: a row at another version is left for a new computation. */
  version: number;
  properties: JsonObject;
  /** The computed values that change, for the change stream (refreshes only). */
  change?: DerivedChange & { blueprint: string };
}

export const WRITES_PER_STATEMENT = 500;

/** A refresh's write refused: a blueprint it computed from has changed since it read it. */
export class DataModelChanged extends Error {
  constructor() {
    super('the data model changed while computed values were computed');
  }
}

/**
 * Writes recomputed properties where each row is still at the version they were computed from; returns
 * the ids written. Each write gives its row a new version (its representation changed). `definitions`: the
 * blueprints the values were computed from, at the versions read: a statement commits only if they still
 * are, otherwise it throws DataModelChanged (statements before it stay written: they were current).
 */
export async function writeComputed(
  db: Db,
  dialect: Dialect,
  writes: readonly ComputedWrite[],
  history = true,
  definitions: ReadonlyMap<string, number> = new Map(),
) {
  const written = new Set<number>();
  for (const chunk of chunks([...writes], WRITES_PER_STATEMENT))
    if (chunk.length)
      await db.transaction().execute(async (trx) => {
        if (!(await blueprintsStillAt(trx, dialect, definitions))) throw new DataModelChanged();
        const at = new Date().toISOString();
        const ids = await writePropertiesAtVersion(trx, dialect, chunk, { at, history });
        ids.forEach((id) => written.add(id));
        const done = new Set(ids);
        const changes = chunk.flatMap(({ id, change }) => (change && done.has(id) ? [change] : []));
        await insertAuditRecords(trx, dialect, derivedRecords(changes, at));
      });
  return written;
}

/**
 * One statement's worth of `writes` (at most WRITES_PER_STATEMENT), in `trx`: each row still at its
 * version gets its new properties and version, and, with `history`, a version of its own (by `actor`,
 * Portico when absent). Returns the ids written.
 */
export async function writePropertiesAtVersion(
  trx: Db,
  dialect: Dialect,
  writes: readonly ComputedWrite[],
  version: { at: string; history: boolean; actor?: string },
): Promise<number[]> {
  const json = JSON.stringify(writes.map((w) => ({ id: w.id, version: w.version, p: w.properties })));
  const { rows } = await trx.executeQuery(dialect.propertiesAtVersion(json));
  const ids = rows.map((row) => Number((row as { id: number }).id));
  if (version.history) await recordComputedVersions(trx, ids, version.at, version.actor);
  return ids;
}
