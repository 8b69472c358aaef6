import { sql, type Selectable } from 'kysely';
import { type Blueprint, type BlueprintDefinition, type PropertySchema } from '../../core/blueprint.js';
import type { Database, Db } from '../storage/database.js';
import { notFound } from '../errors.js';
import type { Dialect } from '../storage/dialect/index.js';
import { propertyIndexKind, propertyIndexName } from '../storage/property-indexes.js';
import type { BlueprintsTable } from '../storage/tables.js';
import { versionTag } from './versions.js';
import { blueprintTurns } from './blueprint-turns.js';
import type { DefinedSince } from './defined-since.js';

export interface StoredBlueprint {
  blueprint: Blueprint;
  version: number;
  /** Since when it and each of its names have been defined as they are (for reading the past). */
  since: DefinedSince;
}

type BlueprintRow = Omit<Selectable<BlueprintsTable>, 'title'>;

export function toBlueprint(dialect: Dialect, row: BlueprintRow): StoredBlueprint {
  const definition = dialect.fromJson<BlueprintDefinition>(row.definition);
  return {
    version: row.version,
    since: {
      blueprint: row.created_at,
      names: row.names_since ? dialect.fromJson<Record<string, string>>(row.names_since) : {},
    },
    blueprint: {
      ...definition,
      version: versionTag(row.version, row.created_at),
      createdAt: row.created_at,
      createdBy: row.created_by,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    },
  };
}

/**
 * A blueprint as stored. With `lock`, in a transaction on PostgreSQL, its row stays locked until the
 * transaction ends: entity writes of the blueprint wait, then find it changed (blueprintGuardQuery).
 * SQLite needs no lock: a transaction holds its only writer.
 */
export async function findBlueprint(db: Db, dialect: Dialect, identifier: string, lock = false) {
  let query = db.selectFrom('blueprints').selectAll().where('identifier', '=', identifier);
  if (lock && dialect.name === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toBlueprint(dialect, row) : undefined;
}

/** Every blueprint's definition, by identifier. */
export async function blueprintDefinitions(
  db: Db,
  dialect: Dialect,
): Promise<Map<string, BlueprintDefinition>> {
  return new Map(
    (await listBlueprints(db, dialect)).map((s) => [
      s.blueprint.identifier,
      s.blueprint as BlueprintDefinition,
    ]),
  );
}

/** Every blueprint's definition, and since when it and its names have been defined so, by identifier. */
export async function blueprintModel(db: Db, dialect: Dialect): Promise<BlueprintModel> {
  const stored = await listBlueprints(db, dialect);
  return {
    definitions: new Map(stored.map((s) => [s.blueprint.identifier, s.blueprint as BlueprintDefinition])),
    since: new Map(stored.map((s) => [s.blueprint.identifier, s.since])),
  };
}

export interface BlueprintModel {
  definitions: Map<string, BlueprintDefinition>;
  since: Map<string, DefinedSince>;
}

/** Arbitrary, fixed: the key of PostgreSQL's advisory lock that changes of the data model take. */
const DATA_MODEL_LOCK = 727_011_0010;

/**
 * Runs a change of the data model in a transaction that is the only one changing it until it ends, across
 * replicas (on SQLite, a transaction holding the only writer already is): a change checks the whole
 * catalog, so two must not be computed from the same read.
 */
export function changeDataModel<T>(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (dialect.name === 'postgres') await sql`select pg_advisory_xact_lock(${DATA_MODEL_LOCK})`.execute(trx);
    return work(trx);
  });
}

/**
 * changeDataModel for a change of the blueprint `identifier`: `work` gets it as it is, its row locked
 * (entity writes of it wait, then find it changed); a missing one is 404. In this process it takes its
 * turn with the writes that lost a race to an earlier change (blueprint-turns.ts).
 */
export function changeBlueprint<T>(
  database: Pick<Database, 'db' | 'dialect'>,
  identifier: string,
  work: (trx: Db, current: StoredBlueprint) => Promise<T>,
): Promise<T> {
  // Its turn is taken before the transaction begins: a write waiting for its own turn holds no connection.
  return blueprintTurns(database.db).alone(identifier, () =>
    changeDataModel(database, async (trx) => {
      const current = await findBlueprint(trx, database.dialect, identifier, true);
      if (!current) throw notFound(`Blueprint "${identifier}" was not found`);
      return work(trx, current);
    }),
  );
}

/**
 * A guard (see entity.repo's versionGuardQueries) that entities were checked against the blueprint as it
 * still is. On PostgreSQL it holds a share lock, so a change of the blueprint waits for the write to end.
 */
export function blueprintGuardQuery(db: Db, dialect: Dialect, identifier: string, version: number) {
  let query = db
    .selectFrom('blueprints')
    .select('identifier')
    .where('identifier', '=', identifier)
    .where('version', '=', version);
  if (dialect.name === 'postgres') query = query.forShare();
  return { ...query.compile(), expectChanges: 1 };
}

/**
 * Whether every blueprint of `versions` is still at its version, read in `trx` (a transaction) for a write
 * computed from those definitions: on PostgreSQL it first takes the data model's lock (changeDataModel)
 * shared, so a change in progress commits before it reads, and one that starts after waits for the write
 * to commit (then computes again what it changes, after it). SQLite's transaction holds its only writer.
 * A shared advisory lock rather than row locks: a change locks its blueprint's row, then others'.
 */
export async function blueprintsStillAt(
  trx: Db,
  dialect: Dialect,
  versions: ReadonlyMap<string, number>,
): Promise<boolean> {
  if (!versions.size) return true;
  if (dialect.name === 'postgres')
    await sql`select pg_advisory_xact_lock_shared(${DATA_MODEL_LOCK})`.execute(trx);
  const rows = await trx
    .selectFrom('blueprints')
    .select(['identifier', 'version'])
    .where('identifier', 'in', [...versions.keys()])
    .execute();
  return rows.length === versions.size && rows.every((row) => versions.get(row.identifier) === row.version);
}

export async function listBlueprints(db: Db, dialect: Dialect) {
  const rows = await db.selectFrom('blueprints').selectAll().orderBy('identifier').execute();
  return rows.map((row) => toBlueprint(dialect, row));
}

export async function insertBlueprint(
  db: Db,
  dialect: Dialect,
  definition: BlueprintDefinition,
  by: string,
  at: string,
) {
  await db
    .insertInto('blueprints')
    .values({
      identifier: definition.identifier,
      title: definition.title,
      definition: dialect.toJson(definition),
      version: 1,
      created_at: at,
      created_by: by,
      updated_at: at,
      updated_by: by,
    })
    .execute();
}

export async function updateBlueprintRow(
  db: Db,
  dialect: Dialect,
  definition: BlueprintDefinition,
  by: string,
  at: string,
  namesSince?: Readonly<Record<string, string>>,
) {
  await db
    .updateTable('blueprints')
    .set({
      title: definition.title,
      definition: dialect.toJson(definition),
      version: sql`version + 1`,
      updated_at: at,
      updated_by: by,
      ...(namesSince ? { names_since: dialect.toJson(namesSince) } : {}),
    })
    .where('identifier', '=', definition.identifier)
    .execute();
}

/**
 * Since when the names of blueprint `identifier` have been defined as they are, when a change of another
 * blueprint defined some anew (what they compute from): not a change of its definition or its version.
 */
export async function setNamesSince(
  db: Db,
  dialect: Dialect,
  identifier: string,
  namesSince: Readonly<Record<string, string>>,
) {
  await db
    .updateTable('blueprints')
    .set({ names_since: dialect.toJson(namesSince) })
    .where('identifier', '=', identifier)
    .execute();
}

/**
 * A new version of the blueprint without a change of its definition (its permissions changed): entity
 * writes checked against the one before are checked again.
 */
export async function bumpBlueprintVersion(db: Db, identifier: string) {
  await db
    .updateTable('blueprints')
    .set({ version: sql`version + 1` })
    .where('identifier', '=', identifier)
    .execute();
}

export async function deleteBlueprintRow(db: Db, identifier: string) {
  await db.deleteFrom('blueprints').where('identifier', '=', identifier).execute();
}

// ---- property indexes: one partial expression index per searchable property of a blueprint ----

const indexName = propertyIndexName;
const indexKind = propertyIndexKind;

export async function syncPropertyIndexes(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  before: Record<string, PropertySchema>,
  after: Record<string, PropertySchema>,
) {
  for (const [key, schema] of Object.entries(before)) {
    const kindBefore = indexKind(dialect, schema);
    const nextSchema = Object.hasOwn(after, key) ? after[key] : undefined;
    const kindAfter = nextSchema ? indexKind(dialect, nextSchema) : undefined;
    if (kindBefore && kindBefore !== kindAfter) await dropPropertyIndex(db, blueprint, key, dialect);
  }
  for (const [key, schema] of Object.entries(after)) {
    const kind = indexKind(dialect, schema);
    if (!kind) continue;
    const name = indexName(blueprint, key);
    await sql.raw(dialect.propertyIndexDdl(name, blueprint, key, kind)).execute(db);
    const statistics = dialect.propertyStatisticsDdl(`${name}_stats`, key, kind);
    if (statistics) await sql.raw(statistics).execute(db);
  }
}

/** Drops a property's index (and, given the dialect, its planner statistics). */
export async function dropPropertyIndex(db: Db, blueprint: string, key: string, dialect?: Dialect) {
  const name = indexName(blueprint, key);
  await sql.raw(`drop index if exists "${name}"`).execute(db);
  const statistics = dialect?.dropPropertyStatisticsDdl(`${name}_stats`);
  if (statistics) await sql.raw(statistics).execute(db);
}

export async function dropAllPropertyIndexes(
  db: Db,
  blueprint: string,
  properties: Record<string, PropertySchema>,
  dialect?: Dialect,
) {
  for (const key of Object.keys(properties)) await dropPropertyIndex(db, blueprint, key, dialect);
}
