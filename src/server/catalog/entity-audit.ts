import type { Entity } from '../../core/entity.js';
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

/**
 * A team renamed (`to`) or deleted (null) changes the `team` of every entity and user it owned or had as
 * members: one UPDATE record each, as if each had been written.
 */
export function teamChangeAudits(actor: Actor, at: string, owned: Entity[], from: string, to: string | null) {
  return owned.map((before) => {
    const team = before.team.flatMap((t) => (t === from ? (to === null ? [] : [to]) : [t]));
    const after = { ...before, team, updatedAt: at, updatedBy: actor.id };
    return entityAuditRecord(actor, at, 'UPDATE', before.identifier, before.blueprint, before, after);
  });
}
