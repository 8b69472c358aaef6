import { FINAL_RUN_STATUSES, type RunStatus } from '../../core/action.js';
import { insertAuditRecords } from '../audit/audit.repo.js';
import { conflict, forbidden, notFound } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import type { StoredAction } from './action.service.js';
import { runAudit } from './run-create.js';
import type { RunDeps } from './run-deps.js';
import { orderedId } from './run-ids.js';
import { mayReadRun, reportsOn } from './run-access.js';
import * as repo from './run.repo.js';

/** A backend's report (Port's PATCH /v1/actions/runs/{id}): each key given replaces its value. */
export interface RunReport {
  status?: 'SUCCESS' | 'FAILURE';
  statusLabel?: string;
  link?: string | string[];
  summary?: string;
  externalRunId?: string;
}

export interface RunLogInput {
  message: string;
  terminationStatus?: 'SUCCESS' | 'FAILURE';
  statusLabel?: string;
}

export const isFinal = (status: string) => FINAL_RUN_STATUSES.includes(status as RunStatus);

/**
 * Reads the run as it is inside the transaction (locked on PostgreSQL), checks the actor may see it (else
 * not_found) and report on it, and that it is still open; `work` returns its changes, written only if
 * nobody else changed it meanwhile.
 */
export async function changeRun(
  deps: RunDeps,
  actor: Actor,
  id: string,
  work: (
    row: repo.RunRow,
    action: StoredAction | undefined,
    trx: Db,
  ) => Promise<Partial<repo.RunRow> & { auditMessage?: string }>,
  mayChange: (actor: Actor, row: repo.RunRow, action: StoredAction | undefined) => boolean = (
    a,
    _row,
    action,
  ) => reportsOn(a, action),
): Promise<repo.RunRow> {
  const { db, dialect } = deps.database;
  const changed = await db.transaction().execute(async (trx) => {
    const row = await repo.findRun(trx, dialect, id, true);
    const action =
      row && (await deps.actions.listStored([row.action_identifier], trx)).get(row.action_identifier);
    if (!row || !(await mayReadRun(trx, actor, row, action))) throw notFound(`Run "${id}" was not found`);
    if (!mayChange(actor, row, action)) throw forbidden(`You may not change run "${id}"`);
    if (isFinal(row.status))
      throw conflict(
        'run_finished',
        `Run "${id}" has ended (${row.status}); a finished run takes no changes`,
      );
    const { auditMessage, ...changes } = await work(row, action, trx);
    const at = deps.now();
    const next: repo.RunRow = { ...row, ...changes, updated_at: at, updated_by: actor.id };
    if (isFinal(next.status) && !row.ended_at) next.ended_at = at;
    if (isFinal(next.status)) next.pending = 0;
    const { version } = next;
    if (!(await repo.updateRun(trx, id, version, repo.changedColumns(row, next))))
      throw conflict('run_changed', `Run "${id}" changed meanwhile; send the change again`);
    if (changes.status !== undefined && changes.status !== row.status)
      await insertAuditRecords(trx, dialect, [runAudit(actor, next, 'UPDATE', auditMessage, row)]);
    return { ...next, version: version + 1 };
  });
  deps.committed(changed);
  return changed;
}

export function reportRun(deps: RunDeps, actor: Actor, id: string, report: RunReport) {
  return changeRun(
    deps,
    actor,
    id,
    async (row) => {
      const changes: Partial<repo.RunRow> = {};
      if (report.status !== undefined) {
        if (row.status === 'WAITING_FOR_APPROVAL' && report.status === 'SUCCESS')
          throw conflict(
            'run_awaits_approval',
            `Run "${id}" awaits approval; it can only be cancelled (FAILURE)`,
          );
        changes.status = report.status;
      }
      if (report.statusLabel !== undefined) changes.status_label = report.statusLabel;
      if (report.link !== undefined) changes.link = JSON.stringify(report.link);
      if (report.summary !== undefined) changes.summary = report.summary;
      if (report.externalRunId !== undefined) changes.external_run_id = report.externalRunId;
      return changes;
    },
    // The run's creator may cancel it while it waits for approval (Port's UI does so with FAILURE).
    (a, row, action) =>
      reportsOn(a, action) ||
      (row.created_by === a.id && row.status === 'WAITING_FOR_APPROVAL' && report.status === 'FAILURE'),
  );
}

/** A log line; with `terminationStatus`, the run's last: it ends with that status. */
export async function addRunLog(deps: RunDeps, actor: Actor, id: string, input: RunLogInput) {
  const log: repo.RunLogRow = {
    id: orderedId('log_'),
    run_id: id,
    message: input.message,
    created_by: actor.id,
    created_at: deps.now(),
  };
  await changeRun(deps, actor, id, async (_row, _action, trx) => {
    await repo.insertRunLogs(trx, [log]);
    const changes: Partial<repo.RunRow> = {};
    if (input.terminationStatus !== undefined) changes.status = input.terminationStatus;
    if (input.statusLabel !== undefined) changes.status_label = input.statusLabel;
    return changes;
  });
  return log;
}
