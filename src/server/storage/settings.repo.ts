import type { Db } from './database.js';

/** Reads a setting, creating it with `initial()` when absent; safe when replicas race to create it. */
export async function getOrCreateSetting(db: Db, key: string, initial: () => string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value: initial() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * True for exactly one caller per key, ever: replicas starting together use it so that one-time work
 * (printing a generated credential, loading the demo catalog) happens once.
 */
export async function claimOnce(db: Db, key: string): Promise<boolean> {
  const inserted = await db
    .insertInto('settings')
    .values({ key, value: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return inserted.length > 0;
}
