import { sql, type RawBuilder } from 'kysely';
import { TEAM_BLUEPRINT } from '../../core/system-blueprints.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';

/** A time a team bore a name, from `from` until `to` (open when absent), and its name today. */
export interface Tenure {
  from: string;
  to?: string;
  today: string;
}

/**
 * Team names that some team no longer bears (renamed away, deleted, perhaps taken by a new team since),
 * each with the times teams that exist today bore it, latest first. Any other name a version holds is
 * still its team's, and has been since the version was written.
 */
export type MovedTeamNames = ReadonlyMap<string, readonly Tenure[]>;

/**
 * Versions name their owners by name (as entities do), and a name can pass from one team to another: a
 * past version is owned by the teams that bore its names when it was written. Reads that judge the past
 * by who owns it (history, as_of) map its names to those teams' names today with this. Each `_team`
 * write records a version (its renames and deletion included), which is what this reads: usually one
 * short query that finds no moved name.
 */
export async function movedTeamNames(db: Db): Promise<MovedTeamNames> {
  const moved = (
    await db
      .selectFrom('entity_versions as v')
      .select('v.identifier')
      .distinct()
      .where('v.blueprint', '=', TEAM_BLUEPRINT)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('entities as e')
              .select('e.id')
              .whereRef('e.id', '=', 'v.entity_id')
              .whereRef('e.identifier', '=', 'v.identifier'),
          ),
        ),
      )
      .execute()
  ).map((row) => row.identifier);
  if (!moved.length) return new Map();
  // The teams of today that bore a moved name (or bear one now), with every name each bore and when.
  const rows = await db
    .selectFrom('entities as e')
    .leftJoin('entity_versions as v', 'v.entity_id', 'e.id')
    .select(['e.id', 'e.identifier as today', 'e.created_at', 'v.identifier as name', 'v.at'])
    .where('e.blueprint', '=', TEAM_BLUEPRINT)
    .where((eb) =>
      eb.or([
        eb('e.identifier', 'in', moved),
        eb(
          'e.id',
          'in',
          eb
            .selectFrom('entity_versions as w')
            .select('w.entity_id')
            .where('w.blueprint', '=', TEAM_BLUEPRINT)
            .where('w.identifier', 'in', moved),
        ),
      ]),
    )
    .orderBy('e.id')
    .orderBy('v.version')
    .orderBy('v.id')
    .execute();
  const byTeam = new Map<number, typeof rows>();
  for (const row of rows) {
    const versions = byTeam.get(row.id);
    if (versions) versions.push(row);
    else byTeam.set(row.id, [row]);
  }
  const out = new Map<string, Tenure[]>(moved.map((name) => [name, []]));
  for (const versions of byTeam.values())
    for (const [name, tenure] of tenuresOf(versions)) out.get(name)?.push(tenure);
  for (const tenures of out.values())
    tenures.sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
  return out;
}

/**
 * The names one team bore, from its versions in order: each from the version that gave it (the first from
 * the team's creation), until the next name. A name it took while history was not kept counts from its
 * last version.
 */
function tenuresOf(
  versions: ReadonlyArray<{ today: string; created_at: string; name: string | null; at: string | null }>,
): Array<[string, Tenure]> {
  const today = versions[0]!.today;
  const out: Array<[string, Tenure]> = [];
  let last: [string, Tenure] | undefined;
  for (const { name, at, created_at } of versions) {
    if (name === null || at === null || last?.[0] === name) continue;
    if (last) last[1].to = at;
    last = [name, { from: last ? at : created_at < at ? created_at : at, today }];
    out.push(last);
  }
  if (!last) out.push([today, { from: versions[0]!.created_at, today }]);
  else if (last[0] !== today) out.push([today, { from: versions.at(-1)!.at!, today }]);
  return out;
}

const heldThen = (tenure: Tenure, at: string) =>
  tenure.from <= at && (tenure.to === undefined || at < tenure.to);

/** The names today of the teams that bore `names` at `at` (a team deleted since is left out). */
export function ownersThen(moved: MovedTeamNames, names: readonly string[], at: string): string[] {
  if (!moved.size) return [...names];
  return [
    ...new Set(
      names.flatMap((name) => {
        const tenures = moved.get(name);
        if (!tenures) return [name];
        const holder = tenures.find((tenure) => heldThen(tenure, at));
        return holder ? [holder.today] : [];
      }),
    ),
  ];
}

/**
 * `ownersThen` in SQL: the JSON array of teams in column `team` of a version written at column `at`, as
 * the names today of the teams that bore them then (sorted). The column itself when no name moved.
 */
export function ownersThenSql(
  dialect: Dialect,
  moved: MovedTeamNames,
  team: string,
  at: string,
): RawBuilder<unknown> {
  if (!moved.size) return sql.raw(team);
  const names = [...moved.keys()];
  const atColumn = sql.raw(at);
  const held = [...moved].flatMap(([name, tenures]) =>
    tenures.map(
      (tenure) =>
        sql`when je.value = ${name} and ${atColumn} >= ${tenure.from}${tenure.to === undefined ? sql`` : sql` and ${atColumn} < ${tenure.to}`} then ${tenure.today}`,
    ),
  );
  const element = sql`case ${held.length ? sql.join(held, sql` `) : sql``} when je.value in (${sql.join(names)}) then null else je.value end`;
  const owners = dialect.jsonArrayOfSorted(
    sql`select x.v from (select ${element} as v from ${dialect.jsonArrayElements(team, 'je')}) as x where x.v is not null`,
  );
  return sql`(case when ${dialect.jsonArrayContainsAny(sql.raw(team), names)} then ${owners} else ${sql.raw(team)} end)`;
}
