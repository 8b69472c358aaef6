import type { BlueprintDefinition, BlueprintRelation, PropertySchema } from '../../core/blueprint.js';
import type { Database } from '../storage/database.js';
import { compileSearchQuery, type SearchScope } from './search.compiler.js';
import { searchEntityRows } from './search.repo.js';
import { and, isOneOfBlueprints } from './search.targets.js';

/** Test data written straight to the tables, so search tests do not depend on the entity service. */
export function blueprintDefinition(
  identifier: string,
  properties: Record<string, PropertySchema>,
  relations: Record<string, BlueprintRelation> = {},
): BlueprintDefinition {
  return {
    identifier,
    title: identifier,
    schema: { properties, required: [] },
    relations,
    mirrorProperties: {},
    calculationProperties: {},
    aggregationProperties: {},
  };
}

export async function insertBlueprints(database: Database, definitions: BlueprintDefinition[]) {
  const at = new Date().toISOString();
  await database.db
    .insertInto('blueprints')
    .values(
      definitions.map((definition) => ({
        identifier: definition.identifier,
        title: definition.title,
        definition: database.dialect.toJson(definition),
        version: 1,
        created_at: at,
        created_by: 'test',
        updated_at: at,
        updated_by: 'test',
      })),
    )
    .execute();
  return new Map(definitions.map((definition) => [definition.identifier, definition]));
}

export interface EntityFields {
  title?: string | null;
  icon?: string | null;
  team?: string[];
  properties?: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string;
  updatedBy?: string;
}

/** Inserts one entity and returns its id. */
export async function insertEntity(
  database: Database,
  blueprint: string,
  identifier: string,
  fields: EntityFields = {},
) {
  const at = fields.createdAt ?? new Date().toISOString();
  const row = await database.db
    .insertInto('entities')
    .values({
      blueprint,
      identifier,
      title: fields.title === undefined ? identifier : fields.title,
      icon: fields.icon ?? null,
      team: database.dialect.toJson(fields.team ?? []),
      properties: database.dialect.toJson(fields.properties ?? {}),
      created_at: at,
      created_by: fields.createdBy ?? 'creator',
      updated_at: fields.updatedAt ?? at,
      updated_by: fields.updatedBy ?? 'updater',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertRelation(
  database: Database,
  sourceId: number,
  relation: string,
  targetId: number,
) {
  await database.db
    .insertInto('entity_relations')
    .values({ source_id: sourceId, relation, target_id: targetId, position: 0 })
    .execute();
}

/** The sorted identifiers matching `query` (limited to `blueprints`, as other tests share the database). */
export async function matchingIdentifiers(
  database: Database,
  query: unknown,
  scope: Omit<SearchScope, 'dialect'>,
): Promise<string[]> {
  const compiled = compileSearchQuery(query, { ...scope, dialect: database.dialect });
  const where = and([compiled.where, isOneOfBlueprints([...scope.blueprints.keys()])]);
  const { rows } = await searchEntityRows(database.db, database.dialect, {
    where,
    limit: 10_000,
    ...(scope.visibility ? { visibility: scope.visibility } : {}),
  });
  return rows.map((row) => row.identifier).sort();
}
