import { TEAM_BLUEPRINT, TEAM_PROVIDER, USER_BLUEPRINT } from '../../core/system-blueprints.js';
import { unprocessable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Database, Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import * as repo from './entity.repo.js';
import type { ItemFailure, PlannedWrite } from './entity-write.js';

/** 422 for a change of who is in a team that single sign-on manages. */
export const managedTeamMembership = (team: string, provider: string) =>
  unprocessable(
    'sso_team',
    `team: "${team}" is managed by ${provider} (single sign-on): its members change when they sign in`,
  );

/**
 * An entity's `team` names `_team` entities. Each team an item adds must exist (or be created by the same
 * batch, when the batch writes teams); teams the entity already had are kept as they are. A user's
 * membership of a team that single sign-on manages changes only when they sign in. Returns the failures
 * and, by item, the teams found for it (row id by name): the write must commit only if they still exist.
 */
export async function checkTeams(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  actor: Actor,
  blueprint: string,
  plans: PlannedWrite[],
): Promise<{ failures: ItemFailure[]; found: Map<number, Array<{ id: number; identifier: string }>> }> {
  const found = new Map<number, Array<{ id: number; identifier: string }>>();
  const added = new Map<number, string[]>();
  const wanted = new Set<string>();
  for (const plan of plans) {
    const had = new Set(plan.existing?.state.team ?? []);
    const teams = plan.state.team.filter((team) => !had.has(team));
    if (!teams.length) continue;
    added.set(plan.index, teams);
    teams.forEach((team) => wanted.add(team));
  }
  const failures: ItemFailure[] = [];

  if (wanted.size) {
    const ids = await repo.findEntityIds(db, TEAM_BLUEPRINT, [...wanted]);
    const existing = new Set(ids.keys());
    if (blueprint === TEAM_BLUEPRINT) plans.forEach((plan) => existing.add(plan.state.identifier));
    for (const plan of plans) {
      const teams = added.get(plan.index) ?? [];
      found.set(
        plan.index,
        teams.filter((team) => ids.has(team)).map((team) => ({ id: ids.get(team)!, identifier: team })),
      );
      const missing = teams.filter((team) => !existing.has(team));
      if (missing.length)
        failures.push({
          index: plan.index,
          identifier: plan.identifier,
          error: unprocessable(
            'team_not_found',
            `team: ${missing.map((t) => `"${t}"`).join(', ')} ${missing.length === 1 ? 'is not a team' : 'are not teams'}; create ${missing.length === 1 ? 'it' : 'them'} first (POST /v1/teams)`,
          ),
        });
    }
  }
  if (blueprint === USER_BLUEPRINT && actor.kind !== 'system') {
    const failed = new Set(failures.map((f) => f.index));
    const rest = plans.filter((plan) => !failed.has(plan.index));
    failures.push(...(await managedMembershipFailures(db, dialect, rest, added)));
  }
  return { failures, found };
}

/** Users whose write adds them to, or takes them out of, a team that single sign-on manages. */
async function managedMembershipFailures(
  db: Db,
  dialect: Dialect,
  plans: PlannedWrite[],
  added: Map<number, string[]>,
): Promise<ItemFailure[]> {
  const changed = new Map<number, string[]>();
  for (const plan of plans) {
    const kept = new Set(plan.state.team);
    const removed = (plan.existing?.state.team ?? []).filter((team) => !kept.has(team));
    const teams = [...(added.get(plan.index) ?? []), ...removed];
    if (teams.length) changed.set(plan.index, teams);
  }
  if (!changed.size) return [];
  const rows = await repo.findEntityRows(db, TEAM_BLUEPRINT, [...new Set([...changed.values()].flat())]);
  const providers = new Map<string, string>();
  for (const row of rows) {
    const provider = repo.rowToState(dialect, row).properties[TEAM_PROVIDER];
    if (typeof provider === 'string' && provider !== '') providers.set(row.identifier, provider);
  }
  return plans.flatMap((plan) => {
    const managed = (changed.get(plan.index) ?? []).find((team) => providers.has(team));
    return managed
      ? [
          {
            index: plan.index,
            identifier: plan.identifier,
            error: managedTeamMembership(managed, providers.get(managed)!),
          },
        ]
      : [];
  });
}
