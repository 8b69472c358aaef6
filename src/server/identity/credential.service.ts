import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from '../errors.js';
import type { Database } from '../storage/database.js';
import type { Actor } from './actor.js';
import { claimOnce, getOrCreateSetting } from '../storage/settings.repo.js';
import * as repo from './credential.repo.js';
import { DECOY_HASH, hashSecret, randomSecret, verifySecret } from './secret-hash.js';

export interface AccessToken {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export type CredentialService = Awaited<ReturnType<typeof createCredentialService>>;

const ISSUER = 'portico';

/** Machine credentials (client id + secret, stored hashed) exchanged for signed, expiring bearer tokens. */
export async function createCredentialService(database: Database, options: { tokenTtlSeconds: number }) {
  const { db } = database;
  // One signing key per installation, kept in the database so that every replica verifies every token.
  const key = Buffer.from(
    await getOrCreateSetting(db, 'token_signing_key', () => randomSecret(32)),
    'base64url',
  );

  async function issueToken(clientId: string, clientSecret: string): Promise<AccessToken> {
    const credential = await repo.findCredential(db, clientId);
    const valid = await verifySecret(clientSecret, credential?.secret_hash ?? DECOY_HASH);
    if (!credential || !valid || credential.revoked_at)
      throw unauthenticated('clientId or clientSecret is wrong');
    const accessToken = await new SignJWT({ role: credential.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(credential.client_id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${options.tokenTtlSeconds}s`)
      .sign(key);
    return { accessToken, expiresIn: options.tokenTtlSeconds, tokenType: 'Bearer' };
  }

  async function authenticate(authorization: string | undefined, origin: Actor['origin']): Promise<Actor> {
    if (!authorization)
      throw unauthenticated('Authorization header is missing: send "Authorization: Bearer <token>"');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
    let subject: string;
    try {
      const { payload } = await jwtVerify(match[1]!, key, { issuer: ISSUER, algorithms: ['HS256'] });
      subject = String(payload.sub);
    } catch (error) {
      throw unauthenticated(
        error instanceof joseErrors.JWTExpired
          ? 'the access token has expired; request a new one'
          : 'the access token is invalid',
      );
    }
    const credential = await repo.findCredential(db, subject);
    if (!credential || credential.revoked_at)
      throw unauthenticated('the credential of this token was revoked');
    return {
      kind: 'credential',
      id: credential.client_id,
      role: credential.role === 'admin' ? 'admin' : 'member',
      origin,
    };
  }

  /**
   * The admin credential: from the environment when given (its secret follows the environment), else
   * generated once on an empty installation and returned so that it can be printed once.
   */
  async function ensureAdminCredential(clientId?: string, clientSecret?: string) {
    const now = new Date().toISOString();
    if (clientId && clientSecret) {
      const existing = await repo.findCredential(db, clientId);
      if (!existing)
        await repo.insertCredential(db, {
          clientId,
          secretHash: await hashSecret(clientSecret),
          label: 'admin (environment)',
          role: 'admin',
          createdAt: now,
        });
      else if (!(await verifySecret(clientSecret, existing.secret_hash)))
        await repo.updateCredentialSecret(db, clientId, await hashSecret(clientSecret));
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

  return { issueToken, authenticate, ensureAdminCredential };
}
