import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Mirror, calculation and aggregation values are kept in each entity's properties from now on: a job per
// blueprint that defines any computes those of the entities written before.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  const rows: Array<{ identifier: string; definition: unknown }> = await db
    .selectFrom('blueprints')
    .select(['identifier', 'definition'])
    .execute();
  const now = Date.now();
  for (const row of rows) {
    const definition = (
      typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition
    ) as Record<string, Record<string, unknown> | undefined>;
    const computed = ['mirrorProperties', 'calculationProperties', 'aggregationProperties'].some(
      (kind) => Object.keys(definition[kind] ?? {}).length > 0,
    );
    if (!computed) continue;
    await db
      .insertInto('jobs')
      .values({
        kind: 'computed.refresh',
        key: `computed-backfill:${row.identifier}`,
        payload: JSON.stringify({ backfill: row.identifier, afterId: 0 }),
        state: 'available',
        run_at: now,
        attempt: 0,
        max_attempts: null,
        created_at: now,
      })
      .execute();
  }
}
