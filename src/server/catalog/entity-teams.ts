import { TEAM_BLUEPRINT, TEAM_PROVIDER, USER_BLUEPRINT } from '../../core/system-blueprints.js';
import { unprocessable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Database, Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import * as repo from './entity.repo.js';
import type { ItemFailure, PlannedWrite } from './entity-write.js';

/**
 * An entity's `team` names `_team` entities. Each team an item adds must exist (or be created by the same
 * batch, when the batch writes teams); teams the entity already had are kept as they are. A user's
 * membership of a team that single sign-on manages changes only when they sign in.
 */
export async function checkTeams(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  actor: Actor,
  blueprint: string,
  plans: PlannedWrite[],
): Promise<ItemFailure[]> {
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
  const fail = (plan: PlannedWrite, code: string, message: string) =>
    failures.push({ index: plan.index, identifier: plan.identifier, error: unprocessable(code, message) });

  if (wanted.size) {
    const existing = new Set((await repo.findEntityIds(db, TEAM_BLUEPRINT, [...wanted])).keys());
    if (blueprint === TEAM_BLUEPRINT) plans.forEach((plan) => existing.add(plan.state.identifier));
    for (const plan of plans) {
      const missing = (added.get(plan.index) ?? []).filter((team) => !existing.has(team));
      if (missing.length)
        fail(
          plan,
          'team_not_found',
          `team: ${missing.map((t) => `"${t}"`).join(', ')} ${missing.length === 1 ? 'is not a team' : 'are not teams'}; create ${missing.length === 1 ? 'it' : 'them'} first (POST /v1/teams)`,
        );
    }
  }
  if (blueprint === USER_BLUEPRINT && actor.kind !== 'system')
    await checkManagedMemberships(db, dialect, plans, added, failures, fail);
  return failures;
}

async function checkManagedMemberships(
  db: Db,
  dialect: Dialect,
  plans: PlannedWrite[],
  added: Map<number, string[]>,
  failures: ItemFailure[],
  fail: (plan: PlannedWrite, code: string, message: string) => void,
) {
  const failed = new Set(failures.map((f) => f.index));
  const changed = new Map<number, string[]>();
  for (const plan of plans) {
    if (failed.has(plan.index)) continue;
    const kept = new Set(plan.state.team);
    const removed = (plan.existing?.state.team ?? []).filter((team) => !kept.has(team));
    const teams = [...(added.get(plan.index) ?? []), ...removed];
    if (teams.length) changed.set(plan.index, teams);
  }
  if (!changed.size) return;
  const rows = await repo.findEntityRows(db, TEAM_BLUEPRINT, [...new Set([...changed.values()].flat())]);
  const providers = new Map<string, string>();
  for (const row of rows) {
    const provider = repo.rowToState(dialect, row).properties[TEAM_PROVIDER];
    if (typeof provider === 'string' && provider !== '') providers.set(row.identifier, provider);
  }
  if (!providers.size) return;
  for (const plan of plans) {
    const managed = (changed.get(plan.index) ?? []).find((team) => providers.has(team));
    if (managed)
      fail(
        plan,
        'sso_team',
        `team: "${managed}" is managed by ${providers.get(managed)} (single sign-on): its members change when they sign in`,
      );
  }
}
