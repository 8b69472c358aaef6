import { createCipheriv, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { JobsConfig, PrivateTargets } from '../config.js';
import type { EntityService } from '../catalog/entity.service.js';
import { unavailable } from '../errors.js';
import { actorForUser, automationOf, type Actor } from '../identity/actor.js';
import { createJobQueue } from '../jobs/job-queue.js';
import { enqueueJob, newJobStatement } from '../jobs/jobs.repo.js';
import type { BackoffPolicy, JobHandlers } from '../jobs/job-types.js';
import type { JqPool } from '../jq/jq-pool.js';
import { renderTemplate } from '../jq/template.js';
import type { SearchService } from '../search/search.service.js';
import { redactSecrets } from '../secrets/redact.js';
import type { SecretService } from '../secrets/secret.service.js';
import type { Database, Db } from '../storage/database.js';
import { createActionService } from './action.service.js';
import { upsertMappedEntity } from './invokers/upsert-entity.js';
import type { WebhookTools } from './invokers/webhook.js';
import { ownApiFor, type OwnApiDeps } from './invokers/own-api.js';
import { runDeliveryHandler, runJob, RUN_JOB } from './run-delivery.js';
import type { RunContext } from './run-view.js';
import { createRunService } from './run.service.js';
import * as repo from './run.repo.js';
import { createSigningKey } from './signing-key.js';
import { createRunHandoff } from './run-handoff.js';
import { createRunWatch, runChangeOf } from './run-watch.js';
import { APPROVAL_JOB, approvalNoticeHandler } from './run-approval-notice.js';

export interface WebhookOptions {
  /** The key of x-port-signature; default: the admin client secret generated at first start. */
  secret?: string;
  allowPrivate: PrivateTargets;
  timeoutMs: number;
  maxAttempts: number;
  backoff?: BackoffPolicy;
  /** Deliveries made at once by this process. */
  concurrency?: number;
  /** Where people reach Portico (PORTICO_PUBLIC_URL), for links in approvers' notifications. */
  portalUrl?: string;
}

export const DEFAULT_WEBHOOKS: WebhookOptions = { allowPrivate: false, timeoutMs: 30_000, maxAttempts: 5 };

export interface ActionsModuleDeps {
  database: Database;
  entities: EntityService;
  search: SearchService;
  secrets: SecretService;
  jq: JqPool;
  masterKey?: Uint8Array;
  now: () => string;
  log: FastifyBaseLogger;
  webhooks: WebhookOptions;
  /**
   * Jobs of this app only: apps that share a database but not their settings (tests) each name their own;
   * replicas of one installation leave it unset and share the work.
   */
  jobNamespace?: string;
  /** How soon the work of a process that died is taken over; the queue's defaults otherwise. */
  jobs?: Partial<JobsConfig>;
  /** Other jobs for the same queue (automations' timers), by kind as given (namespaced here). */
  handlers?: JobHandlers;
  /** Portico's own API, for automations' WEBHOOKs to it. */
  ownApi?: Omit<OwnApiDeps, 'portalUrl'>;
}

/**
 * Self-service actions put together: definitions, runs, and the job queue that carries runs out (its
 * handlers deliver webhooks and write entities). `start()` begins delivering; `stop()` hands back what runs.
 */
export function createActionsModule(deps: ActionsModuleDeps) {
  const { database, webhooks } = deps;
  const kindOf = (kind: string) => (deps.jobNamespace ? `${kind}@${deps.jobNamespace}` : kind);
  const runKind = kindOf(RUN_JOB);
  const approvalKind = kindOf(APPROVAL_JOB);
  const actions = createActionService(database, deps.now, deps.jq, webhooks.allowPrivate, webhooks.portalUrl);
  const signing = createSigningKey(database.db, {
    ...(webhooks.secret ? { configured: webhooks.secret } : {}),
    ...(deps.masterKey ? { masterKey: deps.masterKey } : {}),
  });
  const render = (template: unknown, context: unknown) => renderTemplate(deps.jq, template, context);
  const webhookTools: WebhookTools = {
    render,
    // Secrets are decrypted only for templates that name them.
    secrets: async () => ({ ...(await deps.secrets.valuesForTemplates()) }),
    redact: (value, secretValues) => redactSecrets(value, secretValues),
    signingKey: signing.get,
    allowPrivate: webhooks.allowPrivate,
  };
  // Secrets only for actions an Admin wrote last (a moderator's could send them anywhere), and decrypted
  // only for templates that name them.
  const toolsFor = (context: Pick<RunContext, 'invocation' | 'secretsAllowed' | 'runner'>): WebhookTools => {
    const tools =
      context.secretsAllowed === true && JSON.stringify(context.invocation).includes('secrets')
        ? webhookTools
        : { ...webhookTools, secrets: async () => ({}) };
    const automation = context.runner && automationOf(context.runner);
    return automation !== undefined && deps.ownApi
      ? {
          ...tools,
          ownApi: ownApiFor(
            { ...deps.ownApi, ...(webhooks.portalUrl ? { portalUrl: webhooks.portalUrl } : {}) },
            automation,
          ),
        }
      : tools;
  };

  async function currentActor(runner: Actor): Promise<Actor> {
    if (runner.kind !== 'user' && runner.kind !== 'service_account') return runner;
    const [user] = await database.db
      .selectFrom('entities')
      .selectAll()
      .where('blueprint', '=', '_user')
      .where('identifier', '=', runner.id)
      .execute();
    const actor =
      user &&
      actorForUser(
        {
          identifier: user.identifier,
          team: database.dialect.fromJson<string[]>(user.team),
          properties: database.dialect.fromJson(user.properties),
        },
        runner.origin,
      );
    if (!actor) throw unavailable(`"${runner.id}", who ran it, is no longer an active user`);
    return actor;
  }

  async function upsert(row: repo.RunRow, context: RunContext) {
    const actor = await currentActor(context.runner);
    const written = await upsertMappedEntity(context.invocation, context.trigger, actor, {
      render,
      entities: deps.entities,
    });
    await repo.recordRunEntity(database.db, {
      run_id: row.id,
      blueprint: written.blueprint,
      entity: written.identifier,
      action: written.created ? 'CREATE' : 'UPDATE',
      at: deps.now(),
    });
    return `${written.created ? 'Created' : 'Updated'} entity "${written.identifier}" of blueprint "${written.blueprint}"`;
  }

  const watch = createRunWatch(database.changes, (error) =>
    deps.log.warn({ err: error.message }, 'a run change could not be announced'),
  );
  let wake = (_kind: string) => {};
  const handoff = createRunHandoff();
  let handingOver = false;
  const announce = (row: Pick<repo.RunRow, 'id' | 'backend' | 'status'>) => {
    // A job may have been written with it: a delivery, or the approvers' notification.
    if (row.backend !== 'RUNNER' && row.status === 'IN_PROGRESS') wake(runKind);
    else if (row.status === 'WAITING_FOR_APPROVAL') wake(approvalKind);
    watch.changed(row.id);
  };
  const committed = (row: Pick<repo.RunRow, 'id' | 'backend' | 'status'>) => {
    handoff.drop(row.id);
    announce(row);
  };
  const accepted = (row: repo.RunRow) => {
    if (handingOver && row.backend !== 'RUNNER' && row.status === 'IN_PROGRESS') handoff.put(row);
    announce(row);
  };
  /** Hands runs over only while the changes of other processes are heard, which take them back. */
  async function startHandoff() {
    const stop = await database.changes.subscribe({
      receive(payload) {
        const change = runChangeOf(payload);
        if (change && change.by !== watch.self) handoff.drop(change.run);
      },
      missed: () => handoff.clear(),
    });
    handingOver = true;
    return () => {
      handingOver = false;
      handoff.clear();
      stop();
    };
  }
  let stopHandoff = () => {};
  const dispatchStatements = (row: repo.RunRow) =>
    row.backend === 'RUNNER'
      ? []
      : [newJobStatement(database.db, { ...runJob(row, runKind), maxAttempts: webhooks.maxAttempts })];
  const runs = createRunService({
    database,
    actions,
    entities: deps.entities,
    search: deps.search,
    evaluate: async (programs, input) =>
      // Forms are evaluated as people type: a second is plenty, and keeps a runaway from holding the pool.
      (await deps.jq.evaluateAll(programs, input, { timeoutMs: 1_000 })).map((r) =>
        'error' in r ? { error: r.error.message } : r,
      ),
    render,
    encryptInput: async (value) => encryptForBackend(value, await signing.get()),
    async dispatch(trx: Db, row) {
      if (row.backend !== 'RUNNER')
        await enqueueJob(trx, { ...runJob(row, runKind), maxAttempts: webhooks.maxAttempts });
    },
    async requestApproval(trx: Db, row) {
      await enqueueJob(trx, { kind: approvalKind, key: `approval:${row.id}`, payload: { runId: row.id } });
    },
    dispatchStatements,
    committed,
    accepted,
    now: deps.now,
    webhookTools: toolsFor,
  });
  const queue = createJobQueue(database, {
    handlers: {
      [runKind]: runDeliveryHandler({
        database,
        webhook: webhookTools,
        toolsFor,
        upsert,
        committed,
        handoff,
        timeoutMs: webhooks.timeoutMs,
        maxAttempts: webhooks.maxAttempts,
        ...(webhooks.backoff ? { backoff: webhooks.backoff } : {}),
        now: deps.now,
      }),
      [approvalKind]: approvalNoticeHandler({
        database,
        actions,
        approvers: (action, row) => runs.deps.approvers(action, row),
        signingKey: signing.get,
        allowPrivate: webhooks.allowPrivate,
        ...(webhooks.portalUrl ? { portalUrl: webhooks.portalUrl } : {}),
        timeoutMs: webhooks.timeoutMs,
        now: deps.now,
      }),
      ...Object.fromEntries(
        Object.entries(deps.handlers ?? {}).map(([kind, handler]) => [kindOf(kind), handler]),
      ),
    },
    concurrency: webhooks.concurrency ?? 64,
    ...(deps.jobs?.leaseGraceMs ? { leaseGraceMs: deps.jobs.leaseGraceMs } : {}),
    ...(deps.jobs?.upkeepMs ? { maintenance: { everyMs: deps.jobs.upkeepMs } } : {}),
    log: deps.log,
  });
  wake = (kind) => queue.wake(kind);

  return {
    actions,
    runs,
    queue,
    kindOf,
    /** What carries out a run written elsewhere (automations), as statements of its transaction. */
    dispatchStatements,
    /** Runs written elsewhere (automations) have committed: deliver them, tell those who watch. */
    runsWritten: (rows: repo.RunRow[]) => rows.forEach(accepted),
    signing,
    watch,
    async start() {
      stopHandoff = await startHandoff();
      await queue.start();
    },
    async stop() {
      await queue.stop();
      stopHandoff();
      await watch.close();
    },
  };
}

/**
 * Port's encryption of `aes256-gcm` inputs for the backend: AES-256-GCM keyed with the first 32 bytes of
 * the signing key (Port: of the organisation's client secret), sent as base64 of IV (16 bytes), ciphertext
 * and tag (16 bytes); objects are encrypted as their JSON.
 */
export function encryptForBackend(value: unknown, signingKey: string): string {
  const key = Buffer.from(signingKey, 'utf8');
  if (key.length < 32)
    throw unavailable('encrypted inputs need a signing key of at least 32 bytes (PORTICO_WEBHOOK_SECRET)');
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-gcm', key.subarray(0, 32), iv);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64');
}
