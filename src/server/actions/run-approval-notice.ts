import type { PrivateTargets } from '../config.js';
import { failed, retry, succeeded, type JobHandler } from '../jobs/job-types.js';
import type { Database } from '../storage/database.js';
import type { ActionService, StoredAction } from './action.service.js';
import { approvalMessage, sendApprovalNotification } from './invokers/approval-notification.js';
import { updateRunAsSystem } from './run-system.js';
import { toRun } from './run-view.js';
import * as repo from './run.repo.js';

/** The job kind that tells a run's approvers it waits for them; its key is the run's id. */
export const APPROVAL_JOB = 'action-approval';

export interface ApprovalNoticeOptions {
  database: Pick<Database, 'db' | 'dialect'>;
  actions: ActionService;
  /** Who may approve a run (the grant's users, or its policy's list). */
  approvers(action: StoredAction, row: repo.RunRow): Promise<string[]>;
  signingKey(): Promise<string>;
  allowPrivate: PrivateTargets;
  /** Where people reach Portico, for the link to the run. */
  portalUrl?: string;
  timeoutMs: number;
  now: () => string;
}

/**
 * Sends an action's `approvalNotification` webhook (JSON or Slack) when one of its runs waits for
 * approval. Email, Port's default, needs a mail server Portico does not have: approvers see waiting runs
 * in the portal. The outcome is a line in the run's log; a notification that cannot be sent never fails
 * the run itself.
 */
export function approvalNoticeHandler(options: ApprovalNoticeOptions): JobHandler {
  const { db, dialect } = options.database;
  const note = (id: string, message: string, trx = db) =>
    trx === db
      ? db.transaction().execute((t) => updateRunAsSystem(t, dialect, id, {}, [message], options.now()))
      : updateRunAsSystem(trx, dialect, id, {}, [message], options.now());

  return {
    timeoutMs: options.timeoutMs + 10_000,
    maxAttempts: 5,
    async run(job, { signal }) {
      const { runId } = job.payload as { runId: string };
      const row = await repo.findRun(db, dialect, runId);
      if (!row || row.status !== 'WAITING_FOR_APPROVAL') return succeeded();
      const action = (await options.actions.listStored([row.action_identifier])).get(row.action_identifier);
      const notification = action?.definition.approvalNotification;
      if (!action || notification?.type !== 'webhook' || !notification.url) return succeeded();
      const approvers = await options.approvers(action, row);
      const run = toRun(row, await repo.existingReferences(db, [row]));
      const message = approvalMessage(notification, run, approvers, options.portalUrl);
      const request = AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]);
      const sent = await sendApprovalNotification(notification.url, message, options, runId, request);
      if (sent.kind === 'sent') {
        await note(runId, `Approvers notified (${notification.format ?? 'json'} webhook)`);
        return succeeded();
      }
      return sent.kind === 'retry' ? retry(sent.reason, sent.retryAfterMs) : failed(sent.reason);
    },
    async onFailed(trx, job, error) {
      const { runId } = job.payload as { runId: string };
      await note(runId, `The approvers could not be notified: ${error}`, trx);
    },
  };
}
