import type { AuditRecord } from '../audit/audit.repo.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { SecretMetadataRow } from './secret.repo.js';

/** Port's pattern for a secret's name (letters, digits, '-' and '_'), as JSON Schema writes it. */
export const SECRET_NAME_PATTERN = '^[A-Za-z0-9-_]*$';
export const SECRET_NAME_MAX = 100;
export const SECRET_DESCRIPTION_MAX = 200;
/** Characters of a value: room for a certificate chain or a kubeconfig, not for files. */
export const SECRET_VALUE_MAX = 65_536;

const NAME = /^[A-Za-z0-9_-]+$/;

/** What anyone may learn of a secret (Port's shape): never its value. */
export interface SecretMetadata {
  secretName: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewSecret {
  secretName: string;
  secretValue: string;
  description?: string;
}

export interface SecretChange {
  secretValue?: string;
  description?: string;
}

export function toSecretMetadata(row: SecretMetadataRow): SecretMetadata {
  return {
    secretName: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Secrets are the organisation's: only an Admin manages them, or reads even their names. */
export function requireAdmin(actor: Actor, doing: string) {
  if (!isAdmin(actor)) throw forbidden(`Only an Admin can ${doing} organization secrets`);
}

/** The rules the route schemas state too, for callers other than HTTP. Messages never hold a value. */
export function checkSecretName(name: unknown, field = 'secretName') {
  if (typeof name !== 'string' || name.length > SECRET_NAME_MAX || !NAME.test(name))
    throw invalid(
      field,
      `${field} must be 1 to ${SECRET_NAME_MAX} letters, digits, '-' or '_' (pattern ${SECRET_NAME_PATTERN})`,
    );
}

export function checkSecretChange(change: SecretChange) {
  const { secretValue, description } = change;
  if (
    secretValue !== undefined &&
    (typeof secretValue !== 'string' || secretValue.length < 1 || secretValue.length > SECRET_VALUE_MAX)
  )
    throw invalid('secretValue', `secretValue must be text of 1 to ${SECRET_VALUE_MAX} characters`);
  if (
    description !== undefined &&
    (typeof description !== 'string' || description.length > SECRET_DESCRIPTION_MAX)
  )
    throw invalid('description', `description must be text of at most ${SECRET_DESCRIPTION_MAX} characters`);
}

const invalid = (field: string, message: string) => unprocessable('invalid_secret', message, { field });

export const secretMissing = (name: string) => notFound(`Secret "${name}" was not found`);

export const secretTaken = (name: string) =>
  conflict(
    'secret_exists',
    `secretName: a secret named "${name}" already exists; change its value with PATCH /v1/organization/secrets/${name}`,
    { field: 'secretName' },
  );

/** A change of a secret for the audit log: its metadata before and after, never the value. */
export function secretAuditRecord(
  actor: Actor,
  at: string,
  action: AuditRecord['action'],
  before: SecretMetadata | null,
  after: SecretMetadata | null,
  message?: string,
): AuditRecord {
  const name = (after ?? before)!.secretName;
  return {
    at,
    resourceType: 'secret',
    action,
    status: 'SUCCESS',
    identifier: name,
    blueprint: null,
    entity: null,
    actor: actor.id,
    origin: actor.origin,
    context: { secret: name },
    diff: { before, after },
    ...(message ? { message } : {}),
  };
}
