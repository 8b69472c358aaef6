import type { AttemptContext, BackoffPolicy, Job, JobHandler, JobOutcome } from '../jobs/job-types.js';
import type { CompiledQuery } from 'kysely';
import { failed, retry, succeeded, succeededAndWritten } from '../jobs/job-types.js';
import type { Database } from '../storage/database.js';
import { storableJson } from '../../core/text.js';
import { deliverWebhook, type WebhookTools } from './invokers/webhook.js';
import type { OutboundResponse } from './invokers/http-send.js';
import type { RunHandoff } from './run-handoff.js';
import { createRunLoader } from './run-loader.js';
import { recordRunAsSystem, updateRunAsSystem } from './run-system.js';
import type { RunContext } from './run-view.js';
import * as repo from './run.repo.js';

/** The job kind that carries out a run; its key is the run's id, so a run is dispatched once. */
export const RUN_JOB = 'action-run';

export interface DeliveryOptions {
  database: Pick<Database, 'db' | 'dialect'>;
  webhook: WebhookTools;
  /** The tools for one invocation (secrets decrypted only for templates that name them). */
  toolsFor(context: RunContext): WebhookTools;
  backoff?: BackoffPolicy;
  /** Carries out an UPSERT_ENTITY run; answers the log line to record. */
  upsert(row: repo.RunRow, context: RunContext): Promise<string>;
  /** Told of a run changed by delivery, once committed. */
  committed(row: Pick<repo.RunRow, 'id' | 'backend' | 'status'>): void;
  /** Runs accepted by this process, taken from memory rather than read again. */
  handoff?: RunHandoff;
  timeoutMs?: number;
  maxAttempts?: number;
  now?: () => string;
}

export const runJob = (row: Pick<repo.RunRow, 'id'>, kind = RUN_JOB) => ({
  kind,
  key: `run:${row.id}`,
  payload: { runId: row.id },
});

/** A synchronous backend's answer as the run keeps it: its JSON, or its text. */
function responseOf(response: OutboundResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    return response.body;
  }
}

export function runDeliveryHandler(options: DeliveryOptions): JobHandler {
  const { db, dialect } = options.database;
  const now = options.now ?? (() => new Date().toISOString());
  const loadRun = createRunLoader(db);

  /**
   * Writes what delivery came to on `read`, the run as the attempt read it (read again if it changed
   * since), with `alongside` in the same transaction; whether it wrote (not when the run has ended).
   */
  async function record(
    read: repo.RunRow,
    changes: Partial<repo.RunRow>,
    messages: string[],
    alongside: CompiledQuery[] = [],
  ) {
    const change = { changes, messages, at: now(), read, alongside };
    const written = await recordRunAsSystem(db, dialect, read.id, change);
    if (written) options.committed(written);
    return written !== undefined;
  }

  /** The attempt's last write: its outcome on the run, and the job's success with it. */
  async function recordSuccess(
    read: repo.RunRow,
    changes: Partial<repo.RunRow>,
    messages: string[],
    successWrite: () => CompiledQuery,
  ): Promise<JobOutcome> {
    return (await record(read, changes, messages, [successWrite()])) ? succeededAndWritten() : succeeded();
  }

  async function run(job: Job, { signal, attempt, successWrite }: AttemptContext): Promise<JobOutcome> {
    const { runId } = job.payload as { runId: string };
    // A later attempt reads the run: an earlier one may have run in another process.
    const row = (attempt === 1 ? options.handoff?.take(runId) : undefined) ?? (await loadRun(runId));
    // Ended (cancelled, or reported by the backend already) or gone: nothing is left to do.
    if (!row || row.status !== 'IN_PROGRESS') return succeeded();
    const context = JSON.parse(row.context) as RunContext;
    if (row.backend === 'UPSERT_ENTITY') {
      try {
        const message = await options.upsert(row, context);
        return await recordSuccess(row, { status: 'SUCCESS' }, [message], successWrite);
      } catch (error) {
        return failed((error as Error).message);
      }
    }
    const tools = options.toolsFor(context);
    const timeoutMs = options.timeoutMs ?? 30_000;
    // The request's own limit: the job's is longer, for rendering and recording around it.
    const request = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    const result = await deliverWebhook(context.invocation, context.trigger, runId, tools, request);
    const of = `attempt ${attempt} of ${job.maxAttempts}`;
    if (result.kind === 'delivered') {
      const changes: Partial<repo.RunRow> = { payload: JSON.stringify(storableJson(result.payload)) };
      const line = `Delivered to ${result.payload.url as string} (HTTP ${result.response.status}, ${of})`;
      if (result.synchronized) {
        changes.status = 'SUCCESS';
        changes.response = JSON.stringify(storableJson(responseOf(result.response)));
      }
      return recordSuccess(row, changes, [line], successWrite);
    }
    const payload = result.payload ? { payload: JSON.stringify(storableJson(result.payload)) } : {};
    if (result.kind === 'failed') {
      await record(row, payload, []);
      return failed(result.reason);
    }
    await record(
      row,
      payload,
      attempt < job.maxAttempts ? [`${result.reason} (${of}); it will be tried again`] : [],
    );
    return retry(result.reason, result.retryAfterMs);
  }

  return {
    timeoutMs: (options.timeoutMs ?? 30_000) + 10_000,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: options.backoff ?? { baseMs: 1_000, capMs: 5 * 60_000 },
    run,
    async onFailed(trx, job, error) {
      const { runId } = job.payload as { runId: string };
      const row = await repo.findRun(trx, dialect, runId);
      const label = row?.backend === 'UPSERT_ENTITY' ? 'Entity not written' : 'Delivery failed';
      await updateRunAsSystem(
        trx,
        dialect,
        runId,
        { status: 'FAILURE', status_label: label },
        [`Run failed: ${error}`],
        now(),
      );
    },
  };
}
