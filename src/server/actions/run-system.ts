import type { CompiledQuery } from 'kysely';
import { auditInsertQueries, insertAuditRecords } from '../audit/audit.repo.js';
import { systemActor } from '../identity/actor.js';
import { storableText } from '../../core/text.js';
import type { Db } from '../storage/database.js';
import { isStaleWrite, type Dialect } from '../storage/dialect/index.js';
import { runAudit } from './run-create.js';
import { orderedId } from './run-ids.js';
import { isFinal } from './run-report.js';
import * as repo from './run.repo.js';

/** Who writes what Portico itself records on runs (delivery attempts, failures). */
export const PORTICO = 'portico';

/** Another write may come between a read and a guarded write this many times before giving up. */
const MAX_STALE_WRITES = 10;

/**
 * Portico's own change of a run, inside `trx`: applied to the run as it is now (locked on PostgreSQL),
 * with log lines, unless the run has ended meanwhile (a backend's report wins) or is no longer in
 * `onlyIn` (when given). Answers the run written, or undefined when nothing was.
 */
export async function updateRunAsSystem(
  trx: Db,
  dialect: Dialect,
  id: string,
  changes: Partial<repo.RunRow>,
  messages: string[],
  at: string,
  onlyIn?: readonly string[],
): Promise<repo.RunRow | undefined> {
  const row = await repo.findRun(trx, dialect, id, true);
  if (!row || isFinal(row.status) || (onlyIn && !onlyIn.includes(row.status))) return undefined;
  const next = systemChange(row, changes, at);
  // The row is locked (PostgreSQL) or the only writer is ours (SQLite): the version cannot have moved.
  await repo.updateRun(trx, id, next.version, repo.changedColumns(row, next));
  await repo.insertRunLogs(trx, logRows(id, messages, at));
  if (next.status !== row.status)
    await insertAuditRecords(trx, dialect, [runAudit(systemActor(PORTICO), next, 'UPDATE', undefined, row)]);
  return next;
}

/**
 * Actions are being deleted (in `trx`): their runs that wait for approval are declined, since nobody can
 * approve a run of an action that no longer exists. Runs in progress are left to their backends, which may
 * still report. Answers the runs declined.
 */
export async function declineRunsOfDeletedActions(
  trx: Db,
  dialect: Dialect,
  actions: readonly string[],
  at: string,
): Promise<repo.RunRow[]> {
  const declined: repo.RunRow[] = [];
  for (const id of await repo.listWaitingRunIds(trx, actions)) {
    const row = await updateRunAsSystem(
      trx,
      dialect,
      id,
      { status: 'DECLINED', status_label: 'Action deleted' },
      ['Declined: the action was deleted while the run waited for approval'],
      at,
      // Approved meanwhile: it is in progress, and its backend has it.
      ['WAITING_FOR_APPROVAL'],
    );
    if (row) declined.push(row);
  }
  return declined;
}

/**
 * The same change outside a transaction, as one batch of statements guarded by the run's version: applied
 * to `read` (the run as read a moment ago, if at hand) and, when another write came first, to the run read
 * again. On SQLite the batch holds the writer only while SQLite works.
 */
export async function recordRunAsSystem(
  db: Db,
  dialect: Dialect,
  id: string,
  change: {
    changes: Partial<repo.RunRow>;
    messages: string[];
    at: string;
    read?: repo.RunRow;
    /** Written in the same transaction, when the run is. */
    alongside?: readonly CompiledQuery[];
  },
): Promise<repo.RunRow | undefined> {
  let row = change.read;
  for (let attempt = 1; ; attempt++) {
    row ??= await repo.findRun(db, dialect, id);
    if (!row || isFinal(row.status)) return undefined;
    const next = systemChange(row, change.changes, change.at);
    const { version } = next;
    const audit =
      next.status === row.status ? [] : [runAudit(systemActor(PORTICO), next, 'UPDATE', undefined, row)];
    try {
      // Independent writes: on PostgreSQL one statement, its guard checked by the database. Its commit does
      // not wait for the disk: a record lost in a crash goes with the job's end (written with it or after
      // it), and the run is delivered again (at least once, as ever).
      await dialect.runIndependentWrites(
        db,
        [
          repo.updateRunStatement(db, id, version, repo.changedColumns(row, next)),
          ...repo.insertRunLogsStatements(db, logRows(id, change.messages, change.at)),
          ...auditInsertQueries(dialect, audit),
          ...(change.alongside ?? []),
        ],
        { unflushed: true },
      );
      return { ...next, version: version + 1 };
    } catch (error) {
      if (!isStaleWrite(error) || attempt === MAX_STALE_WRITES) throw error;
      row = undefined;
    }
  }
}

/** The run after Portico's change, ended if the change ends it. */
function systemChange(row: repo.RunRow, changes: Partial<repo.RunRow>, at: string): repo.RunRow {
  const next: repo.RunRow = { ...row, ...changes, updated_at: at, updated_by: PORTICO };
  if (isFinal(next.status)) {
    next.ended_at = at;
    next.pending = 0;
  }
  return next;
}

/**
 * Portico's log lines of a run. A line may quote what Portico does not control (a jq error's message, a
 * backend's answer): made storable, since a NUL in it would fail the write, on PostgreSQL, for good.
 */
export const logRows = (runId: string, messages: string[], at: string): repo.RunLogRow[] =>
  messages.map((message) => ({
    id: orderedId('log_'),
    run_id: runId,
    message: storableText(message),
    created_by: PORTICO,
    created_at: at,
  }));
