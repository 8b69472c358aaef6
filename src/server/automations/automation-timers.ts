import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import { auditInsertQueries, type AuditRecord } from '../audit/audit.repo.js';
import type { EntityService } from '../catalog/entity.service.js';
import type { StreamEvent } from '../events/stream.repo.js';
import { DomainError } from '../errors.js';
import { systemActor } from '../identity/actor.js';
import { succeeded, succeededAndWritten, type JobHandler } from '../jobs/job-types.js';
import { enqueueJob, releaseKeyStatement, replaceKeyedJobStatements } from '../jobs/jobs.repo.js';
import { blueprintDefinitions } from '../catalog/blueprint.repo.js';
import { listEntityRowsAfter, rowToState } from '../catalog/entity.repo.js';
import type { Database, Statement } from '../storage/database.js';
import { TIMER_EXPIRED } from './automation-event.js';

/** The job kind of a timer property's expiry. */
export const TIMER_JOB = 'automation-timer';

export interface TimerPayload {
  blueprint: string;
  entity: string;
  property: string;
  /** The value it was set for: an expiry fires only if the entity still holds it. */
  value: string;
}

/** One job per entity and timer property: setting the timer again moves it, clearing it cancels it. */
export const timerKey = (blueprint: string, entity: string, property: string) =>
  `timer:${JSON.stringify([blueprint, entity, property])}`;

/** A blueprint's properties of Port's `timer` type. */
export function timerProperties(blueprint: BlueprintDefinition | undefined): string[] {
  if (!blueprint) return [];
  return Object.entries(blueprint.schema.properties)
    .filter(([, schema]) => schema.type === 'string' && schema.format === 'timer')
    .map(([name]) => name);
}

const timerValue = (entity: JsonObject | null, property: string): string | undefined => {
  const value = (entity?.properties as JsonObject | undefined)?.[property];
  return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? value : undefined;
};

/**
 * What an entity event does to its timers: a value set or moved (re)schedules its expiry, a value cleared,
 * an entity deleted or renamed away cancels it. Statements to commit with the stream's cursor.
 */
export function timerStatements(
  database: Pick<Database, 'db'>,
  kind: string,
  event: StreamEvent,
  properties: readonly string[],
  now: number,
): Statement[] {
  if (!properties.length || event.resourceType !== 'entity' || event.blueprint === null) return [];
  if (!['CREATE', 'UPDATE', 'DELETE'].includes(event.action)) return [];
  const before = event.diff.before as JsonObject | null;
  const after = event.diff.after as JsonObject | null;
  const blueprint = event.blueprint;
  const beforeId = typeof before?.identifier === 'string' ? before.identifier : undefined;
  const afterId = typeof after?.identifier === 'string' ? after.identifier : undefined;
  const statements: Statement[] = [];
  for (const property of properties) {
    const was = beforeId === afterId ? timerValue(before, property) : undefined;
    const is = timerValue(after, property);
    if (beforeId !== undefined && beforeId !== afterId && timerValue(before, property) !== undefined)
      statements.push(releaseKeyStatement(database.db, timerKey(blueprint, beforeId, property), now));
    if (afterId === undefined || is === was) continue;
    const key = timerKey(blueprint, afterId, property);
    if (is === undefined) {
      statements.push(releaseKeyStatement(database.db, key, now));
      continue;
    }
    const payload: TimerPayload = { blueprint, entity: afterId, property, value: is };
    statements.push(
      ...replaceKeyedJobStatements(database.db, { kind, key, payload, runAt: Date.parse(is) }, now),
    );
  }
  return statements;
}

/**
 * The expiry of a timer: if the entity still holds the value the timer was set for, a TIMER_EXPIRED event
 * (with the entity as it is) joins the stream, in the transaction that ends the job, so it joins it once.
 */
export function timerHandler(deps: {
  database: Pick<Database, 'db' | 'dialect'>;
  entities: Pick<EntityService, 'getEntity'>;
  now(): string;
  /** Told once an expiry has joined the stream. */
  expired(): void;
}): JobHandler {
  const { db, dialect } = deps.database;
  return {
    timeoutMs: 30_000,
    maxAttempts: 10,
    backoff: { baseMs: 1_000, capMs: 60_000 },
    async run(job, { successWrite }) {
      const { blueprint, entity, property, value } = job.payload as TimerPayload;
      const current = await deps.entities
        .getEntity(systemActor(), blueprint, entity)
        .catch((error: unknown) => {
          if (error instanceof DomainError && error.kind === 'not_found') return undefined;
          throw error;
        });
      // Deleted, cleared or moved: a moved timer has a job of its own.
      if (!current || current.properties[property] !== value) return succeeded();
      const { version, ...after } = current;
      void version;
      const record: AuditRecord = {
        at: deps.now(),
        resourceType: 'entity',
        action: TIMER_EXPIRED,
        status: 'SUCCESS',
        identifier: entity,
        blueprint,
        entity,
        actor: 'portico',
        origin: 'SYSTEM',
        context: { blueprint, entity, property },
        diff: { before: null, after },
      };
      // Only while this attempt still holds the job: one that lost it to a rescue writes nothing.
      await dialect.runIndependentWrites(db, [
        ...auditInsertQueries(dialect, [record]),
        { ...successWrite(), expectChanges: 1 },
      ]);
      deps.expired();
      return succeededAndWritten();
    },
  };
}

/**
 * Schedules the timers that entities hold already, once, when automations first start on a database (the
 * stream's reader starts at the stream's end and would never see the writes that set them). Only timers
 * still to come: one that passed before automations existed has no expiry to miss.
 */
export async function scheduleExistingTimers(
  database: Pick<Database, 'db' | 'dialect'>,
  kind: string,
  now: number,
): Promise<number> {
  const { db, dialect } = database;
  let scheduled = 0;
  for (const blueprint of (await blueprintDefinitions(db, dialect)).values()) {
    const properties = timerProperties(blueprint);
    if (!properties.length) continue;
    for (let after = 0; ;) {
      const rows = await listEntityRowsAfter(db, blueprint.identifier, after, 1_000);
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      const jobs = rows.flatMap((row) => {
        const state = rowToState(dialect, row);
        return properties.flatMap((property) => {
          const value = state.properties[property];
          if (typeof value !== 'string' || !(Date.parse(value) > now)) return [];
          const payload: TimerPayload = { blueprint: row.blueprint, entity: row.identifier, property, value };
          return [
            {
              kind,
              key: timerKey(row.blueprint, row.identifier, property),
              payload,
              runAt: Date.parse(value),
            },
          ];
        });
      });
      if (!jobs.length) continue;
      await db.transaction().execute(async (trx) => {
        for (const job of jobs) await enqueueJob(trx, { ...job, ifKeyExists: 'keep' }, now);
      });
      scheduled += jobs.length;
    }
  }
  return scheduled;
}
