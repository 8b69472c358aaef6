import { insertAuditRecords } from '../audit/audit.repo.js';
import type { PortApp } from '../../core/credentials.js';
import { forbidden, notFound, unprocessable } from '../errors.js';
import type { Database, Db } from '../storage/database.js';
import { isAdmin, type Actor } from './actor.js';
import { credentialAuditRecord } from './credential-audit.js';
import * as repo from './credential.repo.js';
import { findUserRowId } from './user.repo.js';
import { hashSecret, randomSecret } from './secret-hash.js';

export type { PortApp } from '../../core/credentials.js';

export type AppCredentialService = ReturnType<typeof createAppCredentialService>;

/** A fresh client id and secret, and the hash that is all Portico keeps of the secret. */
export async function newClientCredentials() {
  const clientId = `portico_${randomSecret(12)}`;
  const clientSecret = randomSecret(32);
  return { clientId, clientSecret, secretHash: await hashSecret(clientSecret) };
}

/**
 * Client id/secret pairs of users and service accounts (Port's /v1/apps). Each user manages its own; an
 * Admin manages everyone's. Secrets are shown once, when created or rotated. Every change writes its audit
 * record in its own transaction.
 */
export function createAppCredentialService({ db, dialect }: Database, now = () => new Date().toISOString()) {
  const toApp = (c: repo.CredentialWithUser, secret?: string): PortApp => ({
    id: c.clientId,
    name: c.label,
    enabled: c.revokedAt === null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt ?? c.createdAt,
    user: c.user?.identifier ?? null,
    ...(secret ? { secret } : {}),
  });

  /** The row id of the caller's own _user entity; the installation's credentials have none. */
  async function ownUserId(actor: Actor, source: Db = db): Promise<number | undefined> {
    if (actor.kind !== 'user' && actor.kind !== 'service_account') return undefined;
    return findUserRowId(source, actor.id);
  }

  /** A credential the actor may manage; anything else is "not found", so ids of others do not leak. */
  async function manageable(actor: Actor, id: string, source: Db = db) {
    const credential = await repo.findCredential(source, dialect, id);
    const mine = credential?.userId != null && credential.userId === (await ownUserId(actor, source));
    if (!credential || credential.revokedAt || (!isAdmin(actor) && !mine))
      throw notFound(`Credentials "${id}" were not found`);
    return credential;
  }

  async function list(actor: Actor): Promise<PortApp[]> {
    if (isAdmin(actor)) return (await repo.listCredentials(db, dialect)).map((c) => toApp(c));
    const userId = await ownUserId(actor);
    return userId === undefined ? [] : (await repo.listCredentials(db, dialect, userId)).map((c) => toApp(c));
  }

  /** New credentials for `user` (an email; the caller's own user when absent). */
  async function create(actor: Actor, input: { name: string; user?: string }): Promise<PortApp> {
    const email =
      input.user ?? (actor.kind === 'user' || actor.kind === 'service_account' ? actor.id : undefined);
    if (!email)
      throw unprocessable(
        'user_required',
        'user: the caller is not a user; name the user the credentials are for',
      );
    if (email !== actor.id && !isAdmin(actor))
      throw forbidden('Only an Admin can create credentials for another user');
    const userId = await findUserRowId(db, email);
    if (userId === undefined) throw unprocessable('user_not_found', `user: user "${email}" does not exist`);
    const fresh = await newClientCredentials();
    const at = now();
    const created = await db.transaction().execute(async (trx) => {
      await repo.insertCredential(trx, {
        clientId: fresh.clientId,
        secretHash: fresh.secretHash,
        label: input.name,
        role: 'member',
        createdAt: at,
        userId,
      });
      const app = toApp((await repo.findCredential(trx, dialect, fresh.clientId))!);
      await insertAuditRecords(trx, dialect, [credentialAuditRecord(actor, at, 'CREATE', null, app)]);
      return app;
    });
    return { ...created, secret: fresh.clientSecret };
  }

  /** Reads the credentials, changes them and records the change, in one transaction. */
  function change(
    actor: Actor,
    id: string,
    write: (trx: Db, at: string, before: repo.CredentialWithUser) => Promise<void>,
    message?: string,
  ): Promise<PortApp> {
    const at = now();
    return db.transaction().execute(async (trx) => {
      const before = await manageable(actor, id, trx);
      await write(trx, at, before);
      const after = toApp((await repo.findCredential(trx, dialect, id))!);
      const record = credentialAuditRecord(actor, at, 'UPDATE', toApp(before), after, message);
      await insertAuditRecords(trx, dialect, [record]);
      return after;
    });
  }

  async function rotate(actor: Actor, id: string): Promise<PortApp> {
    await manageable(actor, id);
    const secret = randomSecret(32);
    const secretHash = await hashSecret(secret);
    const rotated = await change(
      actor,
      id,
      (trx, at) => repo.replaceSecret(trx, id, secretHash, at),
      'Secret rotated',
    );
    return { ...rotated, secret };
  }

  async function rename(actor: Actor, id: string, name: string): Promise<PortApp> {
    return change(actor, id, (trx, at) => repo.renameCredential(trx, id, name, at));
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const credential = await manageable(actor, id, trx);
      if (credential.userId === null && actor.clientId === id)
        throw unprocessable('credential_in_use', 'id: these are the credentials this request is signed with');
      await repo.deleteCredential(trx, id);
      const record = credentialAuditRecord(actor, now(), 'DELETE', toApp(credential), null);
      await insertAuditRecords(trx, dialect, [record]);
    });
  }

  /** Port's POST /v1/rotate-credentials/{email}: new secrets for all of a user's credentials (one if none). */
  async function rotateUser(actor: Actor, email: string): Promise<PortApp[]> {
    if (email !== actor.id && !isAdmin(actor))
      throw forbidden("Only an Admin can rotate another user's credentials");
    const userId = await findUserRowId(db, email);
    if (userId === undefined) throw notFound(`User "${email}" does not exist`);
    const existing = await repo.listCredentials(db, dialect, userId);
    if (!existing.length) return [await create(actor, { name: 'credentials', user: email })];
    const rotated: PortApp[] = [];
    for (const credential of existing) rotated.push(await rotate(actor, credential.clientId));
    return rotated;
  }

  return { list, create, rotate, rename, remove, rotateUser };
}
