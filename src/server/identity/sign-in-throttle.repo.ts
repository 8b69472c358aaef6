import type { Db } from '../storage/database.js';

export async function findFailures(db: Db, keys: string[]) {
  if (!keys.length) return [];
  return db.selectFrom('sign_in_failures').selectAll().where('key', 'in', keys).execute();
}

/** One more failure for `key`, in the window that started at `windowStart` (a new window resets the count). */
export async function addFailure(db: Db, key: string, at: string, windowStartsAfter: string) {
  await db
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
    .execute();
}

export async function clearFailures(db: Db, key: string) {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
