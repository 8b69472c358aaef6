import { isAdmin, type Actor } from '../identity/actor.js';
import { managesAction, mayApproveByGrant, mayViewAction } from './action-permissions.js';
import type { StoredAction } from './action.service.js';

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
export function seesRun(actor: Actor, createdBy: string, action: StoredAction | undefined): boolean {
  return isAdmin(actor) || createdBy === actor.id || (action !== undefined && seesAllRunsOf(actor, action));
}

/** Who reports on a run: those who manage its action (backends use their credentials) and Admins. */
export function reportsOn(actor: Actor, action: StoredAction | undefined): boolean {
  return isAdmin(actor) || (action !== undefined && managesAction(actor, action.definition));
}
