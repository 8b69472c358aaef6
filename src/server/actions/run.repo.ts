import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Db } from '../storage/database.js';
import type { Dialect, GuardedQuery } from '../storage/dialect/index.js';
import type {
  ActionRunApprovalsTable,
  ActionRunEntitiesTable,
  ActionRunLogsTable,
  ActionRunsTable,
  Tables,
} from '../storage/tables.js';

export type RunRow = Selectable<ActionRunsTable>;
export type RunLogRow = Selectable<ActionRunLogsTable>;
export type RunApprovalRow = Selectable<ActionRunApprovalsTable>;
export type RunEntityRow = Selectable<ActionRunEntitiesTable>;

export interface RunFilter {
  /**
   * Runs the caller sees: all when undefined, else its own, those of these actions and those whose
   * approvers (recorded from an approve policy) name it.
   */
  visibleTo?: { actor: string; actions: string[] };
  /**
   * Portico: runs that wait for this user's decision — of these actions (any when undefined) or naming the
   * user as a recorded approver; not the user's own unless `own`; not yet decided by the user.
   */
  awaitingDecisionBy?: { user: string; actions?: string[]; own: boolean };
  entity?: string;
  blueprint?: string;
  action?: string;
  createdBy?: string;
  externalRunId?: string;
  sources?: string[];
  /** Portico: only runs in these statuses. */
  statuses?: string[];
  /** Only runs not yet final (true) or only final ones (false). */
  active?: boolean;
  exclude?: string[];
  limit: number;
}

const ACTIVE = ['IN_PROGRESS', 'WAITING_FOR_APPROVAL'];

export async function insertRun(db: Db, row: RunRow) {
  await db.insertInto('action_runs').values(row).execute();
}

/** The insert of a new run, as a statement of a batch (Dialect.runInTransaction). */
export function insertRunStatement(db: Db, row: RunRow): GuardedQuery {
  return db.insertInto('action_runs').values(row).compile();
}

/**
 * The columns of `next` that differ from `read`: what a write of the run's new state sets. The rest (the
 * run's context and inputs, its largest values) is not sent again, nor stored again by PostgreSQL.
 */
export function changedColumns(read: RunRow, next: RunRow): Partial<Omit<RunRow, 'id' | 'version'>> {
  const changes: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(next))
    if (column !== 'id' && column !== 'version' && value !== read[column as keyof RunRow])
      changes[column] = value;
  return changes as Partial<Omit<RunRow, 'id' | 'version'>>;
}

/**
 * The write of a run's new state read at `version`, as a statement of a batch: the batch fails as a stale
 * write (isStaleWrite) when another write came first.
 */
export function updateRunStatement(
  db: Db,
  id: string,
  version: number,
  changes: Partial<Omit<RunRow, 'id' | 'version'>>,
): GuardedQuery {
  const update = db
    .updateTable('action_runs')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version);
  return { ...update.compile(), expectChanges: 1 };
}

export function insertRunLogsStatements(db: Db, rows: RunLogRow[]): GuardedQuery[] {
  return rows.length ? [db.insertInto('action_run_logs').values(rows).compile()] : [];
}

/** A run as stored; with `lock`, in a transaction on PostgreSQL, its row stays locked until it ends. */
export async function findRun(db: Db, dialect: Dialect, id: string, lock = false) {
  let query = db.selectFrom('action_runs').selectAll().where('id', '=', id);
  if (lock && dialect.name === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Runs by id, those that exist. */
export async function findRuns(db: Db, ids: readonly string[]): Promise<RunRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('action_runs').selectAll().where('id', 'in', ids).execute();
}

/** Newest first. */
export async function listRuns(db: Db, filter: RunFilter): Promise<RunRow[]> {
  let query = db.selectFrom('action_runs').selectAll();
  const visible = filter.visibleTo;
  if (visible)
    query = query.where((eb) =>
      eb.or([
        eb('created_by', '=', visible.actor),
        ...(visible.actions.length ? [eb('action_identifier', 'in', visible.actions)] : []),
        eb('id', 'in', approvedBy(db, visible.actor)),
      ]),
    );
  const awaiting = filter.awaitingDecisionBy;
  if (awaiting) query = query.where((eb) => awaitingDecision(eb, db, awaiting));
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.blueprint !== undefined) query = query.where('blueprint', '=', filter.blueprint);
  if (filter.action !== undefined) query = query.where('action_identifier', '=', filter.action);
  if (filter.createdBy !== undefined) query = query.where('created_by', '=', filter.createdBy);
  if (filter.externalRunId !== undefined) query = query.where('external_run_id', '=', filter.externalRunId);
  if (filter.sources?.length) query = query.where('source', 'in', filter.sources);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.exclude?.length) query = query.where('id', 'not in', filter.exclude);
  if (filter.active !== undefined) query = query.where('status', filter.active ? 'in' : 'not in', ACTIVE);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** The runs that wait for a user's decision (RunFilter.awaitingDecisionBy) as a condition. */
function awaitingDecision(
  eb: ExpressionBuilder<Tables, 'action_runs'>,
  db: Db,
  { user, actions, own }: NonNullable<RunFilter['awaitingDecisionBy']>,
) {
  const decided = eb
    .selectFrom('action_run_approvals')
    .select('action_run_approvals.run_id')
    .whereRef('action_run_approvals.run_id', '=', 'action_runs.id')
    .where('action_run_approvals.user_id', '=', user);
  const named = eb('id', 'in', approvedBy(db, user));
  return eb.and([
    eb('status', '=', 'WAITING_FOR_APPROVAL'),
    eb.not(eb.exists(decided)),
    ...(actions ? [actions.length ? eb.or([eb('action_identifier', 'in', actions), named]) : named] : []),
    ...(own ? [] : [eb('created_by', '!=', user)]),
  ]);
}

/** The ids of the runs of these actions that wait for approval, all of them. */
export async function listWaitingRunIds(db: Db, actions: readonly string[]): Promise<string[]> {
  if (!actions.length) return [];
  const rows = await db
    .selectFrom('action_runs')
    .select('id')
    .where('action_identifier', 'in', actions)
    .where('status', '=', 'WAITING_FOR_APPROVAL')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Writes a new state of the run read at `version`; false when another write came first. */
export async function updateRun(
  db: Db,
  id: string,
  version: number,
  changes: Partial<Omit<RunRow, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('action_runs')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertRunLogs(db: Db, rows: RunLogRow[]) {
  if (rows.length) await db.insertInto('action_run_logs').values(rows).execute();
}

/** A run's log lines in the order they were written, from `offset`, or after the line `after`. */
export async function listRunLogs(
  db: Db,
  runId: string,
  page: { limit: number; offset?: number; after?: string },
): Promise<RunLogRow[]> {
  let query = db.selectFrom('action_run_logs').selectAll().where('run_id', '=', runId);
  if (page.after !== undefined) query = query.where('id', '>', page.after);
  return query
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
}

export async function upsertApproval(db: Db, row: RunApprovalRow) {
  await db
    .insertInto('action_run_approvals')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['run_id', 'user_id'])
        .doUpdateSet({ state: row.state, description: row.description, at: row.at }),
    )
    .execute();
}

export async function listApprovals(db: Db, runId: string): Promise<RunApprovalRow[]> {
  return db
    .selectFrom('action_run_approvals')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('at')
    .execute();
}

/** The runs whose recorded approvers name the user, as a subquery. */
const approvedBy = (db: Db, user: string) =>
  db.selectFrom('action_run_approvers').select('run_id').where('user_id', '=', user);

/** Records who an approve policy listed for a run as it began to wait. */
export async function insertRunApprovers(db: Db, runId: string, users: readonly string[]) {
  const unique = [...new Set(users)];
  // In slices: a policy may list thousands, more than a statement binds on SQLite.
  for (let start = 0; start < unique.length; start += 500)
    await db
      .insertInto('action_run_approvers')
      .values(unique.slice(start, start + 500).map((user_id) => ({ run_id: runId, user_id })))
      .execute();
}

/** The approvers recorded on a run, sorted. */
export async function listRunApprovers(db: Db, runId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('action_run_approvers')
    .select('user_id')
    .where('run_id', '=', runId)
    .orderBy('user_id')
    .execute();
  return rows.map((row) => row.user_id);
}

export async function isRunApprover(db: Db, runId: string, user: string): Promise<boolean> {
  const row = await db
    .selectFrom('action_run_approvers')
    .select('run_id')
    .where('run_id', '=', runId)
    .where('user_id', '=', user)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordRunEntity(db: Db, row: RunEntityRow) {
  await db
    .insertInto('action_run_entities')
    .values(row)
    // A run that created an entity and then changed it still created it.
    .onConflict((oc) =>
      oc.columns(['run_id', 'blueprint', 'entity']).doUpdateSet((eb) => ({
        action: eb
          .case()
          .when('action_run_entities.action', '=', 'CREATE')
          .then('CREATE')
          .else(eb.ref('excluded.action'))
          .end(),
        at: row.at,
      })),
    )
    .execute();
}

export async function listRunEntities(db: Db, runId: string): Promise<RunEntityRow[]> {
  return db.selectFrom('action_run_entities').selectAll().where('run_id', '=', runId).orderBy('at').execute();
}

/** Which of the actions, blueprints and entities that runs name still exist (to mark the others deleted). */
export async function existingReferences(db: Db, rows: readonly RunRow[]) {
  const actions = [...new Set(rows.map((r) => r.action_identifier))];
  const blueprints = [...new Set(rows.flatMap((r) => (r.blueprint ? [r.blueprint] : [])))];
  const entities = rows.filter((r) => r.blueprint && r.entity);
  const [foundActions, foundBlueprints, foundEntities] = await Promise.all([
    actions.length
      ? db.selectFrom('actions').select('identifier').where('identifier', 'in', actions).execute()
      : [],
    blueprints.length
      ? db.selectFrom('blueprints').select('identifier').where('identifier', 'in', blueprints).execute()
      : [],
    entities.length
      ? db
          .selectFrom('entities')
          .select(['blueprint', 'identifier'])
          .where((eb) =>
            eb.or(
              entities.map((r) =>
                eb.and([eb('blueprint', '=', r.blueprint!), eb('identifier', '=', r.entity!)]),
              ),
            ),
          )
          .execute()
      : [],
  ]);
  return {
    actions: new Set(foundActions.map((a) => a.identifier)),
    blueprints: new Set(foundBlueprints.map((b) => b.identifier)),
    entities: new Set(foundEntities.map((e) => `${e.blueprint}\u0000${e.identifier}`)),
  };
}

/**
 * Claims up to `limit` runs that wait for a runner (pending, unclaimed or whose claim lapsed), oldest
 * first, for `installation` until `until`; PostgreSQL rivals skip rows another claim holds.
 */
export async function claimPendingRuns(
  db: Db,
  dialect: Dialect,
  claim: {
    installation: string;
    now: string;
    until: string;
    limit: number;
    exclude: string[];
    actions?: string[];
  },
): Promise<RunRow[]> {
  let query = db
    .selectFrom('action_runs')
    .select('id')
    // A literal, as in the index's condition: SQLite uses a partial index only for a query that repeats it.
    .where('pending', '=', sql.lit(1))
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', claim.now)]))
    .orderBy('created_at')
    .limit(claim.limit);
  if (claim.exclude.length) query = query.where('id', 'not in', claim.exclude);
  if (claim.actions?.length) query = query.where('action_identifier', 'in', claim.actions);
  if (dialect.name === 'postgres') query = query.forUpdate().skipLocked();
  const ids = (await query.execute()).map((row) => row.id);
  if (!ids.length) return [];
  return db
    .updateTable('action_runs')
    .set((eb) => ({
      claimed_by: claim.installation,
      claimed_until: claim.until,
      version: eb('version', '+', 1),
    }))
    .where('id', 'in', ids)
    .returningAll()
    .execute();
}

/** A runner takes a claimed run for good; false when it was acknowledged already. */
export async function acknowledgeRun(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('action_runs')
    .set((eb) => ({ acknowledged: 1, pending: 0, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('acknowledged', '=', 0)
    .where('pending', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
