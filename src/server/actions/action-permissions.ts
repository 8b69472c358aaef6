import { isAutomation, type ActionGrant, type ActionPermissions } from '../../core/action.js';
import { isAdmin, mayModel, roleNamesOf, type Actor } from '../identity/actor.js';
import { grantsOutright } from '../identity/permissions.js';
import type { ActionDefinition } from './action.rules.js';

/** What a PATCH may carry, and what is stored: only the fields that were set. */
export type ActionPermissionsChange = Partial<Record<keyof ActionPermissions, Partial<ActionGrant>>>;

const grant = (roles: string[]): ActionGrant => ({ roles, users: [], teams: [], ownedByTeam: false });

/** Port's defaults: every Admin and Member may run an action; Admins approve its runs. */
export function defaultActionPermissions(): ActionPermissions {
  return { execute: grant(['Admin', 'Member']), approve: grant(['Admin']) };
}

/** The defaults with the stored change laid over them, field by field. */
export function effectiveActionPermissions(stored: ActionPermissionsChange | undefined): ActionPermissions {
  const merged = defaultActionPermissions();
  for (const key of ['execute', 'approve'] as const) {
    Object.assign(merged[key], stored?.[key] ?? {});
    if (merged[key].policy === null) delete merged[key].policy;
  }
  return merged;
}

/** Port's PATCH: each field given replaces that field; `"policy": null` removes a policy. */
export function mergeActionPermissions(
  stored: ActionPermissionsChange | undefined,
  change: ActionPermissionsChange,
): ActionPermissionsChange {
  const merged: ActionPermissionsChange = structuredClone(stored ?? {});
  for (const key of ['execute', 'approve'] as const)
    if (change[key]) merged[key] = { ...merged[key], ...change[key] };
  return merged;
}

/**
 * Admins, and moderators of the action's blueprint, manage it: they see, run and approve everything. An
 * automation acts on its own, for the organisation: only Admins manage (and see) it.
 */
export const managesAction = (actor: Actor, action: Pick<ActionDefinition, 'trigger'>) =>
  action.trigger.type === 'automation' ? isAdmin(actor) : mayModel(actor, action.trigger.blueprintIdentifier);

/**
 * Whether the actor is named by the grant: by role, user or team, or — for an action on an entity — as a
 * member of a team owning it (`owners`; undefined where no entity is at hand).
 */
export function namedBy(grantOf: ActionGrant, actor: Actor, owners?: readonly string[]): boolean {
  if (grantsOutright(grantOf, actor, roleNamesOf(actor))) return true;
  if (!grantOf.ownedByTeam) return false;
  return owners === undefined ? actor.teams.length > 0 : owners.some((team) => actor.teams.includes(team));
}

/**
 * Who sees an action: those who manage it, and those its execute grant names (with a policy, the grant
 * decides who sees it and the policy who runs it, §5.8). Approvers see it too.
 */
export function mayViewAction(actor: Actor, action: ActionDefinition, permissions: ActionPermissions) {
  if (isAutomation(action)) return managesAction(actor, action);
  return (
    managesAction(actor, action) || namedBy(permissions.execute, actor) || namedBy(permissions.approve, actor)
  );
}

/** Whether the actor may approve runs of the action (a policy's approvers are added by the run service). */
export function mayApproveByGrant(actor: Actor, action: ActionDefinition, permissions: ActionPermissions) {
  return (
    isAdmin(actor) ||
    managesAction(actor, action) ||
    (!isAutomation(action) && namedBy(permissions.approve, actor))
  );
}
