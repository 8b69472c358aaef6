import { createHash, timingSafeEqual } from 'node:crypto';
import { USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { EntityService, WriteOptions } from '../catalog/entity.service.js';
import { DomainError, forbidden, notFound, unauthenticated, unprocessable } from '../errors.js';
import type { Database } from '../storage/database.js';
import { claimOnce } from '../storage/settings.repo.js';
import { actorForUser, isAdmin, systemActor, type Actor, type UserRecord } from './actor.js';
import { checkPasswordRules, hashPassword, verifyPassword } from './password.js';
import { randomSecret } from './secret-hash.js';
import * as repo from './session.repo.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export interface SessionOptions {
  /** A session unused for this long ends (Port: 3 days). */
  idleSeconds: number;
  /** A session ends this long after sign-in, however active (Port: 7 days). */
  absoluteSeconds: number;
  /** How long a password-reset or invitation token stays usable. */
  resetTokenSeconds: number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  idleSeconds: 3 * 24 * 3600,
  absoluteSeconds: 7 * 24 * 3600,
  resetTokenSeconds: 7 * 24 * 3600,
};

export interface StartedSession {
  /** Goes into the http-only cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
  actor: Actor;
}

export type SessionService = ReturnType<typeof createSessionService>;

const MERGE: WriteOptions = {
  mode: 'merge',
  createIfMissing: false,
  createMissingRelatedEntities: false,
  validationOnly: false,
};

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * People's sign-in with a local password (argon2id), browser sessions with idle and absolute expiry and a
 * CSRF token, password changes and one-time reset (or invitation) links. Every request re-reads the
 * session with its user, so signing out, disabling or deleting a user ends its sessions at once.
 */
export function createSessionService(
  { db, dialect, pointReads }: Database,
  entities: EntityService,
  throttle: SignInThrottle,
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
  now = () => Date.now(),
) {
  const iso = (ms = now()) => new Date(ms).toISOString();
  // A session's last use is written at most once a minute (or a tenth of the idle time), not per request.
  const touchAfterMs = Math.min(60_000, (options.idleSeconds * 1000) / 10);

  function activeActor(user: UserRecord, origin: Actor['origin']): Actor {
    const actor = actorForUser(user, origin);
    if (!actor) throw unauthenticated(`user "${user.identifier}" is disabled`);
    return actor;
  }

  async function start(userId: number, actor: Actor, method: string): Promise<StartedSession> {
    const token = randomSecret(32);
    const csrfToken = randomSecret(24);
    const expiresAt = iso(now() + options.absoluteSeconds * 1000);
    await repo.insertSession(db, {
      tokenHash: sha256(token),
      userId,
      csrfToken,
      at: iso(),
      expiresAt,
      method,
    });
    return { token, csrfToken, expiresAt, actor };
  }

  async function signIn(email: string, password: string, address: string): Promise<StartedSession> {
    return throttle.attempt({ account: email, address }, async () => {
      const account = await repo.findUserAccount(db, dialect, email);
      // The hash is checked whatever the account, and a disabled one gets the same answer as a wrong
      // password: neither the answer nor its time tells whether an account exists, is disabled, or the
      // password was right.
      const valid = await verifyPassword(password, account?.passwordHash);
      const actor = account && actorForUser(account.user, 'UI');
      if (!account?.passwordHash || !valid || !actor) throw unauthenticated('email or password is wrong');
      return start(account.userId, actor, 'password');
    });
  }

  /** The email a user is stored under, found ignoring case (emails are one person whatever their case). */
  async function storedEmail(email: string): Promise<string | undefined> {
    return (await repo.findUserAccount(db, dialect, email))?.user.identifier;
  }

  /** A session for a person another way has vouched for (single sign-on). */
  async function signInAs(email: string, method: string): Promise<StartedSession> {
    const account = await repo.findUserAccount(db, dialect, email);
    if (!account) throw unauthenticated(`user "${email}" does not exist`);
    return start(account.userId, activeActor(account.user, 'UI'), method);
  }

  /** The actor of a cookie session; writes (`unsafe`) must carry the session's CSRF token. */
  async function authenticate(
    token: string,
    request: { unsafe: boolean; csrfToken?: string | undefined },
  ): Promise<Actor> {
    return (await checked(token, request)).actor;
  }

  /** The session of `token`, refusing a write that does not repeat its CSRF token. */
  async function checked(token: string, request: { unsafe: boolean; csrfToken?: string | undefined }) {
    const session = await current(token);
    if (request.unsafe && !sameSecret(request.csrfToken, session.csrfToken))
      throw new DomainError(
        'forbidden',
        'invalid_csrf_token',
        'x-csrf-token: a write signed in by cookie needs the header x-csrf-token with the token from /auth/session',
      );
    return session;
  }

  /** The session of `token` as it stands; ends and refuses an expired or idle one. */
  async function current(token: string) {
    const tokenHash = sha256(token);
    const session = await repo.findSession(pointReads, dialect, tokenHash);
    if (!session) throw unauthenticated('the session has ended; sign in again');
    const at = now();
    const expired = Date.parse(session.expiresAt) <= at;
    const idle = Date.parse(session.lastSeenAt) + options.idleSeconds * 1000 <= at;
    if (expired || idle) {
      await repo.deleteSession(db, tokenHash);
      throw unauthenticated(`the session has ${expired ? 'expired' : 'been idle too long'}; sign in again`);
    }
    const actor = activeActor(session.user, 'UI');
    if (at - Date.parse(session.lastSeenAt) >= touchAfterMs) await repo.touchSession(db, tokenHash, iso(at));
    return { ...session, actor };
  }

  /**
   * Ends the session. Ending one is harmless to forge, but a stranger's request must not end someone's
   * session, so the CSRF token is needed; a session that already ended is simply gone.
   */
  async function signOut(token: string | undefined, csrfToken: string | undefined) {
    if (!token) return;
    try {
      await checked(token, { unsafe: true, csrfToken });
    } catch (error) {
      if ((error as { kind?: string }).kind !== 'unauthenticated') throw error;
    }
    await repo.deleteSession(db, sha256(token));
  }

  /** Needs the current password; ends the user's other sessions. */
  async function changePassword(
    token: string,
    csrfToken: string | undefined,
    change: { currentPassword: string; newPassword: string },
    address: string,
  ) {
    const { currentPassword, newPassword } = change;
    const session = await checked(token, { unsafe: true, csrfToken });
    checkPasswordRules(newPassword, 'newPassword');
    await throttle.attempt({ account: session.user.identifier, address }, async () => {
      const account = await repo.findUserAccount(db, dialect, session.user.identifier);
      if (!(await verifyPassword(currentPassword, account?.passwordHash)))
        throw unauthenticated('currentPassword: the current password is wrong');
    });
    await repo.setPassword(db, session.userId, await hashPassword(newPassword), iso());
    await repo.deleteSessionsOf(db, session.userId, sha256(token));
  }

  /**
   * A one-time token that sets the password of `email` (an invitation for a new user, a reset for one who
   * forgot): shown once to the Admin who asks, stored hashed.
   */
  async function issuePasswordToken(actor: Actor, email: string) {
    if (!isAdmin(actor)) throw forbidden('Only an Admin can issue password links');
    const account = await repo.findUserAccount(db, dialect, email);
    if (!account) throw notFound(`User "${email}" does not exist`);
    if (account.user.properties.port_type === 'Service Account')
      throw unprocessable(
        'service_account',
        `user_email: "${email}" is a service account; it signs in with credentials`,
      );
    const token = randomSecret(32);
    const expiresAt = iso(now() + options.resetTokenSeconds * 1000);
    await repo.setResetToken(db, account.userId, sha256(token), expiresAt, iso());
    return { token, expiresAt };
  }

  /** Sets a password from a one-time token; the user becomes Active and every older session ends. */
  async function resetPassword(token: string, password: string, address: string) {
    checkPasswordRules(password, 'password');
    const tokenHash = sha256(token);
    const wrongLink = () =>
      unauthenticated('token: the link is wrong, used or expired; ask an Admin for a new one');
    // Tokens are 256-bit random: counted per address only, so nobody's bogus tokens lock anyone else's link.
    const found = await throttle.attempt({ address }, async () => {
      const match = await repo.findUserByResetToken(db, dialect, tokenHash);
      if (!match || !match.expiresAt || Date.parse(match.expiresAt) <= now()) throw wrongLink();
      activeActor(match.user, 'UI'); // a disabled user's link does nothing
      const passwordHash = await hashPassword(password);
      // Used once: of concurrent uses, the one whose conditional update takes the token wins.
      const consumed = await db.transaction().execute(async (trx) => {
        if (!(await repo.consumeResetToken(trx, match.userId, tokenHash, passwordHash, iso()))) return false;
        await repo.deleteSessionsOf(trx, match.userId);
        return true;
      });
      if (!consumed) throw wrongLink();
      return match;
    });
    // Portico activates the user (a Member may not change its own _user); the audit names the user.
    const actor: Actor = { ...systemActor(found.user.identifier), origin: 'UI' };
    if (found.user.properties.status !== 'Active')
      await entities.writeEntity(
        actor,
        USER_BLUEPRINT,
        { properties: { status: 'Active' } },
        MERGE,
        found.user.identifier,
      );
  }

  /**
   * The first admin of an installation: `email` with `password` from the environment when given (set only
   * while the account has no password, so a changed password is not reset at restart), else generated once
   * on an installation without any password and returned so that it can be printed once.
   */
  async function ensureFirstAdmin(email: string, password?: string) {
    if (password) checkPasswordRules(password, 'PORTICO_ADMIN_PASSWORD');
    else if ((await repo.countLocalAccounts(db)) > 0 || !(await claimOnce(db, 'first_admin_created')))
      return undefined;
    let account = await repo.findUserAccount(db, dialect, email);
    if (account?.passwordHash) return undefined;
    if (!account) {
      const properties = { port_role: 'Admin', port_type: 'Standard', status: 'Active' };
      await entities.writeEntity(
        systemActor(),
        USER_BLUEPRINT,
        { identifier: email, title: 'Admin', properties },
        { ...MERGE, mode: 'create' },
      );
      account = (await repo.findUserAccount(db, dialect, email))!;
    }
    const chosen = password ?? randomSecret(18);
    await repo.setPassword(db, account.userId, await hashPassword(chosen), iso());
    return password ? undefined : { email, password: chosen };
  }

  return {
    signIn,
    signInAs,
    storedEmail,
    authenticate,
    current,
    signOut,
    changePassword,
    issuePasswordToken,
    resetPassword,
    ensureFirstAdmin,
  };
}
