import { insertAuditRecords } from '../audit/audit.repo.js';
import { systemActor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { runAudit } from './run-create.js';
import { orderedId } from './run-ids.js';
import { isFinal } from './run-report.js';
import * as repo from './run.repo.js';

/** Who writes what Portico itself records on runs (delivery attempts, failures). */
export const PORTICO = 'portico';

/**
 * Portico's own change of a run, inside `trx`: applied to the run as it is now (locked on PostgreSQL),
 * with log lines, unless the run has ended meanwhile (a backend's report wins). Answers the run written,
 * or undefined when nothing was.
 */
export async function updateRunAsSystem(
  trx: Db,
  dialect: Dialect,
  id: string,
  changes: Partial<repo.RunRow>,
  messages: string[],
  at: string,
): Promise<repo.RunRow | undefined> {
  const row = await repo.findRun(trx, dialect, id, true);
  if (!row || isFinal(row.status)) return undefined;
  const next: repo.RunRow = { ...row, ...changes, updated_at: at, updated_by: PORTICO };
  if (isFinal(next.status)) {
    next.ended_at = at;
    next.pending = 0;
  }
  const { id: _id, version, ...values } = next;
  void _id;
  // The row is locked (PostgreSQL) or the only writer is ours (SQLite): the version cannot have moved.
  await repo.updateRun(trx, id, version, values);
  await repo.insertRunLogs(
    trx,
    messages.map((message) => ({
      id: orderedId('log_'),
      run_id: id,
      message,
      created_by: PORTICO,
      created_at: at,
    })),
  );
  if (next.status !== row.status)
    await insertAuditRecords(trx, dialect, [runAudit(systemActor(PORTICO), next, 'UPDATE')]);
  return next;
}
