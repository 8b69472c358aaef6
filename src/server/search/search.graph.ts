import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { visibleCondition, type Visibility } from '../catalog/entity.repo.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { Condition } from './search.targets.js';

export type Direction = 'upstream' | 'downstream';

/** Which relation rows a step may follow, judged on their source's blueprint and the relation's name. */
export type EdgeFilter = (sourceBlueprint: RawBuilder<unknown>, relation: RawBuilder<unknown>) => Condition;

export interface StepOptions {
  /** Only relations of this name. */
  relation?: string;
  /** Only the relation rows that meet this (`required`). */
  edges?: EdgeFilter;
  /** Rows of the walk at this depth go no further. */
  maxDepth: number;
}

/**
 * Where relation rules read entities and relation rows: the catalog as it is (`entities`,
 * `entity_relations`), or as it was at an instant (search.as-of.ts). Each starts from, walks through and
 * ends on entities the searcher may read only, so that a rule tells nothing of the others.
 */
export interface RelationGraph {
  /** `select <columns(s)> …`: the entities of `blueprint` named one of `identifiers`. */
  named(
    blueprint: string,
    identifiers: readonly unknown[],
    columns: (s: RawBuilder<unknown>) => RawBuilder<unknown>,
  ): RawBuilder<unknown>;
  /**
   * The recursive select of walk `walk(id, depth)`: the entities one relation further from its rows
   * (upstream: what they point to; downstream: what points to them), at depth + 1.
   */
  step(walk: RawBuilder<unknown>, direction: Direction, options: StepOptions): RawBuilder<unknown>;
  /** A select of the ids (`id`) of entities with a relation `relation` to one of `targets` (a select of ids). */
  sourcesOf(relation: string, targets: RawBuilder<unknown>, alias: string): RawBuilder<unknown>;
  /** Notes blueprints whose entities the rules may start from or walk through. */
  reach(blueprints: Iterable<string>): void;
}

/** ` and <id> is an entity the searcher may read`, or nothing when it reads everything. */
export function andReadable(
  dialect: Dialect,
  visibility: Visibility | undefined,
  id: RawBuilder<unknown>,
  entities: RawBuilder<unknown> = sql`entities`,
): RawBuilder<unknown> {
  if (!visibility) return sql``;
  // `e` here is the inner entity, whatever the rule's own query calls `e`.
  return sql` and exists (select 1 from ${entities} e where e.id = ${id} and ${visibleCondition(dialect, visibility)})`;
}

/** The check of the time limit in each step of a walk, where SQLite cannot cancel (decision 0006). */
export const deeper = (dialect: Dialect, maxDepth: number, next: RawBuilder<unknown>) =>
  dialect.interruptible(sql<SqlBool>`w.depth < ${sql.lit(maxDepth)}`, next);

/** The catalog as it is. */
export function currentGraph(dialect: Dialect, visibility: Visibility | undefined): RelationGraph {
  const readable = (id: RawBuilder<unknown>) => andReadable(dialect, visibility, id);
  return {
    named: (blueprint, identifiers, columns) =>
      sql`select ${columns(sql`s`)} from entities s where s.blueprint = ${blueprint} and s.identifier in (${sql.join(identifiers)})${readable(sql`s.id`)}`,
    step(walk, direction, { relation, edges, maxDepth }) {
      const [from, to] = direction === 'upstream' ? ['source_id', 'target_id'] : ['target_id', 'source_id'];
      const next = sql.raw(`r.${to}`);
      const source = edges
        ? sql` join entities rs on rs.id = r.source_id and ${edges(sql`rs.blueprint`, sql`r.relation`)}`
        : sql``;
      const named = relation !== undefined ? sql`r.relation = ${relation} and ` : sql``;
      return sql`select ${next}, w.depth + 1 from ${walk} w join entity_relations r on r.${sql.raw(from)} = w.id${source} where ${named}${deeper(dialect, maxDepth, next)}${readable(next)}`;
    },
    sourcesOf(relation, targets, alias) {
      const r = sql.raw(alias);
      return sql`select ${r}.source_id as id from entity_relations ${r} where ${r}.relation = ${relation} and ${r}.target_id in (${targets})${readable(sql`${r}.source_id`)}`;
    },
    reach: () => undefined,
  };
}
