import { TEAM_BLUEPRINT } from '../../core/system-blueprints.js';
import { unprocessable } from '../errors.js';
import type { Db } from '../storage/database.js';
import * as repo from './entity.repo.js';
import type { ItemFailure, PlannedWrite } from './entity-write.js';

/**
 * An entity's `team` names `_team` entities. Each team an item adds must exist (or be created by the same
 * batch, when the batch writes teams); teams the entity already had are kept as they are.
 */
export async function checkTeams(db: Db, blueprint: string, plans: PlannedWrite[]): Promise<ItemFailure[]> {
  const added = new Map<number, string[]>();
  const wanted = new Set<string>();
  for (const plan of plans) {
    const had = new Set(plan.existing?.state.team ?? []);
    const teams = plan.state.team.filter((team) => !had.has(team));
    if (!teams.length) continue;
    added.set(plan.index, teams);
    teams.forEach((team) => wanted.add(team));
  }
  if (!wanted.size) return [];
  const existing = new Set((await repo.findEntityIds(db, TEAM_BLUEPRINT, [...wanted])).keys());
  if (blueprint === TEAM_BLUEPRINT) plans.forEach((plan) => existing.add(plan.state.identifier));
  const failures: ItemFailure[] = [];
  for (const plan of plans) {
    const missing = (added.get(plan.index) ?? []).filter((team) => !existing.has(team));
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
  return failures;
}
