import { insertAuditRecords } from '../audit/audit.repo.js';
import { unavailable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Database } from '../storage/database.js';
import { verifyMasterKey } from './key-check.js';
import { seal, unseal } from './secret-crypto.js';
import * as repo from './secret.repo.js';
import {
  checkSecretChange,
  checkSecretName,
  requireAdmin,
  secretAuditRecord,
  secretMissing,
  secretTaken,
  toSecretMetadata,
  type NewSecret,
  type SecretChange,
  type SecretMetadata,
} from './secret-rules.js';

export type { NewSecret, SecretChange, SecretMetadata } from './secret-rules.js';

/** The installation's master key and where it came from (for messages). */
export interface SecretsKey {
  key: Uint8Array;
  source: string;
}

export type SecretService = Awaited<ReturnType<typeof createSecretService>>;

/** Up to this many names are looked up by name; more, and every secret is read and picked in memory. */
const NAMES_PER_QUERY = 500;

/** The cipher's associated data: a value unseals only under the name it was sealed for. */
const associatedData = (name: string) => `organization_secrets:${name}`;

/**
 * Organisation secrets: write-only values, encrypted at rest, managed by Admins. Values leave this service
 * only through `valuesForTemplates`, which is for Portico's own code (action runs), never for a route.
 * Without a master key (an app built for its OpenAPI document) writes and values answer 503.
 * Throws ConfigError when `secretsKey` is not the key this database's secrets are encrypted with.
 */
export async function createSecretService(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  secretsKey: SecretsKey | undefined,
  now = () => new Date().toISOString(),
) {
  if (secretsKey) await verifyMasterKey(db, secretsKey.key, secretsKey.source);

  function masterKey(): Uint8Array {
    if (!secretsKey)
      throw unavailable('organization secrets need a master key: set PORTICO_SECRETS_KEY (docs/secrets.md)');
    return secretsKey.key;
  }

  async function list(actor: Actor): Promise<SecretMetadata[]> {
    requireAdmin(actor, 'read');
    return (await repo.listSecretMetadata(db)).map(toSecretMetadata);
  }

  async function get(actor: Actor, name: string): Promise<SecretMetadata> {
    requireAdmin(actor, 'read');
    const row = await repo.findSecret(db, dialect, name);
    if (!row) throw secretMissing(name);
    return toSecretMetadata(row);
  }

  async function create(actor: Actor, input: NewSecret): Promise<SecretMetadata> {
    requireAdmin(actor, 'create');
    checkSecretName(input.secretName);
    checkSecretChange(input);
    const key = masterKey();
    const name = input.secretName;
    const at = now();
    const row = {
      name,
      description: input.description ?? null,
      ...seal(key, input.secretValue, associatedData(name)),
      created_at: at,
      created_by: actor.id,
      updated_at: at,
      updated_by: actor.id,
    };
    return db.transaction().execute(async (trx) => {
      if (!(await repo.insertSecret(trx, row))) throw secretTaken(name);
      const created = toSecretMetadata(row);
      await insertAuditRecords(trx, dialect, [secretAuditRecord(actor, at, 'CREATE', null, created)]);
      return created;
    });
  }

  /**
   * Writes only what `change` holds, on the row locked for the transaction: concurrent changes of one
   * secret apply one after another, each on top of the last, so none is lost.
   */
  async function update(actor: Actor, name: string, change: SecretChange): Promise<SecretMetadata> {
    requireAdmin(actor, 'change');
    checkSecretChange(change);
    const key = masterKey();
    return db.transaction().execute(async (trx) => {
      const row = await repo.findSecret(trx, dialect, name, true);
      if (!row) throw secretMissing(name);
      const before = toSecretMetadata(row);
      if (change.secretValue === undefined && change.description === undefined) return before;
      const at = now();
      const changes: repo.SecretChanges = {
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.secretValue !== undefined ? seal(key, change.secretValue, associatedData(name)) : {}),
        updated_at: at,
        updated_by: actor.id,
      };
      await repo.updateSecret(trx, name, changes);
      const after = toSecretMetadata({ ...row, ...changes });
      const message = change.secretValue !== undefined ? 'Value replaced' : undefined;
      await insertAuditRecords(trx, dialect, [
        secretAuditRecord(actor, at, 'UPDATE', before, after, message),
      ]);
      return after;
    });
  }

  async function remove(actor: Actor, name: string): Promise<void> {
    requireAdmin(actor, 'delete');
    await db.transaction().execute(async (trx) => {
      const row = await repo.findSecret(trx, dialect, name, true);
      if (!row || !(await repo.deleteSecret(trx, name))) throw secretMissing(name);
      const record = secretAuditRecord(actor, now(), 'DELETE', toSecretMetadata(row), null);
      await insertAuditRecords(trx, dialect, [record]);
    });
  }

  /**
   * The decrypted values by name, of the secrets named (every secret without `names`; names that do not
   * exist are left out), for rendering `.secrets.NAME` in templates and for redactSecrets. The object has
   * no prototype, so a secret named `__proto__` or `constructor` is a plain entry. For Portico's own code
   * only: it checks no actor. Throws UnsealError naming the secret whose stored value was tampered with.
   */
  async function valuesForTemplates(names?: readonly string[]): Promise<Record<string, string>> {
    const key = masterKey();
    const wanted = names ? new Set(names) : undefined;
    const byName = wanted && wanted.size <= NAMES_PER_QUERY ? [...wanted] : undefined;
    const values = Object.create(null) as Record<string, string>;
    if (wanted?.size === 0) return values;
    for (const row of await repo.findSecrets(db, byName)) {
      if (wanted && !wanted.has(row.name)) continue;
      values[row.name] = unseal(key, row, associatedData(row.name), `secret "${row.name}"`);
    }
    return values;
  }

  return { list, get, create, update, remove, valuesForTemplates };
}
