import type { AuditRecord } from '../audit/audit.repo.js';
import type { Actor } from './actor.js';
import type { PortApp } from './app-credentials.service.js';

/** What the audit log keeps of credentials: never the secret, nor its hash. */
const recorded = ({ secret: _secret, ...app }: PortApp) => app;

/**
 * A change of credentials (created, renamed, rotated, revoked), found by its client id; `before` and
 * `after` are Port's app as GET /v1/apps answers it, null where there was none.
 */
export function credentialAuditRecord(
  actor: Actor,
  at: string,
  action: AuditRecord['action'],
  before: PortApp | null,
  after: PortApp | null,
  message?: string,
): AuditRecord {
  const app = (after ?? before)!;
  return {
    at,
    resourceType: 'credentials',
    action,
    status: 'SUCCESS',
    identifier: app.id,
    blueprint: null,
    entity: null,
    actor: actor.id,
    origin: actor.origin,
    context: { credentials: app.id, user: app.user },
    diff: { before: before && recorded(before), after: after && recorded(after) },
    ...(message ? { message } : {}),
  };
}
