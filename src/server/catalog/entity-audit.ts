import type { AuditRecord } from '../audit/audit.repo.js';
import type { Actor } from '../identity/actor.js';

export function entityAuditRecord(
  actor: Actor,
  at: string,
  action: AuditRecord['action'],
  identifier: string,
  blueprint: string,
  before: unknown,
  after: unknown,
): AuditRecord {
  return {
    at,
    resourceType: 'entity',
    action,
    status: 'SUCCESS',
    identifier,
    blueprint,
    entity: identifier,
    actor: actor.id,
    origin: actor.origin,
    context: { blueprint, entity: identifier },
    diff: { before, after },
  };
}
