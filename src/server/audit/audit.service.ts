import type { Database } from '../storage/database.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import { forbidden } from '../errors.js';
import { findAuditRecords, type AuditFilter } from './audit.repo.js';

export type AuditService = ReturnType<typeof createAuditService>;

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 10_000;

export function createAuditService(database: Database) {
  async function list(actor: Actor, filter: Partial<AuditFilter>) {
    if (!isAdmin(actor)) throw forbidden('reading the audit log needs the admin role');
    return findAuditRecords(database.db, database.dialect, {
      ...filter,
      limit: filter.limit ?? AUDIT_DEFAULT_LIMIT,
    });
  }
  return { list };
}
