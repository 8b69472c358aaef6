import { conflict, forbidden } from '../errors.js';
import { actorForUser, isAdmin, type Actor } from '../identity/actor.js';
import { findUsersNamed } from '../identity/user.repo.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { managesAction, namedBy } from './action-permissions.js';
import type { StoredAction } from './action.service.js';
import type { RunDeps } from './run-deps.js';
import { changeRun } from './run-report.js';
import * as repo from './run.repo.js';

export interface ApprovalDecision {
  status: 'APPROVE' | 'DECLINE';
  description?: string;
}

/** Everyone the action's approve permission names now (by role, user or team): active users. */
export async function approversOf(db: Db, dialect: Dialect, action: StoredAction): Promise<string[]> {
  const grant = action.permissions.approve;
  const named = await findUsersNamed(db, dialect, {
    roles: grant.roles,
    users: grant.users,
    teams: grant.teams,
    anyTeam: grant.ownedByTeam,
  });
  const approvers: string[] = [];
  for (const record of named) {
    const actor = actorForUser(record, 'UI');
    if (actor && actor.kind === 'user' && namedBy(grant, actor)) approvers.push(actor.id);
  }
  return approvers.sort();
}

/**
 * An approver's decision on a run that waits (§5.7). One decline declines it; with ANY (or `true`) one
 * approval releases it, with ALL every approver's. A released run is dispatched in the same transaction.
 * Approvers are those the approve permission names (the list its policy gave for the run when it has one),
 * Admins and the action's managers; only an Admin decides a run they started.
 */
export async function decideApproval(deps: RunDeps, actor: Actor, id: string, decision: ApprovalDecision) {
  const { db, dialect } = deps.database;
  const current = await repo.findRun(db, dialect, id);
  const stored =
    current && (await deps.actions.listStored([current.action_identifier])).get(current.action_identifier);
  // Whoever ran it does not approve it: the others named decide (an Admin may still release their own).
  const approvers =
    current && stored ? (await deps.approvers(stored, current)).filter((u) => u !== current.created_by) : [];
  return changeRun(
    deps,
    actor,
    id,
    async (row, _action, trx) => {
      if (row.status !== 'WAITING_FOR_APPROVAL')
        throw conflict(
          'run_not_awaiting_approval',
          `Run "${id}" does not await approval (it is ${row.status})`,
        );
      const at = deps.now();
      const state = decision.status === 'APPROVE' ? 'APPROVED' : 'DECLINED';
      await repo.upsertApproval(trx, {
        run_id: id,
        user_id: actor.id,
        state,
        description: decision.description ?? null,
        at,
      });
      const approval = JSON.stringify({ description: decision.description ?? null, userId: actor.id, state });
      if (state === 'DECLINED') return { status: 'DECLINED', approval, auditMessage: 'Declined' };
      if (JSON.parse(row.required_approval)?.type === 'ALL') {
        const decided = await repo.listApprovals(trx, id);
        const approved = new Set(decided.filter((d) => d.state === 'APPROVED').map((d) => d.user_id));
        if (approvers.some((user) => !approved.has(user))) return {};
      }
      const released = { ...row, status: 'IN_PROGRESS', pending: row.backend === 'RUNNER' ? 1 : 0 };
      await deps.dispatch(trx, released);
      return { status: 'IN_PROGRESS', pending: released.pending, approval, auditMessage: 'Approved' };
    },
    (a, row, action) => {
      if (row.created_by === a.id && !isAdmin(a))
        throw forbidden(`You started run "${id}": another approver decides it`);
      if (action && (isAdmin(a) || managesAction(a, action.definition) || approvers.includes(a.id)))
        return true;
      throw forbidden(`You are not an approver of run "${id}"`);
    },
  );
}
