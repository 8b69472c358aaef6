import type { JsonObject } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import type { SearchQuery } from '../../core/search.js';
import type { Actor } from '../identity/actor.js';
import type { UserContext } from '../search/search.user-context.js';
import type { Database, Db, Statement } from '../storage/database.js';
import type { ActionService, StoredAction } from './action.service.js';
import type { FormLookups } from './run-form.js';
import type { EvaluateAll } from './run-form-jq.js';
import type { PolicyVerdict } from './run-policy.js';
import type { RunRow } from './run.repo.js';

/** What runs need from the rest of Portico; run.service.ts builds it from the real services. */
export interface RunDeps {
  database: Pick<Database, 'db' | 'dialect'>;
  now(): string;
  actions: ActionService;
  /** The entity, if the actor may read it; otherwise not_found, as for a missing one. */
  readEntity(actor: Actor, blueprint: string, identifier: string): Promise<Entity>;
  entityMatches(actor: Actor, entity: Entity, condition: SearchQuery): Promise<boolean>;
  /** An execute policy's verdict (§5.8) over the run's context (blueprint, action, inputs, user, …). */
  policyAllows(action: StoredAction, context: JsonObject): Promise<PolicyVerdict>;
  userContext(actor: Actor): Promise<UserContext>;
  evaluate: EvaluateAll;
  formLookups(actor: Actor, context: { entity: Entity | null; user: JsonObject }): FormLookups;
  /** An `encryption: aes256-gcm` input's value as its backend receives it. */
  encryptInput(value: unknown): Promise<string>;
  blueprintReference(
    identifier: string,
  ): Promise<{ identifier: string; title: string | null; icon: string | null } | null>;
  /** Writes, in the run's transaction, what carries it out (a delivery job; nothing for runners). */
  dispatch(trx: Db, row: RunRow): Promise<void>;
  /** The same as statements, for a run written as one batch of statements. */
  dispatchStatements(row: RunRow): Statement[];
  /** Writes, in the run's transaction, the notification of its approvers. */
  requestApproval(trx: Db, row: RunRow): Promise<void>;
  /** Who may approve the run now: the approve grant's users, or the list its policy gave for it (§5.8). */
  approvers(action: StoredAction, row: RunRow): Promise<string[]>;
  /** The approvers an approve policy lists for a new run, recorded as it begins to wait. */
  policyApprovers(action: StoredAction, row: RunRow): Promise<string[]>;
  /** Told of a run written or changed, once committed (wake-ups, live pages). */
  committed(row: Pick<RunRow, 'id' | 'backend' | 'status'>): void;
  /** Told of a new run, as written, once committed (instead of committed). */
  accepted(row: RunRow): void;
}
