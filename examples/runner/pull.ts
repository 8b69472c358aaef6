import type { ClaimedRun, PorticoClient } from './portico-client.js';
import type { Runner } from './runner.js';
import { verifySignature } from './signature.js';

export interface PullOptions {
  client: PorticoClient;
  runner: Runner;
  /** The key Portico signs invocations with, as for webhooks. */
  signingKey: string;
  /** Names this runner in Portico's records of who claimed a run. */
  installationId: string;
  /** The wait between two claims when there was nothing to do (default 2 s). */
  intervalMs?: number;
  /** How long a claimed run stays hidden from other runners before it is offered again (default 60 s). */
  visibilityTimeoutMs?: number;
  /** Claim only runs of these actions (default: any action whose WEBHOOK has "agent": true). */
  actions?: string[];
  /** Runs claimed at once (default 10). */
  limit?: number;
  toleranceSeconds?: number;
  onError?(error: unknown, runId?: string): void;
}

/**
 * Pull mode, for a runner that Portico cannot reach: it claims runs waiting for a runner (actions whose
 * WEBHOOK has "agent": true), takes each one for good (ack: another runner may have taken it), checks
 * the invocation's signature as a webhook's, and does the job the invocation's URL names.
 */
export function startPulling(options: PullOptions) {
  const intervalMs = options.intervalMs ?? 2_000;
  const limit = options.limit ?? 10;
  const onError =
    options.onError ??
    ((error, runId) => console.error(`${runId ? `run ${runId}: ` : ''}${(error as Error).message}`));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let polling: Promise<number> = Promise.resolve(0);
  // Runs left to other runners (no job here): not claimed again by this one. Portico takes 1,000 at most.
  const passedOver: string[] = [];

  /** One claim, and the runs it brought started; answers how many it brought. */
  async function pollOnce(): Promise<number> {
    const runs = await options.client.claim({
      installationId: options.installationId,
      limit,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 60_000,
      ...(passedOver.length ? { exclude: passedOver } : {}),
      ...(options.actions ? { actions: options.actions } : {}),
    });
    for (const run of runs) await take(run).catch((error: unknown) => onError(error, run.id));
    return runs.length;
  }

  async function take(run: ClaimedRun) {
    const invocation = run.invocation;
    if (!invocation || 'error' in invocation) {
      // Portico could not render the request (a template error): the run cannot be carried out.
      if (await options.client.ack(run.id))
        await options.client.finish(run.id, 'FAILURE', invocation?.error ?? 'The run has no invocation');
      return;
    }
    const body = invocation.body ?? '';
    const verdict = verifySignature(
      {
        timestamp: invocation.headers['x-port-timestamp'],
        signature: invocation.headers['x-port-signature'],
        body,
      },
      options.signingKey,
      options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {},
    );
    // Left unacknowledged: a runner with the wrong key must not fail runs that a correct one can do.
    if (!verdict.ok) throw new Error(`the invocation was refused: ${verdict.reason}`);
    const path = new URL(invocation.url).pathname;
    if (!options.runner.handles(path)) {
      // Not acknowledged: another runner may have the job; this one stops asking for the run.
      passedOver.push(run.id);
      if (passedOver.length > 1000) passedOver.shift();
      return;
    }
    if (!(await options.client.ack(run.id))) return;
    const parsed: unknown = body ? JSON.parse(body) : {};
    const payload = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    options.runner.accept(run.id, path, payload);
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      polling = pollOnce().catch((error: unknown) => (onError(error), 0));
      // A full batch means more may be waiting: claim again at once.
      void polling.then((count) => schedule(count >= limit ? 0 : intervalMs));
    }, delay);
  }
  schedule(0);

  return {
    /** Stops claiming; runs already taken are finished (await runner.idle() for them). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
    },
  };
}
