import type { JsonObject } from '../../core/blueprint.js';
import type { RunSource, SelfServiceTrigger } from '../../core/action.js';
import { auditInsertQueries, insertAuditRecords } from '../audit/audit.repo.js';
import { badInput, forbidden, notFound, unprocessable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { managesAction, namedBy } from './action-permissions.js';
import { actionStillExists } from './action.repo.js';
import type { StoredAction } from './action.service.js';
import { newRunId } from './run-ids.js';
import { inputError, resolveForm } from './run-form.js';
import { formUser, templateEntity, triggerOf } from './run-trigger.js';
import { toRun, type RunContext } from './run-view.js';
import type { RunDeps } from './run-deps.js';
import type { FailedPolicyQuery } from './run-policy.js';
import * as repo from './run.repo.js';

export interface RunRequest {
  properties: JsonObject;
  entity?: string;
  source: RunSource;
  /** The machine credential that ran it on the actor's behalf (`run_as`). */
  impersonatedBy?: string;
}

/** How a run's invocation is carried out: by Portico's webhook or entity writer, or by a runner that claims it. */
export function backendOf(action: StoredAction): 'WEBHOOK' | 'UPSERT_ENTITY' | 'RUNNER' {
  const method = action.definition.invocationMethod;
  if (method.type === 'UPSERT_ENTITY') return 'UPSERT_ENTITY';
  return (method as { agent?: boolean }).agent === true ? 'RUNNER' : 'WEBHOOK';
}

/**
 * The trigger of an action a person may run. An automation is refused: its events start it (a run of it
 * by hand would carry no event for its templates to read).
 */
export function selfServiceTrigger(action: StoredAction): SelfServiceTrigger {
  const { trigger, identifier } = action.definition;
  if (trigger.type === 'self-service') return trigger;
  throw unprocessable(
    'automation_not_runnable',
    `Action "${identifier}" is an automation: automations are started by their events (${trigger.event.type}), not run by hand`,
  );
}

/**
 * Accepts a run of an action: the actor must see and may execute it (on the entity, for DAY-2 and DELETE),
 * the inputs must pass the form; then the run, its audit record and its delivery job are written in one
 * transaction (a run waiting for approval is delivered once approved). The run as written.
 */
export async function createRun(deps: RunDeps, actor: Actor, identifier: string, request: RunRequest) {
  const action = await deps.actions.find(actor, identifier);
  const trigger = selfServiceTrigger(action);
  const entity = await entityOf(deps, actor, action, trigger, request.entity);
  const grant = action.permissions.execute;
  const managed = managesAction(actor, action.definition);
  // Without a policy the grant decides now; a policy needs the inputs, so it decides once they are checked.
  if (!managed && !grant.policy && !namedBy(grant, actor, entity?.team ?? []))
    throw forbidden(`You may not execute action "${action.definition.identifier}"`);

  const userContext = await deps.userContext(actor);
  const user = formUser(actor, userContext);
  const form = await resolveForm(
    trigger.userInputs,
    request.properties,
    { entity, user },
    deps.evaluate,
    deps.formLookups(actor, { entity, user }),
  );
  const encryptedInputs = Object.entries(trigger.userInputs.properties)
    .filter(([name, input]) => input.encryption !== undefined && Object.hasOwn(form.properties, name))
    .map(([name]) => name);
  if (!managed && grant.policy) {
    const policyContext = {
      blueprint: trigger.blueprintIdentifier ?? null,
      action: action.definition.identifier,
      inputs: form.inputs,
      user,
      entity: templateEntity(entity),
      trigger: { at: deps.now(), user },
    };
    const verdict = await deps.policyAllows(action, policyContext);
    if (!verdict.allowed) throw policyDenial(action.definition.identifier, verdict.failed);
  }
  // Only the encrypted form is kept, even on the run's own row: the typed value exists in this request only.
  for (const name of encryptedInputs)
    form.properties[name] = form.inputs[name] = await encryptedInput(deps, name, form.inputs[name]);

  const id = newRunId();
  const at = deps.now();
  const waits = action.definition.requiredApproval !== false;
  const backend = backendOf(action);
  const blueprint = trigger.blueprintIdentifier
    ? await deps.blueprintReference(trigger.blueprintIdentifier)
    : null;
  const context: RunContext = {
    action: {
      identifier: action.definition.identifier,
      title: action.definition.title ?? null,
      icon: action.definition.icon ?? null,
    },
    blueprint,
    entity: entity ? { identifier: entity.identifier, title: entity.title, icon: entity.icon } : null,
    trigger: {
      inputs: form.inputs,
      trigger: triggerOf(actor, user, at, trigger.operation),
      event: null,
      entity: templateEntity(entity),
      action: {
        identifier: action.definition.identifier,
        blueprint: trigger.blueprintIdentifier ?? null,
        encryptedProperties: encryptedInputs,
      },
      run: { id },
    },
    encryptedInputs,
    invocation: action.definition.invocationMethod as JsonObject,
    secretsAllowed: action.secretsAllowed,
    runner: actor,
  };
  const row: repo.RunRow = {
    id,
    action_identifier: action.definition.identifier,
    action_id: action.action.id,
    blueprint: trigger.blueprintIdentifier ?? null,
    entity: entity?.identifier ?? null,
    operation: trigger.operation,
    backend,
    status: waits ? 'WAITING_FOR_APPROVAL' : 'IN_PROGRESS',
    status_label: null,
    link: null,
    summary: null,
    external_run_id: null,
    properties: JSON.stringify(form.properties),
    context: JSON.stringify(context),
    payload: null,
    response: null,
    source: request.source,
    required_approval: JSON.stringify(action.definition.requiredApproval),
    approval: null,
    pending: !waits && backend === 'RUNNER' ? 1 : 0,
    claimed_by: null,
    claimed_until: null,
    acknowledged: 0,
    created_by: actor.id,
    impersonated_by: request.impersonatedBy ?? null,
    updated_by: actor.id,
    created_at: at,
    updated_at: at,
    ended_at: null,
    version: 1,
  };
  // Recorded on the run, so that they see it (allowAnyoneToViewRuns: false) and find it among their own.
  const approvers = waits && action.permissions.approve.policy ? await deps.policyApprovers(action, row) : [];
  await writeRun(deps, actor, row, approvers);
  deps.accepted(row);
  return row;
}

/**
 * The run, its audit record and what carries it out, in one transaction. A run that goes out at once is
 * written in one trip to the database (on SQLite the writer is held only while SQLite works, not while this
 * thread serves other requests); one that waits for approval in a transaction that also records the
 * approvers its action's policy listed and tells its approvers, if its action still exists.
 */
async function writeRun(deps: RunDeps, actor: Actor, row: repo.RunRow, approvers: string[]) {
  const { db, dialect } = deps.database;
  const audit = runAudit(actor, row, 'CREATE');
  if (row.status !== 'WAITING_FOR_APPROVAL')
    return dialect.runIndependentWrites(db, [
      repo.insertRunStatement(db, row),
      ...auditInsertQueries(dialect, [audit]),
      ...deps.dispatchStatements(row),
    ]);
  await db.transaction().execute(async (trx) => {
    // Deleting an action declines its waiting runs: one written after that would wait for ever.
    if (!(await actionStillExists(trx, dialect, row.action_id)))
      throw notFound(`Action "${row.action_identifier}" was not found`);
    await repo.insertRun(trx, row);
    await repo.insertRunApprovers(trx, row.id, approvers);
    await insertAuditRecords(trx, dialect, [audit]);
    await deps.requestApproval(trx, row);
  });
}

async function entityOf(
  deps: RunDeps,
  actor: Actor,
  action: StoredAction,
  trigger: SelfServiceTrigger,
  identifier: string | undefined,
) {
  if (trigger.operation === 'CREATE') {
    if (identifier !== undefined)
      throw badInput('invalid_request', 'entity: a CREATE action runs without an entity; leave "entity" out');
    return null;
  }
  if (identifier === undefined || identifier === '')
    throw badInput('invalid_request', `entity: a ${trigger.operation} action runs on an entity; name it`);
  // An entity the actor may not read answers as a missing one.
  const entity = await deps.readEntity(actor, trigger.blueprintIdentifier!, identifier);
  if (trigger.condition && !(await deps.entityMatches(actor, entity, trigger.condition)))
    throw unprocessable(
      'action_condition_not_met',
      `entity: "${identifier}" does not meet the condition of action "${action.definition.identifier}"`,
      { field: 'entity' },
    );
  return entity;
}

async function encryptedInput(deps: RunDeps, name: string, value: unknown): Promise<string> {
  try {
    return await deps.encryptInput(value);
  } catch (error) {
    throw inputError(name, `cannot be encrypted for the backend: ${(error as Error).message}`);
  }
}

/**
 * A run's audit record, which the change stream carries to automations (RUN_CREATED, RUN_UPDATED): its
 * diff holds the run as Port's API answers it, before (null for a new run) and after.
 */
export function runAudit(
  actor: Actor,
  row: repo.RunRow,
  action: 'CREATE' | 'UPDATE',
  message?: string,
  before?: repo.RunRow,
) {
  return {
    at: row.updated_at,
    resourceType: 'run' as const,
    action,
    status: 'SUCCESS' as const,
    identifier: row.id,
    blueprint: row.blueprint,
    entity: row.entity,
    actor: actor.id,
    origin: actor.origin,
    context: { action: row.action_identifier, runId: row.id },
    diff: { before: before ? runAsRecorded(before) : null, after: runAsRecorded(row) },
    ...(message ? { message } : {}),
  };
}

/** The run as Port's API answers it, its action, blueprint and entity taken as still there. */
function runAsRecorded(row: repo.RunRow) {
  const everything = { has: () => true } as unknown as Set<string>;
  return toRun(row, { actions: everything, blueprints: everything, entities: everything });
}

function policyDenial(identifier: string, failed: FailedPolicyQuery | undefined) {
  if (!failed) return forbidden(`You may not execute action "${identifier}" with these inputs`);
  // The search's own message may name blueprints the caller cannot see: only the query and rule are told.
  const at = failed.rule ? ` (at ${failed.rule})` : '';
  return forbidden(
    `You may not execute action "${identifier}" with these inputs: its policy's query "${failed.query}"${at} could not run with them, and a policy whose query fails denies`,
  );
}
