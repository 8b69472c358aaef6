import type { ColumnType, Generated } from 'kysely';

/** JSON columns are text on SQLite and jsonb on PostgreSQL; the dialect module converts both ways. */
type Json = ColumnType<unknown, string, string>;

export interface BlueprintsTable {
  identifier: string;
  title: string;
  definition: Json;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  /** Names defined as they are since later than the blueprint's creation: name -> instant (migration 0022). */
  names_since: ColumnType<unknown, string | undefined, string>;
}

export interface EntitiesTable {
  id: Generated<number>;
  blueprint: string;
  identifier: string;
  title: string | null;
  icon: string | null;
  team: Json;
  properties: Json;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  /** Which client last wrote it, as it names itself (its User-Agent): Port's `$datasource` (migration 0030). */
  datasource: ColumnType<string | null, string | null | undefined, string | null>;
  /** Counts the row's writes; a read-modify-write commits only at the version it read. */
  version: Generated<number>;
  /** Its scorecards' results as Port answers them, `{"<scorecard>": {level, rules}}`; null: none (0033). */
  scorecards: ColumnType<unknown, string | null | undefined, string | null>;
}

/** One version of an entity: its state as written (null columns once deleted). */
export interface EntityVersionsTable {
  id: Generated<number>;
  entity_id: number;
  blueprint: string;
  identifier: string;
  version: number;
  at: string;
  actor: string;
  /** CREATE, UPDATE or DELETE. */
  action: string;
  title: string | null;
  icon: string | null;
  team: Json | null;
  properties: Json | null;
  /** relation -> target identifiers, in order. */
  relations: Json | null;
  created_at: string | null;
  created_by: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

export interface EntityRelationsTable {
  source_id: number;
  relation: string;
  target_id: number;
  position: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  resource_type: string;
  action: string;
  status: string;
  identifier: string;
  blueprint: string | null;
  entity: string | null;
  actor: string;
  origin: string;
  context: Json;
  diff: Json;
  message: string | null;
  /** PostgreSQL only: the writing transaction's id (xid8, read as text); see migration 0024. */
  xid?: Generated<string>;
}

/** Where each consumer of the change stream has got to: the last event it consumed. */
export interface EventCursorsTable {
  consumer: string;
  xid: string;
  position: number;
  updated_at: string;
}

export interface CredentialsTable {
  client_id: string;
  secret_hash: string;
  label: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
  /** The owning _user entity's row id; null for the installation's own admin credentials. */
  user_id: number | null;
  generation: Generated<number>;
  updated_at: string | null;
}

export interface LocalAccountsTable {
  user_id: number;
  password_hash: string | null;
  reset_token_hash: string | null;
  reset_expires_at: string | null;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end of the session, whatever its activity. */
  expires_at: string;
  /** How the user signed in: password or sso. */
  method: string;
}

export interface SignInFailuresTable {
  /** `account:<name>` or `address:<ip>`. */
  key: string;
  failures: number;
  window_started_at: string;
}

export interface BlueprintPermissionsTable {
  blueprint: string;
  permissions: Json;
  updated_at: string;
  updated_by: string;
}

/** A saved table view of the web app; `state` is the UI's JSON as text, `shared` 0 or 1. */
export interface TableViewsTable {
  id: string;
  blueprint: string;
  owner: string;
  name: string;
  shared: number;
  state: string;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** A self-service action: Port's JSON as text, and its stored permissions (null: the defaults). */
export interface ActionsTable {
  id: string;
  identifier: string;
  /** `self-service` or `automation` (migration 0023). */
  trigger_type: string;
  /** A self-service action's blueprint, or the blueprint of the entities an automation listens to. */
  blueprint: string | null;
  /** A self-service action's operation, or an automation's event type. */
  operation: string;
  definition: string;
  permissions: string | null;
  /** 1 when an Admin wrote the definition last: only then may its templates read secrets. */
  secrets_allowed: number;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** A run of a self-service action; JSON columns as text. `pending` 1 while a runner may claim it. */
export interface ActionRunsTable {
  id: string;
  action_identifier: string;
  action_id: string;
  blueprint: string | null;
  entity: string | null;
  operation: string;
  backend: string;
  status: string;
  status_label: string | null;
  link: string | null;
  summary: string | null;
  external_run_id: string | null;
  properties: string;
  context: string;
  payload: string | null;
  response: string | null;
  source: string;
  required_approval: string;
  approval: string | null;
  pending: number;
  claimed_by: string | null;
  claimed_until: string | null;
  acknowledged: number;
  created_by: string;
  impersonated_by: string | null;
  updated_by: string;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  version: number;
}

export interface ActionRunLogsTable {
  id: string;
  run_id: string;
  message: string;
  created_by: string;
  created_at: string;
}

export interface ActionRunApprovalsTable {
  run_id: string;
  user_id: string;
  state: string;
  description: string | null;
  at: string;
}

/** Who an approve policy listed for a run when it began to wait. */
export interface ActionRunApproversTable {
  run_id: string;
  user_id: string;
}

export interface ActionRunEntitiesTable {
  run_id: string;
  blueprint: string;
  entity: string;
  action: string;
  at: string;
}

export interface Tables {
  blueprints: BlueprintsTable;
  entities: EntitiesTable;
  entity_relations: EntityRelationsTable;
  entity_versions: EntityVersionsTable;
  /** entity_versions with each version's state, also of one kept in its entity's row (migration 0021). */
  entity_versions_full: EntityVersionsTable;
  audit_log: AuditLogTable;
  event_cursors: EventCursorsTable;
  credentials: CredentialsTable;
  local_accounts: LocalAccountsTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  blueprint_permissions: BlueprintPermissionsTable;
  settings: SettingsTable;
  table_views: TableViewsTable;
  actions: ActionsTable;
  action_runs: ActionRunsTable;
  action_run_logs: ActionRunLogsTable;
  action_run_approvals: ActionRunApprovalsTable;
  action_run_approvers: ActionRunApproversTable;
  action_run_entities: ActionRunEntitiesTable;
  organization_secrets: OrganizationSecretsTable;
  jobs: JobsTable;
  job_attempts: JobAttemptsTable;
  job_leaders: JobLeadersTable;
  change_counters: ChangeCountersTable;
  integrations: IntegrationsTable;
  integration_kind_examples: IntegrationKindExamplesTable;
  integration_logs: IntegrationLogsTable;
  integration_sync_metrics: IntegrationSyncMetricsTable;
  integration_syncs: IntegrationSyncsTable;
  scorecards: ScorecardsTable;
  scorecard_evaluations: ScorecardEvaluationsTable;
  scorecard_changes: ScorecardChangesTable;
  initiatives: InitiativesTable;
}

/** A scorecard of a blueprint: its Port JSON without the meta fields (migration 0033). */
export interface ScorecardsTable {
  id: Generated<number>;
  blueprint: string;
  identifier: string;
  definition: Json;
  version: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** How far the evaluation of every entity of a scorecard's blueprint under its `version` has come. */
export interface ScorecardEvaluationsTable {
  scorecard_id: number;
  version: number;
  /** The entities up to this row id are evaluated. */
  after_id: number;
  evaluated: number;
  total: number;
  started_at: string;
  finished_at: string | null;
}

/** A change of an entity's level or of one of its rules' results under a scorecard. */
export interface ScorecardChangesTable {
  id: Generated<number>;
  at: string;
  scorecard_id: number;
  blueprint: string;
  scorecard: string;
  entity_id: number;
  entity: string;
  team: Json;
  /** Null: the entity left the scorecard (deleted, or no longer in its filter). */
  level: string | null;
  level_index: number | null;
  previous_level: string | null;
  rules: Json | null;
  /** `[{identifier, status}]`: the rules whose result changed, as they are now. */
  flipped: Json;
  /** What made it: `entity` (a write), `scorecard` (a change of the definition). */
  cause: string;
  actor: string;
}

/** A level of a scorecard to reach by a date, for a set of teams. */
export interface InitiativesTable {
  identifier: string;
  definition: Json;
  version: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** One sync of an integration as Portico counted it from its writes (migration 0032). */
export interface IntegrationSyncsTable {
  integration: string;
  event_id: string;
  started_at: string;
  updated_at: string;
  created: Generated<number>;
  updated: Generated<number>;
  deleted: Generated<number>;
  failed: Generated<number>;
  /** The entities the integration owned when the sync's deletions began; null before. */
  owned: number | null;
  last_error: string | null;
}

/** An integration's fields as Port's API answers them (migration 0031). */
export interface IntegrationsTable {
  identifier: string;
  fields: Json;
  version: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** The examples of raw data an integration sent for a kind (Ocean: at most 5). */
export interface IntegrationKindExamplesTable {
  integration: string;
  kind: string;
  examples: Json;
  updated_at: string;
}

/** Log lines an integration shipped, the newest kept. */
export interface IntegrationLogsTable {
  id: Generated<number>;
  integration: string;
  at: string;
  level: string;
  message: string;
  extra: Json | null;
}

/** An integration's metrics of one kind in one sync (Ocean's syncKindMetrics), as last reported. */
export interface IntegrationSyncMetricsTable {
  integration: string;
  event_id: string;
  kind: string;
  sync_state: string | null;
  data: Json;
  created_at: string;
  updated_at: string;
}

/** Counters raised by triggers at every change of what servers keep in memory (migration 0026). */
export interface ChangeCountersTable {
  name: string;
  version: number;
}

/** An organisation secret: its value only as AES-256-GCM parts (base64), the name being associated data. */
export interface OrganizationSecretsTable {
  name: string;
  description: string | null;
  iv: string;
  ciphertext: string;
  tag: string;
  version: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** A job of the queue (src/server/jobs); times are epoch milliseconds. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  key: string | null;
  payload: Json;
  /** available, running, succeeded, failed or cancelled. */
  state: string;
  run_at: number;
  attempt: number;
  max_attempts: number | null;
  lease_until: number | null;
  /** While running, the worker that holds it; once succeeded, the one that ran it. */
  locked_by: string | null;
  attempted_at: number | null;
  created_at: number;
  finished_at: number | null;
  last_error: string | null;
}

export interface JobAttemptsTable {
  job_id: number;
  attempt: number;
  worker: string;
  started_at: number;
  ended_at: number;
  /** retried, failed, interrupted or lease expired (a success is read from its job). */
  outcome: string;
  error: string | null;
}

/** A named lease: the process that holds it does the queue's upkeep until it expires. */
export interface JobLeadersTable {
  name: string;
  holder: string;
  expires_at: number;
}
