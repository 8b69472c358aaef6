import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Scorecards (docs/scorecards.md): their definitions, the progress of each one's evaluation of its
// blueprint's entities, every change of an entity's level or rule results, and initiatives. Each entity's
// current results are a column of its row, as Port answers them (`scorecards`): reads add nothing to find.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const json = sql.raw(dialect === 'postgres' ? 'json' : 'text');
  const jsonb = sql.raw(dialect === 'postgres' ? 'jsonb' : 'text');
  const id = dialect === 'postgres' ? sql.raw('bigserial') : sql.raw('integer');
  await db.schema
    .createTable('scorecards')
    .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('blueprint', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    // json, not jsonb: levels, rules and their conditions are answered in the order they were written.
    .addColumn('definition', json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('scorecards_blueprint_identifier', ['blueprint', 'identifier'])
    .execute();
  // A change of scorecards is a change of the data model that servers keep in memory (0026's counter).
  if (dialect === 'postgres')
    for (const event of ['insert', 'update', 'delete'])
      await sql
        .raw(
          `create constraint trigger scorecards_${event}_counts_model after ${event} on scorecards deferrable initially deferred for each row execute function change_counters_count('model')`,
        )
        .execute(db);
  else
    for (const event of ['insert', 'update', 'delete'])
      await sql
        .raw(
          `create trigger scorecards_${event}_counts_model after ${event} on scorecards begin update change_counters set version = version + 1 where name = 'model'; end`,
        )
        .execute(db);
  // Where the evaluation of every entity of a scorecard's blueprint is (after a change of its definition).
  await db.schema
    .createTable('scorecard_evaluations')
    .addColumn('scorecard_id', 'bigint', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('after_id', 'bigint', (c) => c.notNull())
    .addColumn('evaluated', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.alterTable('entities').addColumn('scorecards', jsonb).execute();
  // Every change of an entity's level or of one of its rules' results, with what caused it.
  await db.schema
    .createTable('scorecard_changes')
    .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('scorecard_id', 'bigint', (c) => c.notNull())
    .addColumn('blueprint', 'text', (c) => c.notNull())
    .addColumn('scorecard', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'bigint', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('team', json, (c) => c.notNull())
    // Null: the entity left the scorecard (deleted, or out of its filter).
    .addColumn('level', 'text')
    .addColumn('level_index', 'integer')
    .addColumn('previous_level', 'text')
    .addColumn('rules', json)
    .addColumn('flipped', json, (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scorecard_changes_by_scorecard')
    .on('scorecard_changes')
    .columns(['scorecard_id', 'id'])
    .execute();
  await db.schema
    .createIndex('scorecard_changes_by_entity')
    .on('scorecard_changes')
    .columns(['blueprint', 'entity', 'id'])
    .execute();
  await db.schema
    .createTable('initiatives')
    .addColumn('identifier', 'text', (c) => c.primaryKey())
    .addColumn('definition', json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
