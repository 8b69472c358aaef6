import { conflict, forbidden, notFound } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { Database, Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { renderWebhook, type WebhookTools } from './invokers/webhook.js';
import { updateRunAsSystem } from './run-system.js';
import type { RunContext } from './run-view.js';
import * as repo from './run.repo.js';

/** Port's pull protocol (§5.9): what a runner asks for. */
export interface ClaimRequest {
  installationId: string;
  limit: number;
  visibilityTimeoutMs: number;
  exclude: string[];
  /** Portico: only runs of these actions (a runner that serves some actions only). */
  actions?: string[];
}

/** A claimed run's invocation as the runner sends it: rendered, signed, secrets filled in. */
export interface RunnerInvocation {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const requireRunner = (actor: Actor) => {
  // Runners hold machine credentials of an Admin, like Port's agents and Ocean integrations.
  if (!isAdmin(actor)) throw forbidden('Claiming runs needs the credentials of an Admin');
};

/**
 * Claims runs that wait for a runner (actions whose WEBHOOK has `"agent": true`) for a visibility
 * timeout, SQS-style: unacknowledged, they can be claimed again once it lapses. Each claimed run comes
 * with its invocation rendered and signed, for the runner to send inside its network.
 */
export async function claimRuns(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  actor: Actor,
  request: ClaimRequest,
  toolsFor: (row: repo.RunRow) => WebhookTools,
  now = Date.now(),
) {
  requireRunner(actor);
  const claimed = await db.transaction().execute((trx) =>
    repo.claimPendingRuns(trx, dialect, {
      installation: request.installationId,
      now: new Date(now).toISOString(),
      until: new Date(now + request.visibilityTimeoutMs).toISOString(),
      limit: request.limit,
      exclude: request.exclude,
      ...(request.actions?.length ? { actions: request.actions } : {}),
    }),
  );
  const invocations = new Map<string, RunnerInvocation>();
  const ended: repo.RunRow[] = [];
  for (const row of claimed) {
    const context = JSON.parse(row.context) as RunContext;
    const rendered = await renderWebhook(context.invocation, context.trigger, row.id, toolsFor(row));
    if ('error' in rendered) {
      // Rendered again on every claim it would fail again: the run ends here, as a pushed one does.
      const failed = await endUnrenderable(db, dialect, row.id, rendered.error, new Date(now).toISOString());
      if (failed) ended.push(failed);
      continue;
    }
    invocations.set(row.id, {
      url: rendered.url,
      method: rendered.method,
      headers: rendered.headers,
      ...(rendered.body !== undefined ? { body: rendered.body } : {}),
    });
  }
  return { claimed: claimed.filter((row) => invocations.has(row.id)), invocations, ended };
}

const endUnrenderable = (db: Db, dialect: Dialect, id: string, reason: string, at: string) =>
  db
    .transaction()
    .execute((trx) =>
      updateRunAsSystem(
        trx,
        dialect,
        id,
        { status: 'FAILURE', status_label: 'Delivery failed' },
        [`Run failed: ${reason}`],
        at,
      ),
    );

/** A runner takes a claimed run for good; 409 when another runner (or this one) already did. */
export async function acknowledgeRun(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  actor: Actor,
  runId: string,
  at: string,
) {
  requireRunner(actor);
  const row = await repo.findRun(db, dialect, runId);
  if (!row) throw notFound(`Run "${runId}" was not found`);
  if (!(await repo.acknowledgeRun(db, runId, at)))
    throw conflict('run_acknowledged', `Run "${runId}" was acknowledged already (or is not pending)`);
}
