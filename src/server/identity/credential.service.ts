import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { deepFreeze } from '../../core/deep-freeze.js';
import { unauthenticated } from '../errors.js';
import type { Database } from '../storage/database.js';
import { batchedReads } from '../storage/batched-reads.js';
import { changeCounters } from '../storage/change-counters.js';
import { claimOnce } from '../storage/settings.repo.js';
import { loadSigningKey } from './signing-key.js';
import { actorForUser, automationActor, type Actor } from './actor.js';
import * as repo from './credential.repo.js';
import { DECOY_HASH, hashSecret, randomSecret, verifySecret } from './secret-hash.js';

export interface AccessToken {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export type CredentialService = Awaited<ReturnType<typeof createCredentialService>>;

const ISSUER = 'portico';
const VERIFIED_TOKENS = 10_000;
/** Credentials kept in memory at most; all are forgotten when more come. */
const KNOWN_CREDENTIALS = 10_000;

interface VerifiedToken {
  subject: string;
  generation: unknown;
  /** An automation's token: the automation it stands for. */
  automation?: unknown;
  /** When the token expires, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * Machine credentials (client id + secret, stored hashed) exchanged for signed, expiring bearer tokens.
 * A token names its credential and the credential's generation; each request reads both back with the
 * credential's user, so a revoked or rotated credential, or a disabled or deleted user, stops at once.
 */
export async function createCredentialService(database: Database, options: { tokenTtlSeconds: number }) {
  const { db, dialect } = database;
  const key = await loadSigningKey(db);
  // Imported once: given the key's bytes, jose imports them again for every token it verifies, which was a
  // tenth of the CPU time of a request such as POST /v1/actions/{id}/runs.
  const verifyingKey = await crypto.subtle.importKey(
    'raw',
    Uint8Array.from(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );

  // Requests arriving together read their credentials in one query.
  const readCredential = batchedReads((clientIds: readonly string[]) =>
    repo.findCredentials(database.pointReads, dialect, clientIds),
  );
  const counters = changeCounters(database);
  // Credentials with their users, kept while the `identity` counter (raised by every change of credentials
  // and users, on any replica) stays as it was when they were read: a client sends one token with every
  // request, and reading its credential was most of a small read's database work. A revoked credential or
  // a disabled user is refused at the next request, as before.
  const known = new Map<string, { counter: number; credential: repo.CredentialWithUser | undefined }>();

  async function currentCredential(clientId: string) {
    const counter = await counters('identity');
    const kept = known.get(clientId);
    if (kept?.counter === counter) return kept.credential;
    // Read after the counter: what is read is at least as new as the counter says.
    const credential = await readCredential(clientId);
    if (known.size >= KNOWN_CREDENTIALS) known.clear();
    const latest = known.get(clientId);
    if (!latest || latest.counter <= counter)
      known.set(clientId, { counter, credential: deepFreeze(credential) });
    return credential;
  }

  async function issueToken(clientId: string, clientSecret: string): Promise<AccessToken> {
    const credential = await repo.findCredential(db, dialect, clientId);
    const valid = await verifySecret(clientSecret, credential?.secretHash ?? DECOY_HASH);
    if (!credential || !valid || credential.revokedAt)
      throw unauthenticated('clientId or clientSecret is wrong');
    actorOf(credential, 'API'); // refuses a disabled or deleted user before a token exists
    const accessToken = await new SignJWT({ gen: credential.generation })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(credential.clientId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${options.tokenTtlSeconds}s`)
      .sign(key);
    return { accessToken, expiresIn: options.tokenTtlSeconds, tokenType: 'Bearer' };
  }

  /**
   * A token of an automation's own identity, for its WEBHOOKs to Portico's own API (served in this process:
   * the token never travels), valid for minutes.
   */
  async function issueAutomationToken(identifier: string, ttlSeconds = 300): Promise<string> {
    return new SignJWT({ automation: identifier })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(automationActor(identifier).id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(key);
  }

  async function authenticate(authorization: string | undefined, origin: Actor['origin']): Promise<Actor> {
    if (!authorization)
      throw unauthenticated('Authorization header is missing: send "Authorization: Bearer <token>"');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
    const { subject, generation, automation } = await verifiedToken(match[1]!);
    if (typeof automation === 'string') return automationActor(automation);
    const credential = await currentCredential(subject);
    if (!credential || credential.revokedAt)
      throw unauthenticated('the credential of this token was revoked');
    if (generation !== credential.generation)
      throw unauthenticated('the secret of this token was rotated; request a new token');
    return actorOf(credential, origin);
  }

  // Tokens whose signature was verified, until they expire: a client sends the same token with every
  // request, and checking its HMAC through WebCrypto took a tenth of a small request's CPU time. The
  // credential and its user are still read on every request.
  const verified = new Map<string, VerifiedToken>();

  async function verifiedToken(token: string): Promise<VerifiedToken> {
    const known = verified.get(token);
    if (known && Date.now() < known.expiresAt) return known;
    verified.delete(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, verifyingKey, { issuer: ISSUER, algorithms: ['HS256'] }));
    } catch (error) {
      throw unauthenticated(
        error instanceof joseErrors.JWTExpired
          ? 'the access token has expired; request a new one'
          : 'the access token is invalid',
      );
    }
    const result = {
      subject: String(payload.sub),
      generation: payload.gen,
      automation: payload.automation,
      expiresAt: (payload.exp ?? 0) * 1000,
    };
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, result);
    return result;
  }

  /**
   * The admin credential: from the environment when given (its secret follows the environment), else
   * generated once on an empty installation and returned so that it can be printed once.
   */
  async function ensureAdminCredential(clientId?: string, clientSecret?: string) {
    const now = new Date().toISOString();
    if (clientId && clientSecret) {
      const existing = await repo.findCredential(db, dialect, clientId);
      if (!existing)
        await repo.insertCredential(db, {
          clientId,
          secretHash: await hashSecret(clientSecret),
          label: 'admin (environment)',
          role: 'admin',
          createdAt: now,
        });
      else if (!(await verifySecret(clientSecret, existing.secretHash)))
        await repo.replaceSecret(db, clientId, await hashSecret(clientSecret), now);
      return undefined;
    }
    if ((await repo.countCredentials(db)) > 0 || !(await claimOnce(db, 'admin_credential_generated')))
      return undefined;
    const generated = { clientId: `portico_${randomSecret(9)}`, clientSecret: randomSecret(32) };
    await repo.insertCredential(db, {
      clientId: generated.clientId,
      secretHash: await hashSecret(generated.clientSecret),
      label: 'admin (generated at first start)',
      role: 'admin',
      createdAt: now,
    });
    return generated;
  }

  return { issueToken, issueAutomationToken, authenticate, ensureAdminCredential };
}

/** The actor a credential stands for: the installation, or its user as the user is now. */
function actorOf(credential: repo.CredentialWithUser, origin: Actor['origin']): Actor {
  const base = { origin, clientId: credential.clientId };
  if (credential.userId === null)
    return {
      ...base,
      kind: 'installation',
      id: credential.clientId,
      role: credential.role === 'admin' ? 'admin' : 'member',
      moderates: [],
      teams: [],
    };
  const user = credential.user;
  if (!user) throw unauthenticated('the user of this credential no longer exists');
  const actor = actorForUser(user, origin);
  if (!actor) throw unauthenticated(`user "${user.identifier}" is disabled`);
  return { ...actor, clientId: credential.clientId };
}
