import { DEMO_JOBS } from '../../../examples/runner/jobs.js';
import { createPorticoClient } from '../../../examples/runner/portico-client.js';
import { startPulling } from '../../../examples/runner/pull.js';
import { createRunner } from '../../../examples/runner/runner.js';
import * as credentials from '../identity/credential.repo.js';
import { hashSecret, randomSecret, verifySecret } from '../identity/secret-hash.js';
import { seal, unseal, type Sealed } from '../secrets/secret-crypto.js';
import type { Database } from '../storage/database.js';
import { getOrCreateSetting } from '../storage/settings.repo.js';
import { DEMO_ACTIONS } from './demo-journeys.js';

const SETTING = 'demo_runner_credential';
export const DEMO_RUNNER_LABEL = 'demo runner';
/** The demo's actions that wait for a runner (WEBHOOK with "agent": true). */
export const DEMO_RUNNER_ACTIONS = DEMO_ACTIONS.filter(
  (action) => (action.invocationMethod as { agent?: boolean }).agent === true,
).map((action) => action.identifier as string);

export interface DemoRunnerDeps {
  database: Pick<Database, 'db' | 'dialect'>;
  /** The secrets master key: the runner's credential is kept sealed under it, never printed. */
  masterKey: Uint8Array;
  /** The key Portico signs invocations with. */
  signingKey(): Promise<string>;
  /** Where this process serves the API, e.g. http://127.0.0.1:3000 */
  url: string;
  log: { warn(message: string): void; info(message: string): void };
  stepDelayMs?: number;
  intervalMs?: number;
}

/**
 * The Admin credential of the demo's runner: made once, with its secret kept sealed in the settings, so
 * that every replica and restart uses the same one. Undefined once an admin has revoked, rotated or
 * deleted it: then no runner starts.
 */
export async function ensureDemoRunnerCredential(
  database: DemoRunnerDeps['database'],
  masterKey: Uint8Array,
): Promise<{ clientId: string; clientSecret: string } | undefined> {
  const { db, dialect } = database;
  const fresh = { clientId: `portico_demo_runner_${randomSecret(6)}`, clientSecret: randomSecret(32) };
  const freshSealed = JSON.stringify(seal(masterKey, JSON.stringify(fresh), SETTING));
  const secretHash = await hashSecret(fresh.clientSecret);
  // The setting and its credential are written together, so a credential missing later was deleted.
  const sealed = await db.transaction().execute(async (trx) => {
    const stored = await getOrCreateSetting(trx, SETTING, () => freshSealed);
    if (stored === freshSealed)
      await credentials.insertCredential(trx, {
        clientId: fresh.clientId,
        secretHash,
        label: DEMO_RUNNER_LABEL,
        role: 'admin',
        createdAt: new Date().toISOString(),
      });
    return stored;
  });
  const mine = JSON.parse(
    unseal(masterKey, JSON.parse(sealed) as Sealed, SETTING, 'the demo runner credential'),
  ) as {
    clientId: string;
    clientSecret: string;
  };
  const stored = await credentials.findCredential(db, dialect, mine.clientId);
  if (!stored || stored.revokedAt || !(await verifySecret(mine.clientSecret, stored.secretHash)))
    return undefined;
  return mine;
}

/** Starts the reference runner (examples/runner) in pull mode inside this process, against its own API. */
export async function startDemoRunner(deps: DemoRunnerDeps) {
  let credential;
  try {
    credential = await ensureDemoRunnerCredential(deps.database, deps.masterKey);
  } catch (error) {
    // Sealed under another master key: the demo goes on without its runner.
    deps.log.warn(`the demo's runner does not start: ${(error as Error).message}`);
    return undefined;
  }
  if (!credential) {
    deps.log.info(
      `the "${DEMO_RUNNER_LABEL}" credential was revoked, rotated or deleted: the demo's runner does not start`,
    );
    return undefined;
  }
  const client = createPorticoClient({ url: deps.url, ...credential });
  const onError = (error: unknown, runId?: string) =>
    deps.log.warn(`demo runner${runId ? `, run ${runId}` : ''}: ${(error as Error).message}`);
  const runner = createRunner({ client, jobs: DEMO_JOBS, stepDelayMs: deps.stepDelayMs ?? 400, onError });
  const puller = startPulling({
    client,
    runner,
    signingKey: await deps.signingKey(),
    installationId: 'portico-demo-runner',
    // Only the demo's own agent actions: the runs of actions people add wait for their own runner.
    actions: DEMO_RUNNER_ACTIONS,
    intervalMs: deps.intervalMs ?? 2_000,
    onError,
  });
  return {
    /** Stops claiming and finishes the runs it took (before the server closes). */
    async stop() {
      await puller.stop();
      await runner.idle();
    },
  };
}

/** The URL this process answers on from inside: a wildcard address is reached through loopback. */
export function loopbackUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
