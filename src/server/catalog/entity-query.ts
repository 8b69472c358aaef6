import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { QueryValue } from '../../core/entity.js';
import { DomainError, unprocessable } from '../errors.js';
import { compileSearchQuery } from '../search/search.compiler.js';
import { searchEntityRows } from '../search/search.repo.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { Visibility } from './entity.repo.js';

/**
 * Identifiers of the entities of `blueprint` matching a "map by property" query (port-model §2.4);
 * more than `max - 1` matches is refused.
 */
export async function resolveEntityQuery(
  db: Db,
  dialect: Dialect,
  blueprints: Map<string, BlueprintDefinition>,
  blueprint: string,
  query: QueryValue,
  max: number,
  field: string,
  /** What the writer may read of `blueprint`, when not all: nothing else is matched. */
  visibility?: Visibility,
  /** Computed properties the writer does not see: a rule on one is refused as on an unknown one. */
  hiddenComputed?: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<string[]> {
  let compiled;
  try {
    compiled = compileSearchQuery(query, {
      dialect,
      blueprints,
      blueprint,
      ...(visibility ? { visibility } : {}),
      ...(hiddenComputed ? { hiddenComputed } : {}),
    });
  } catch (error) {
    if (error instanceof DomainError) throw unprocessable(error.code, `${field}: ${error.message}`);
    throw error;
  }
  const { rows } = await searchEntityRows(db, dialect, {
    where: compiled.where,
    limit: max + 1,
    blueprint,
    ...(visibility ? { visibility } : {}),
  });
  if (rows.length > max && max > 2)
    throw unprocessable('too_many_matches', `${field}: the search query matched more than ${max} entities`);
  return rows.slice(0, max).map((row) => row.identifier);
}
