import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { ActionService, StoredAction } from '../actions/action.service.js';
import type { RunRow } from '../actions/run.repo.js';
import { blueprintDefinitions } from '../catalog/blueprint.repo.js';
import type { EntityService } from '../catalog/entity.service.js';
import { createStreamConsumer, type StreamConsumer } from '../events/stream-consumer.js';
import type { JqPool } from '../jq/jq-pool.js';
import type { JobHandler } from '../jobs/job-types.js';
import type { Database, Statement } from '../storage/database.js';
import { createAutomationDispatch } from './automation-dispatch.js';
import { scheduleExistingTimers, TIMER_JOB, timerHandler } from './automation-timers.js';

export interface AutomationsDeps {
  database: Database;
  jq: JqPool;
  entities: EntityService;
  now(): string;
  log: { warn(details: object, message: string): void };
  /** Apps that share a database but not their settings (tests) keep their own place in the stream. */
  jobNamespace?: string;
  /** A condition's time limit over a batch of events; default 1,000 ms. */
  jqTimeoutMs?: number;
  /** The stream reader's lease, poll and batch size (tests shorten them). */
  stream?: { leaseMs?: number; pollMs?: number; batchSize?: number };
}

/** What the actions module provides: the queue that delivers runs and carries timers. */
export interface RunQueue {
  actions: ActionService;
  kindOf(kind: string): string;
  dispatchStatements(row: RunRow): Statement[];
  runsWritten(rows: RunRow[]): void;
  queue: { wake(kind?: string): void };
}

/**
 * Automations put together: the reader of the change stream that fires them, and the timers it keeps. The
 * timers' job handler goes into the actions module's queue (`handlers`, before it is built); `attach` then
 * gives the module the actions module, whose definitions and queue it uses.
 */
export function createAutomationsModule(deps: AutomationsDeps) {
  const { database } = deps;
  let runQueue: RunQueue | undefined;
  let consumer: StreamConsumer | undefined;
  let actions: Promise<Map<string, StoredAction>> | undefined;
  let blueprints: Promise<Map<string, BlueprintDefinition>> | undefined;

  const handlers: Record<string, JobHandler> = {
    [TIMER_JOB]: timerHandler({
      database,
      entities: deps.entities,
      now: deps.now,
      expired: () => consumer?.wake(),
    }),
  };

  function forget(what: 'actions' | 'blueprints') {
    if (what === 'actions') actions = undefined;
    else blueprints = undefined;
  }

  function attach(queue: RunQueue) {
    runQueue = queue;
    const timerKind = queue.kindOf(TIMER_JOB);
    const loadActions = () =>
      (actions ??= queue.actions.listStored().catch(forgetOnError(() => (actions = undefined))));
    const loadBlueprints = () =>
      (blueprints ??= blueprintDefinitions(database.db, database.dialect).catch(
        forgetOnError(() => (blueprints = undefined)),
      ));
    const dispatch = createAutomationDispatch({
      database,
      jq: deps.jq,
      actions: loadActions,
      blueprints: loadBlueprints,
      forget,
      dispatch: (row) => queue.dispatchStatements(row),
      written: (rows) => queue.runsWritten(rows),
      scheduled: () => queue.queue.wake(timerKind),
      timerKind,
      now: () => Date.parse(deps.now()),
      jqTimeoutMs: deps.jqTimeoutMs ?? 1_000,
    });
    consumer = createStreamConsumer(database, {
      name: deps.jobNamespace ? `automations@${deps.jobNamespace}` : 'automations',
      consume: dispatch.consume,
      interest: dispatch.interest,
      created: async () => {
        if (await scheduleExistingTimers(database, timerKind, Date.parse(deps.now())))
          queue.queue.wake(timerKind);
      },
      // Another process may have read the stream meanwhile: the changes of definitions it read, this one
      // never saw (an automation added or deleted, a timer property defined).
      resuming: () => {
        forget('actions');
        forget('blueprints');
      },
      log: deps.log,
      ...deps.stream,
    });
  }

  return {
    handlers,
    attach,
    async start() {
      if (!runQueue || !consumer) throw new Error('automations start once attached to the run queue');
      await consumer.start();
    },
    async stop() {
      await consumer?.stop();
    },
    /** Reads the stream to its end here (tests). */
    drain: () => consumer?.drain() ?? Promise.resolve(),
  };
}

function forgetOnError(forget: () => void) {
  return (error: unknown): never => {
    forget();
    throw error;
  };
}
