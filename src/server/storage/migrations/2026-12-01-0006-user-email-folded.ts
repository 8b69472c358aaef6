import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Emails are one account whatever their letter case, as identity providers treat them: two concurrent
// invitations of Ann@x and ann@x must not both succeed. An installation that already holds such a pair
// keeps running without the index (sign-in prefers the exact match); the pair must be merged by hand, and
// docs/users-and-teams.md says how to find them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  const duplicates = await sql<{ n: number }>`
    select count(*) as n from (
      select lower(identifier) from entities where blueprint = '_user'
      group by lower(identifier) having count(*) > 1
    ) d`.execute(db);
  if (Number(duplicates.rows[0]?.n ?? 0) > 0) return;
  await sql`create unique index entities_user_email_folded on entities (lower(identifier))
    where blueprint = '_user'`.execute(db);
}
