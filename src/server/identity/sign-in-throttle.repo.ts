import type { Db } from '../storage/database.js';

/**
 * One more attempt for `key`, in the window that started after `windowStartsAfter` (an older window starts
 * over at 1), returning the count and the window's start. One statement (an upsert with RETURNING, on both
 * databases), so concurrent attempts each see a different count and no two are admitted on the same one.
 */
export async function reserveAttempt(db: Db, key: string, at: string, windowStartsAfter: string) {
  const row = await db
    .insertInto('sign_in_failures')
    .values({ key, failures: 1, window_started_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('sign_in_failures.window_started_at', '<', windowStartsAfter)
          .then(1)
          .else(eb('sign_in_failures.failures', '+', 1))
          .end(),
        window_started_at: eb
          .case()
          .when('sign_in_failures.window_started_at', '<', windowStartsAfter)
          .then(at)
          .else(eb.ref('sign_in_failures.window_started_at'))
          .end(),
      })),
    )
    .returning(['failures', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.failures), windowStartedAt: row.window_started_at };
}

/** Gives back one reserved attempt of `key` (it succeeded, or was refused without being checked). */
export async function releaseAttempt(db: Db, key: string) {
  await db
    .updateTable('sign_in_failures')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

export async function clearFailures(db: Db, key: string) {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
