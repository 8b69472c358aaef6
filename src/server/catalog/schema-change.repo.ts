import { sql, type RawBuilder } from 'kysely';
import type { JsonObject } from '../../core/blueprint.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { PREVIOUS_RELATIONS, recordComputedVersions } from './entity-versions.repo.js';

/** Queries a blueprint change runs over the blueprint's existing entities. */

export async function scanEntityProperties(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  afterId: number,
  limit: number,
) {
  const rows = await db
    .selectFrom('entities')
    .select(['id', 'identifier', 'properties'])
    .where('blueprint', '=', blueprint)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    identifier: r.identifier,
    properties: dialect.fromJson<JsonObject>(r.properties),
  }));
}

/** Entities of `blueprint` with no target for `relation` (they would break if it became required). */
export async function entitiesMissingRelation(db: Db, blueprint: string, relation: string, sample: number) {
  const where = sql<boolean>`not exists (select 1 from entity_relations r where r.source_id = entities.id and r.relation = ${relation})`;
  const [count, examples] = await Promise.all([
    db
      .selectFrom('entities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('blueprint', '=', blueprint)
      .where(where)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('entities')
      .select('identifier')
      .where('blueprint', '=', blueprint)
      .where(where)
      .orderBy('id')
      .limit(sample)
      .execute(),
  ]);
  return { count: Number(count.n), examples: examples.map((r) => r.identifier) };
}

/** Entities of `blueprint` whose `relation` has at least `minTargets` targets. */
export async function entitiesWithRelationTargets(
  db: Db,
  blueprint: string,
  relation: string,
  minTargets: number,
  sample: number,
) {
  const matching = db
    .selectFrom('entity_relations as r')
    .innerJoin('entities as e', 'e.id', 'r.source_id')
    .select('e.identifier')
    .where('e.blueprint', '=', blueprint)
    .where('r.relation', '=', relation)
    .groupBy(['e.id', 'e.identifier'])
    .having((eb) => eb.fn.countAll(), '>=', minTargets);
  const count = await db
    .selectFrom(matching.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const examples = await matching.orderBy('e.identifier').limit(sample).execute();
  return { count: Number(count.n), examples: examples.map((r) => r.identifier) };
}

/**
 * Who changes a blueprint's data, and when: each entity the change rewrites gets a version in the change's
 * transaction (undefined when history is not kept).
 */
export interface RecordedChange {
  at: string;
  actor: string;
}

/**
 * Runs `change` on the rows of `relation` from `blueprint`'s entities: each entity with one reads
 * differently now and gets a new version, recorded with its previous version's relations changed alike
 * (`relations`) when `recorded`.
 */
async function changeRelationRows(
  db: Db,
  blueprint: string,
  relation: string,
  recorded: RecordedChange | undefined,
  relations: RawBuilder<unknown>,
  change: (sources: ReturnType<typeof entitiesOf>) => Promise<unknown>,
) {
  const bumped = await db
    .updateTable('entities')
    .set({ version: sql`version + 1` })
    .where('blueprint', '=', blueprint)
    .where('id', 'in', db.selectFrom('entity_relations').select('source_id').where('relation', '=', relation))
    .returning('id')
    .execute();
  await change(entitiesOf(db, blueprint));
  if (recorded)
    await recordComputedVersions(
      db,
      bumped.map((row) => row.id),
      recorded.at,
      recorded.actor,
      relations,
    );
}

const entitiesOf = (db: Db, blueprint: string) =>
  db.selectFrom('entities').select('id').where('blueprint', '=', blueprint);

export async function deleteRelationRows(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  relation: string,
  recorded: RecordedChange | undefined,
) {
  await changeRelationRows(
    db,
    blueprint,
    relation,
    recorded,
    dialect.removeJsonKey(PREVIOUS_RELATIONS, relation),
    (sources) =>
      db
        .deleteFrom('entity_relations')
        .where('relation', '=', relation)
        .where('source_id', 'in', sources)
        .execute(),
  );
}

export async function renameRelationRows(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  from: string,
  to: string,
  recorded: RecordedChange | undefined,
) {
  await changeRelationRows(
    db,
    blueprint,
    from,
    recorded,
    dialect.renameJsonKey(PREVIOUS_RELATIONS, from, to),
    (sources) =>
      db
        .updateTable('entity_relations')
        .set({ relation: to })
        .where('relation', '=', from)
        .where('source_id', 'in', sources)
        .execute(),
  );
}

/**
 * Sets `properties` to `next` on the entities of `blueprint` that have (or lack) a value for `key`, each
 * a new version (recorded in history when `recorded`).
 */
async function rewriteProperties(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  next: RawBuilder<unknown>,
  key: string,
  having: 'with' | 'without',
  recorded: RecordedChange | undefined,
) {
  const rows = await db
    .updateTable('entities')
    .set({ properties: next as never, version: sql`version + 1` })
    .where('blueprint', '=', blueprint)
    .where(
      sql<boolean>`${dialect.propertyJson('properties', key)} is ${sql.raw(having === 'with' ? 'not null' : 'null')}`,
    )
    .returning('id')
    .execute();
  if (recorded)
    await recordComputedVersions(
      db,
      rows.map((row) => row.id),
      recorded.at,
      recorded.actor,
    );
}

export async function removePropertyFromEntities(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  key: string,
  recorded: RecordedChange | undefined,
) {
  await rewriteProperties(
    db,
    dialect,
    blueprint,
    dialect.removeJsonKey('properties', key),
    key,
    'with',
    recorded,
  );
}

export async function renamePropertyInEntities(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  from: string,
  to: string,
  recorded: RecordedChange | undefined,
) {
  await rewriteProperties(
    db,
    dialect,
    blueprint,
    dialect.renameJsonKey('properties', from, to),
    from,
    'with',
    recorded,
  );
}

/** Gives every entity of `blueprint` without a value for `key` the property's default. */
export async function fillDefaultInEntities(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  key: string,
  value: unknown,
  recorded: RecordedChange | undefined,
) {
  await rewriteProperties(
    db,
    dialect,
    blueprint,
    dialect.insertJsonKey('properties', key, value),
    key,
    'without',
    recorded,
  );
}
