import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { DefinedSince } from './defined-since.js';

/**
 * SQL over versions `v` (entity_versions_full) for a reader other than an Admin: each version's properties
 * and relations without the values under names defined anew since it was written, and whether it is of
 * the blueprint as it is (not of an earlier one of the same identifier, deleted).
 */
export interface DefinedThen {
  properties: RawBuilder<unknown>;
  relations: RawBuilder<unknown>;
  condition: RawBuilder<SqlBool>;
}

/**
 * DefinedThen for versions of `blueprints`. While no name of theirs was defined after its blueprint's
 * creation, the columns are read as they are and the condition is one comparison of each version's date.
 */
export function definedThenSql(
  dialect: Dialect,
  blueprints: readonly string[],
  since: ReadonlyMap<string, DefinedSince>,
  definitions: ReadonlyMap<string, BlueprintDefinition>,
): DefinedThen {
  const created = blueprints.flatMap((b) => {
    const from = since.get(b)?.blueprint;
    return from !== undefined ? [{ blueprint: b, from }] : [];
  });
  const condition =
    created.length === 1
      ? sql<SqlBool>`v.at >= ${created[0]!.from}`
      : created.length
        ? sql<SqlBool>`v.at >= case v.blueprint ${sql.join(
            created.map(({ blueprint, from }) => sql`when ${blueprint} then ${from}`),
            sql` `,
          )} end`
        : sql<SqlBool>`1 = 0`;
  const relationOf = (blueprint: string, name: string) =>
    Object.hasOwn(definitions.get(blueprint)?.relations ?? {}, name);
  return {
    properties: withoutLater(dialect, 'v.properties', blueprints, since, (b, n) => !relationOf(b, n)),
    relations: withoutLater(dialect, 'v.relations', blueprints, since, relationOf),
    condition,
  };
}

/**
 * `column` of a version without the keys (among those `kept` selects) defined after it was written: one
 * branch per blueprint and instant, from the earliest, each removing what was defined from then on.
 */
function withoutLater(
  dialect: Dialect,
  column: string,
  blueprints: readonly string[],
  since: ReadonlyMap<string, DefinedSince>,
  selected: (blueprint: string, name: string) => boolean,
): RawBuilder<unknown> {
  const branches: RawBuilder<unknown>[] = [];
  for (const blueprint of blueprints) {
    const names = Object.entries(since.get(blueprint)?.names ?? {}).filter(([name]) =>
      selected(blueprint, name),
    );
    const instants = [...new Set(names.map(([, from]) => from))].sort();
    for (const instant of instants) {
      const later = names.filter(([, from]) => from >= instant).map(([name]) => name);
      branches.push(
        sql`when v.blueprint = ${blueprint} and v.at < ${instant} then ${dialect.removeJsonKeys(sql.raw(column), later)}`,
      );
    }
  }
  if (!branches.length) return sql.raw(column);
  return sql`case ${sql.join(branches, sql` `)} else ${sql.raw(column)} end`;
}
