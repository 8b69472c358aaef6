import { isAdmin, type Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import { managesAction, mayApproveByGrant, mayViewAction, namedBy } from './action-permissions.js';
import type { StoredAction } from './action.service.js';
import { isRunApprover, type RunRow } from './run.repo.js';

/**
 * Who sees every run of an action (§5.6): those who manage it, its approvers, and — unless the action sets
 * `allowAnyoneToViewRuns: false` — everyone who sees the action. Everyone sees their own runs.
 */
export function seesAllRunsOf(actor: Actor, action: StoredAction): boolean {
  const { definition, permissions } = action;
  return (
    managesAction(actor, definition) ||
    mayApproveByGrant(actor, definition, permissions) ||
    (definition.allowAnyoneToViewRuns !== false && mayViewAction(actor, definition, permissions))
  );
}

/** `action` is undefined once the action is deleted: then only Admins and the run's creator see it. */
function seesRun(actor: Actor, createdBy: string, action: StoredAction | undefined): boolean {
  return isAdmin(actor) || createdBy === actor.id || (action !== undefined && seesAllRunsOf(actor, action));
}

/**
 * Whether the actor may read the run: as seesRun, or as an approver its action's policy listed for it
 * (recorded when it began to wait), who sees it as its creator does. The database is asked only when
 * nothing else decides.
 */
export async function mayReadRun(
  db: Db,
  actor: Actor,
  row: Pick<RunRow, 'id' | 'created_by'>,
  action: StoredAction | undefined,
): Promise<boolean> {
  return seesRun(actor, row.created_by, action) || (await isRunApprover(db, row.id, actor.id));
}

/**
 * Who may decide every waiting run of an action: those who manage it and — when it has no approve policy —
 * those its approve grant names. A policy lists each run's approvers itself (recorded on the run).
 */
export function decidesEveryRunOf(actor: Actor, action: StoredAction): boolean {
  const { definition, permissions } = action;
  return (
    managesAction(actor, definition) || (!permissions.approve.policy && namedBy(permissions.approve, actor))
  );
}

/** Who reports on a run: those who manage its action (backends use their credentials) and Admins. */
export function reportsOn(actor: Actor, action: StoredAction | undefined): boolean {
  return isAdmin(actor) || (action !== undefined && managesAction(actor, action.definition));
}
