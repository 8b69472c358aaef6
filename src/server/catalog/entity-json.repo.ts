import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../storage/database.js';
import { compiledOnce } from '../storage/compiled-once.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { quoteLiteral, type Dialect } from '../storage/dialect/index.js';
import { visibleCondition, type Visibility } from './entity.repo.js';

/**
 * An entity of the alias `e` as the API answers it (toEntity's keys, in its order), as JSON text written
 * by the database, its relations read in the same statement. Listing a large blueprint this way leaves
 * the server thread only text to pass along: no rows to parse into objects, no objects to write again,
 * no second query for the relations (decision 0011). `blueprints` are those `e` may be of; a relation
 * lists only the targets that `targets` lets the reader read, when the reader may not read them all.
 */
export function entityJsonSql(
  dialect: Dialect,
  blueprints: readonly BlueprintDefinition[],
  targets?: Visibility,
): RawBuilder<string> {
  const quoted = (column: string) => dialect.jsonQuote(sql.raw(column));
  const relations =
    blueprints.length === 1
      ? relationsJson(dialect, blueprints[0]!, targets)
      : sql`case e.blueprint ${sql.join(
          blueprints.map(
            (b) =>
              sql`when ${sql.raw(quoteLiteral(b.identifier))} then ${relationsJson(dialect, b, targets)}`,
          ),
          sql` `,
        )} end`;
  return objectText(
    [
      ['identifier', quoted('e.identifier')],
      ['title', quoted('e.title')],
      ['icon', quoted('e.icon')],
      ['blueprint', quoted('e.blueprint')],
      ['team', dialect.jsonColumnText('e.team')],
      ['properties', dialect.jsonColumnText('e.properties')],
      ['relations', relations],
      ['createdAt', quoted('e.created_at')],
      ['createdBy', quoted('e.created_by')],
      ['updatedAt', quoted('e.updated_at')],
      ['updatedBy', quoted('e.updated_by')],
    ],
    sql`case when e.scorecards is null then '' else ',"scorecards":' || ${dialect.jsonColumnText('e.scorecards')} end`,
  );
}

/**
 * The text of a JSON object of `fields`, in their order, each value an SQL expression of JSON text; `tail`,
 * text of further `,"key":value` members (or ''), ends it.
 */
function objectText(
  fields: ReadonlyArray<readonly [string, RawBuilder<unknown>]>,
  tail?: RawBuilder<unknown>,
): RawBuilder<string> {
  if (!fields.length) return sql.raw<string>(`'{}'`);
  const parts = fields.map(
    ([key, value], i) => sql`${sql.raw(quoteLiteral(`${i ? ',' : '{'}${JSON.stringify(key)}:`))} || ${value}`,
  );
  if (tail) parts.push(tail);
  return sql<string>`(${sql.join(parts, sql` || `)} || '}')`;
}

// Entities per text of entitiesJsonOf: texts under V8's large-object size (128 KB) live in its young
// generation, so that a listing's garbage is collected as it goes.
const PART = 100;

/**
 * The entities of `ids` as `json` (entityJsonSql) writes them, in the order of `ids`, comma-separated in
 * texts of up to 100 (one string to pass along, not one per entity); those gone since, no longer readable
 * by `visibility`, or of a blueprint `json` does not know, are left out.
 */
export async function entitiesJsonOf(
  db: Db,
  dialect: Dialect,
  json: RawBuilder<string>,
  ids: readonly number[],
  visibility?: Visibility,
): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await partsQuery(db, dialect, json, dialect.idList(ids, 'k'), visibility).execute();
  return rows.map((row) => row.part);
}

/**
 * entitiesJsonOf for a reader who reads every entity (no `visibility`), its statement compiled once for
 * `json`: keep it as long as `json` (the model cache keeps an Admin's with the model).
 */
export function entitiesJsonQuery(dialect: Dialect, json: RawBuilder<string>) {
  const run = compiledOnce(1, (db: Db, list: unknown) =>
    partsQuery(db, dialect, json, dialect.idListOf(list, 'k')),
  );
  return async (db: Db, ids: readonly number[]): Promise<string[]> =>
    ids.length ? (await run(db, dialect.idListValue(ids))).map((row) => (row as { part: string }).part) : [];
}

function partsQuery(
  db: Db,
  dialect: Dialect,
  json: RawBuilder<string>,
  idList: RawBuilder<unknown>,
  visibility?: Visibility,
) {
  const readable = visibility ? sql` where ${visibleCondition(dialect, visibility)}` : sql``;
  const parts = sql<{
    part: string;
    n: number;
  }>`(select ${dialect.joinedText(json, 'k.n')} as part, min(k.n) as n from ${idList} join entities as e on e.id = k.id${readable} group by k.n / ${sql.lit(PART)})`;
  // A select of Kysely's, not a raw statement: a read, so that it runs under the query time limit, stops
  // when the client has gone, and on SQLite goes to the reader instead of waiting for the writer.
  // An entity of a blueprint `json` does not know (one created since it was written) is written as null,
  // which the aggregate skips: a part of only such entities is null, and left out.
  return db
    .selectFrom(parts.as('parts'))
    .select('parts.part')
    .where('parts.part', 'is not', null)
    .orderBy('parts.n');
}

/** An entity as entityJsonQuery reads it: its JSON text, and what a read judges before answering it. */
export interface EntityJsonRow {
  id: number;
  team: unknown;
  version: number;
  created_at: string;
  /** Null when the entity has more relation targets than `boundedAt` (read it without a bound). */
  json: string | null;
}

/** Relation targets an entity read in the server thread may write: more, and it goes to a worker. */
export const POINT_READ_TARGETS = 1_000;

/**
 * One entity of a blueprint (by identifier) as `json` (entityJsonSql) writes it, with its row id, owners
 * and version: one statement, nothing for the server to parse. With `bounded`, the text is written only
 * for an entity of at most POINT_READ_TARGETS relation targets (counted no further), so that the read's
 * work is bounded whatever the entity (Database.pointReads). Compiled once: an Admin's, the same for
 * every request, is kept with the definition it was written for (the model cache).
 */
export function entityJsonQuery(json: RawBuilder<string>, bounded: boolean) {
  const text = bounded
    ? sql<
        string | null
      >`case when (select count(*) from (select 1 from entity_relations as r where r.source_id = e.id limit ${sql.lit(
        POINT_READ_TARGETS + 1,
      )}) as counted) <= ${sql.lit(POINT_READ_TARGETS)} then ${json} end`
    : json;
  return compiledOnce(2, (db: Db, blueprint: string, identifier: string) =>
    db
      .selectFrom('entities as e')
      .select(['e.id', 'e.team', 'e.version', 'e.created_at', text.as('json')])
      .where('e.blueprint', '=', blueprint)
      .where('e.identifier', '=', identifier),
  ) as (db: Db, blueprint: string, identifier: string) => Promise<EntityJsonRow[]>;
}

/** entityJsonQuery's two statements for `json`: bounded (for pointReads) and whole. */
export const entityJsonReads = (json: RawBuilder<string>) => ({
  bounded: entityJsonQuery(json, true),
  whole: entityJsonQuery(json, false),
});

/** `{"<relation>": [targets] or target or null, …}` of an entity of `blueprint` (alias `e`), as text. */
function relationsJson(dialect: Dialect, blueprint: BlueprintDefinition, targets?: Visibility) {
  // The inner alias `e` is the target here (visibleCondition's alias), hiding the listed entity's.
  const readable = targets
    ? sql` and exists (select 1 from entities as e where e.id = r.target_id and ${visibleCondition(dialect, targets)})`
    : sql``;
  return objectText(
    Object.entries(blueprint.relations ?? {}).map(([key, relation]) => {
      const from = sql`entity_relations as r join entities as t on t.id = r.target_id where r.source_id = e.id and r.relation = ${sql.raw(
        quoteLiteral(key),
      )}${readable}`;
      const value = relation.many
        ? dialect.jsonArrayText('t.identifier', from, 'r.position')
        : sql`coalesce((select ${dialect.jsonQuote(sql.raw('t.identifier'))} from ${from} order by r.position limit 1), 'null')`;
      return [key, value] as const;
    }),
  );
}
