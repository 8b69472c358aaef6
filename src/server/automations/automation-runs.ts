import type { JsonObject } from '../../core/blueprint.js';
import type { AutomationDefinition } from '../../core/action.js';
import { auditInsertQueries } from '../audit/audit.repo.js';
import type { StoredAction } from '../actions/action.service.js';
import { backendOf, runAudit } from '../actions/run-create.js';
import { newRunId } from '../actions/run-ids.js';
import { logRows } from '../actions/run-system.js';
import type { RunContext } from '../actions/run-view.js';
import * as repo from '../actions/run.repo.js';
import { automationActor } from '../identity/actor.js';
import type { Db, Statement } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { StreamEvent } from '../events/stream.repo.js';
import type { PortEvent } from './automation-event.js';

/** What an automation's condition came to for one event. */
export type ConditionOutcome = { holds: boolean } | { error: string };

export interface AutomationFiring {
  automation: StoredAction & { definition: AutomationDefinition };
  event: StreamEvent;
  portEvent: PortEvent;
  outcome: ConditionOutcome;
}

export interface RunWriting {
  db: Db;
  dialect: Dialect;
  now: string;
  /** What carries a run out (its delivery job; nothing for runners). */
  dispatch(row: repo.RunRow): Statement[];
}

/**
 * The run of an automation that fired on an event, as statements: the run, its audit record (itself an
 * event) and its delivery. A condition that failed makes a run that failed, with jq's message in its log.
 */
export function automationRunStatements(firing: AutomationFiring, writing: RunWriting) {
  const { automation, event, portEvent, outcome } = firing;
  const { definition } = automation;
  const actor = automationActor(definition.identifier);
  const id = newRunId();
  const at = writing.now;
  const failure = 'error' in outcome ? outcome.error : undefined;
  const backend = backendOf(automation);
  const entityEvent = event.resourceType === 'entity';
  const context: RunContext = {
    action: {
      identifier: definition.identifier,
      title: definition.title ?? null,
      icon: definition.icon ?? null,
    },
    blueprint:
      entityEvent && event.blueprint ? { identifier: event.blueprint, title: null, icon: null } : null,
    entity: entityEvent ? { identifier: event.identifier, title: entityTitle(portEvent), icon: null } : null,
    trigger: {
      inputs: null,
      trigger: {
        by: { orgId: 'portico', userId: event.actor },
        origin: 'AUTOMATION',
        at,
      },
      event: portEvent,
      entity: null,
      action: { identifier: definition.identifier },
      run: { id },
    },
    encryptedInputs: [],
    invocation: definition.invocationMethod as JsonObject,
    secretsAllowed: automation.secretsAllowed,
    runner: actor,
  };
  const row: repo.RunRow = {
    id,
    action_identifier: definition.identifier,
    action_id: automation.action.id,
    blueprint: context.blueprint?.identifier ?? null,
    entity: context.entity?.identifier ?? null,
    operation: definition.trigger.event.type,
    backend,
    status: failure === undefined ? 'IN_PROGRESS' : 'FAILURE',
    status_label: failure === undefined ? null : 'Condition failed',
    link: null,
    summary: null,
    external_run_id: null,
    properties: '{}',
    context: JSON.stringify(context),
    payload: null,
    response: null,
    source: 'AUTOMATION',
    required_approval: 'false',
    approval: null,
    pending: failure === undefined && backend === 'RUNNER' ? 1 : 0,
    claimed_by: null,
    claimed_until: null,
    acknowledged: 0,
    created_by: actor.id,
    impersonated_by: null,
    updated_by: actor.id,
    created_at: at,
    updated_at: at,
    ended_at: failure === undefined ? null : at,
    version: 1,
  };
  const messages = [`Triggered by ${portEvent.id} (${describe(event)})`];
  if (failure !== undefined) messages.push(`The condition could not be evaluated: ${failure}`);
  return {
    row,
    statements: [
      repo.insertRunStatement(writing.db, row),
      ...repo.insertRunLogsStatements(writing.db, logRows(id, messages, at)),
      ...auditInsertQueries(writing.dialect, [runAudit(actor, row, 'CREATE')]),
      ...(failure === undefined ? writing.dispatch(row) : []),
    ],
  };
}

function entityTitle(event: PortEvent): string | null {
  const entity = event.diff.after ?? event.diff.before;
  return typeof entity?.title === 'string' ? entity.title : null;
}

function describe(event: StreamEvent): string {
  if (event.resourceType === 'run') return `${event.action} of run ${event.identifier}`;
  return `${event.action} of entity "${event.identifier}" of blueprint "${event.blueprint}"`;
}
