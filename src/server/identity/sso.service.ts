import { jwtVerify, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { isTeamName, isUserEmail } from '../../core/identifiers.js';
import { TEAM_BLUEPRINT, TEAM_PROVIDER, USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { EntityService, WriteOptions } from '../catalog/entity.service.js';
import type { OidcConfig } from '../config.js';
import { DomainError, forbidden, unauthenticated, unavailable } from '../errors.js';
import { systemActor, type Actor } from './actor.js';
import type { SessionService, StartedSession } from './session.service.js';
import { providerOf } from './sso-teams.js';

/** What the browser keeps between leaving for the provider and coming back: signed, in a cookie. */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

export type SsoService = ReturnType<typeof createSsoService>;

const PENDING_SECONDS = 10 * 60;
const UPSERT: WriteOptions = {
  mode: 'merge',
  createIfMissing: true,
  createMissingRelatedEntities: false,
  validationOnly: false,
};

// Browsers drop tabs and newlines from URLs and read a backslash as a slash, so "/\t/evil.example" is
// "//evil.example" to them: such characters are refused outright rather than interpreted.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f\\]/;
const THIS_SITE = 'http://portico.invalid';

/**
 * Only a path on this site: a value that still names this origin once parsed as a URL against it, without
 * control characters or backslashes; it goes back as parsed (path, query, fragment). Anything else is "/".
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || UNSAFE_IN_PATH.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, THIS_SITE);
  } catch {
    return '/';
  }
  // A path that resolves to `//host` (from `/.//host`, `/..//host`) would leave the site once the browser
  // reads the Location header.
  if (url.origin !== THIS_SITE || value.startsWith('//') || url.pathname.startsWith('//')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * OpenID Connect single sign-on (authorisation code flow with PKCE, state and nonce, by openid-client).
 * A person who signs in becomes (or stays) the _user of their email, Active, in the teams the configured
 * claim lists, which are created when missing; the provider is the source of that membership.
 */
export function createSsoService(
  config: OidcConfig,
  entities: EntityService,
  sessions: SessionService,
  signingKey: Uint8Array,
) {
  const redirectUri = `${config.publicUrl}/auth/sso/callback`;
  let discovered: Promise<oidc.Configuration> | undefined;

  /** The provider's metadata, fetched at the first sign-in and kept; a failed fetch is retried next time. */
  function provider(): Promise<oidc.Configuration> {
    discovered ??= oidc
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
        // A provider on plain http is only for local set-ups and tests; production issuers use https.
        ...(new URL(config.issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw unavailable(
          `the sign-in provider ${config.issuer} cannot be reached: ${(error as Error).message}`,
        );
      });
    return discovered;
  }

  /** The provider's sign-in URL, and the signed pending state for the cookie. */
  async function begin(returnTo: unknown): Promise<{ url: string; pending: string }> {
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      returnTo: safeReturnPath(returnTo),
    };
    const url = oidc.buildAuthorizationUrl(await provider(), {
      redirect_uri: redirectUri,
      scope: config.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const signed = await new SignJWT({ ...pending })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('portico-sso')
      .setExpirationTime(`${PENDING_SECONDS}s`)
      .sign(signingKey);
    return { url: url.href, pending: signed };
  }

  /** Finishes the sign-in the provider sent back to `callbackUrl`: a session, and where to go. */
  async function complete(
    callbackUrl: URL,
    pendingCookie: string | undefined,
  ): Promise<StartedSession & { returnTo: string }> {
    const pending = await readPending(pendingCookie);
    const configuration = await provider();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(
        configuration,
        callbackUrl,
        {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
        // The provider compares it with the one the sign-in started with, whatever host the request used.
        { redirect_uri: redirectUri },
      );
      const idClaims = tokens.claims()!;
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...userInfo };
    } catch (error) {
      throw unauthenticated(`the sign-in provider's answer was refused: ${(error as Error).message}`);
    }
    // The person's user, whatever the case it was stored with (emails ignore case).
    const claimed = emailOf(claims);
    const email = (await sessions.storedEmail(claimed)) ?? claimed;
    const teams = teamsOf(claims);
    const actor: Actor = { ...systemActor(email), origin: 'UI' };
    // A disabled user is refused before anything is written (not even the teams of the claim).
    const existing = await findEntity(actor, USER_BLUEPRINT, email);
    if (existing?.properties.status === 'Disabled') throw unauthenticated(`user "${email}" is disabled`);
    if (teams) await ensureTeams(actor, teams);
    const memberOf = teams && (await withClaimedTeams(actor, existing?.team ?? [], teams));
    await syncUser(actor, email, existing !== undefined, claims, memberOf);
    return { ...(await sessions.signInAs(email, 'sso')), returnTo: pending.returnTo };
  }

  async function readPending(cookie: string | undefined): Promise<PendingSignIn> {
    if (!cookie) throw unauthenticated('the sign-in was not started here, or took longer than 10 minutes');
    try {
      const { payload } = await jwtVerify(cookie, signingKey, {
        audience: 'portico-sso',
        algorithms: ['HS256'],
      });
      return payload as unknown as PendingSignIn;
    } catch {
      throw unauthenticated('the sign-in was not started here, or took longer than 10 minutes');
    }
  }

  function emailOf(claims: Record<string, unknown>): string {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!isUserEmail(email)) throw forbidden('the sign-in provider did not give an email address');
    if (claims.email_verified === false) throw forbidden(`the email address "${email}" is not verified`);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (config.allowedDomains.length && !config.allowedDomains.includes(domain))
      throw forbidden(`people of "${domain}" may not sign in here`);
    return email;
  }

  /** The teams the claim lists, when one is configured and given; names that are not identifiers are left out. */
  function teamsOf(claims: Record<string, unknown>): string[] | undefined {
    if (!config.teamsClaim || !(config.teamsClaim in claims)) return undefined;
    const raw = claims[config.teamsClaim];
    const names = Array.isArray(raw) ? raw : [raw];
    return [...new Set(names.filter((n): n is string => typeof n === 'string' && isTeamName(n)))];
  }

  /** The entity, or undefined when there is none; other errors are thrown. */
  function findEntity(actor: Actor, blueprint: string, identifier: string) {
    return entities.getEntity(actor, blueprint, identifier).catch((error: unknown) => {
      if ((error as { kind?: string }).kind === 'not_found') return undefined;
      throw error;
    });
  }

  /** The claim's teams, created where missing and from now on managed by this provider (sso-teams.ts). */
  async function ensureTeams(actor: Actor, teams: string[]) {
    if (!teams.length) return;
    const result = await entities.writeEntities(
      actor,
      TEAM_BLUEPRINT,
      teams.map((identifier) => ({ identifier, properties: { [TEAM_PROVIDER]: config.name } })),
      UPSERT,
    );
    if (result.errors.length) throw new DomainError('unprocessable', 'sso_teams', result.errors[0]!.message);
  }

  /** The claim decides the person's single sign-on teams; the teams Portico manages stay as they are. */
  async function withClaimedTeams(actor: Actor, current: string[], claimed: string[]) {
    const kept: string[] = [];
    // A handful of teams per person, read at sign-in only.
    for (const team of current) {
      const entity = await findEntity(actor, TEAM_BLUEPRINT, team);
      if (entity && !providerOf(entity)) kept.push(team);
    }
    return [...new Set([...kept, ...claimed])];
  }

  async function syncUser(
    actor: Actor,
    email: string,
    existing: boolean,
    claims: Record<string, unknown>,
    teams?: string[],
  ) {
    const name = typeof claims.name === 'string' ? claims.name : undefined;
    await entities.writeEntity(
      actor,
      USER_BLUEPRINT,
      {
        identifier: email,
        ...(name ? { title: name } : {}),
        ...(teams ? { team: teams } : {}),
        properties: existing
          ? { status: 'Active' }
          : { port_role: 'Member', port_type: 'Standard', status: 'Active' },
      },
      UPSERT,
    );
  }

  return { begin, complete, name: config.name };
}
