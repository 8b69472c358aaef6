import type { JsonObject } from '../../core/blueprint.js';
import type {
  ActionRun,
  RequiredApproval,
  RunLog,
  RunReference,
  RunSource,
  RunStatus,
} from '../../core/action.js';
import type { Actor } from '../identity/actor.js';
import type { RunLogRow, RunRow } from './run.repo.js';

/** What a run keeps of its trigger: the names it had then, and the data its backend's templates read. */
export interface RunContext {
  action: { identifier: string; title: string | null; icon: string | null };
  blueprint: { identifier: string; title: string | null; icon: string | null } | null;
  entity: { identifier: string; title: string | null; icon: string | null } | null;
  /** Port's trigger data (§5.3) without `secrets`, which are read at delivery and never stored. */
  trigger: JsonObject;
  /** Inputs whose values are encrypted for the backend and masked everywhere else. */
  encryptedInputs: string[];
  /** The UPSERT_ENTITY or runner-delivered invocation, as defined when the run was made. */
  invocation: JsonObject;
  /** The action was last written by an Admin: its templates may read organisation secrets. */
  secretsAllowed: boolean;
  /** Who ran it: entity writes of the run are made as this actor (a user as they are at that time). */
  runner: Actor;
}

export interface References {
  actions: Set<string>;
  blueprints: Set<string>;
  entities: Set<string>;
}

export const SECRET_MASK = '********';

const UNSET_LEFT_OUT = [
  'link',
  'summary',
  'response',
  'claimedUntil',
  'installationId',
  'impersonatedBy',
  'endedAt',
] as const satisfies ReadonlyArray<keyof ActionRun>;

const parsed = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** Port's approval has a description only when the approver gave one (its schema has no null for it). */
function approvalOf(text: string | null): ActionRun['approval'] {
  const approval = parsed<Record<string, unknown>>(text);
  if (approval && approval.description === null) delete approval.description;
  return approval as ActionRun['approval'];
}

/**
 * A backend's answer: Port's schema allows text, a list or an object, so a bare number or boolean that a
 * backend answered is given as the text it sent.
 */
function responseOf(text: string | null): ActionRun['response'] | null {
  const response = parsed<ActionRun['response'] | number | boolean>(text);
  return typeof response === 'number' || typeof response === 'boolean' ? text : (response ?? null);
}

function reference(
  named: { identifier: string; title: string | null; icon: string | null },
  exists: boolean,
): RunReference {
  return { identifier: named.identifier, title: named.title, icon: named.icon, deleted: !exists };
}

/** A run row as Port's API answers it (v2). Encrypted inputs show as a mask. */
export function toRun(row: RunRow, references: References): ActionRun {
  const context = JSON.parse(row.context) as RunContext;
  const properties = JSON.parse(row.properties) as JsonObject;
  for (const name of context.encryptedInputs)
    if (Object.hasOwn(properties, name)) properties[name] = SECRET_MASK;
  const run: Omit<ActionRun, (typeof UNSET_LEFT_OUT)[number]> & Record<string, unknown> = {
    id: row.id,
    action: reference(context.action, references.actions.has(row.action_identifier)),
    properties,
    status: row.status as RunStatus,
    statusLabel: row.status_label,
    link: parsed<string | string[]>(row.link),
    summary: row.summary,
    externalRunId: row.external_run_id,
    source: row.source as RunSource,
    requiredApproval: JSON.parse(row.required_approval) as RequiredApproval,
    approval: approvalOf(row.approval),
    payload: parsed(row.payload),
    response: responseOf(row.response),
    pendingExecution: row.pending === 1,
    claimedUntil: row.claimed_until,
    installationId: row.claimed_by,
    createdBy: row.created_by,
    impersonatedBy: row.impersonated_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
  };
  // Port leaves these out of a run until they are set (its documented answer has no null for them).
  for (const key of UNSET_LEFT_OUT) if (run[key] === null || run[key] === undefined) delete run[key];
  if (context.blueprint)
    run.blueprint = reference(context.blueprint, references.blueprints.has(context.blueprint.identifier));
  if (context.entity && row.blueprint)
    run.entity = reference(context.entity, references.entities.has(`${row.blueprint}\u0000${row.entity}`));
  return run as ActionRun;
}

/** Port's v1 shape names the action by its identifier. */
export function toRunV1(run: ActionRun) {
  return { ...run, action: run.action.identifier };
}

export function toRunLog(row: RunLogRow): RunLog {
  return {
    id: row.id,
    runId: row.run_id,
    message: row.message,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
