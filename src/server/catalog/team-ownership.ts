import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import * as repo from './entity.repo.js';

/** Every entity and user that any of `teams` owns or counts as a member, as the API shows them. */
export async function entitiesOwnedBy(
  db: Db,
  dialect: Dialect,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  teams: readonly string[],
): Promise<Entity[]> {
  const rows = await repo.findEntityRowsOwnedBy(db, dialect, teams);
  const relations = await repo.loadRelations(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    repo.toEntity(repo.rowToState(dialect, row), blueprints.get(row.blueprint)!, relations.get(row.id)),
  );
}
