import { sql } from 'kysely';
import type { BlueprintDefinition } from '../../src/core/blueprint.js';
import { entityJsonSql } from '../../src/server/catalog/entity-json.repo.js';
import { openDatabase } from '../../src/server/storage/database.js';
import type { BenchServer } from './server.js';

/**
 * The machine's floor for listing every entity of `blueprint`: the database alone writing all of them as
 * the API's JSON text, in one statement (the same SQL as the server's, relations included), and the text
 * parsed as a client would. Milliseconds.
 */
export async function listingFloorMs(server: BenchServer, blueprint: string): Promise<number> {
  const { blueprint: definition } = await server.api.request<{ blueprint: BlueprintDefinition }>(
    'GET',
    `/v1/blueprints/${blueprint}`,
  );
  const database = openDatabase(server.databaseUrl, { queryTimeoutMs: 120_000 });
  try {
    const json = entityJsonSql(database.dialect, [definition]);
    const started = performance.now();
    const { rows } = await sql<{ text: string }>`select ${database.dialect.joinedText(
      json,
      'e.id',
    )} as text from entities as e where e.blueprint = ${blueprint}`.execute(database.db);
    const entities = JSON.parse(`[${rows[0]!.text}]`) as unknown[];
    if (!entities.length) throw new Error(`no entities of ${blueprint}`);
    return performance.now() - started;
  } finally {
    await database.close();
  }
}
