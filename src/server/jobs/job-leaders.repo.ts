import type { Db } from '../storage/database.js';

/**
 * Takes or keeps the lease `name` for `holder` until now + ttlMs, if it is free, expired or already
 * `holder`'s; whether `holder` has it.
 */
export async function acquireLeadership(
  db: Db,
  name: string,
  holder: string,
  now: number,
  ttlMs: number,
): Promise<boolean> {
  const held = await db
    .insertInto('job_leaders')
    .values({ name, holder, expires_at: now + ttlMs })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where((eb) =>
          eb.or([eb('job_leaders.holder', '=', holder), eb('job_leaders.expires_at', '<', now)]),
        ),
    )
    .returning('holder')
    .executeTakeFirst();
  return held?.holder === holder;
}

export async function resignLeadership(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_leaders').where('name', '=', name).where('holder', '=', holder).execute();
}
