import { unauthenticated } from '../errors.js';
import type { Actor } from './actor.js';
import type { CredentialService } from './credential.service.js';
import type { SessionService } from './session.service.js';

export const SESSION_COOKIE = 'portico_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Who sent each request, once the onRequest hook has authenticated it (requests of public routes have none).
const actors = new WeakMap<object, Actor>();

export function rememberActor(request: object, actor: Actor) {
  actors.set(request, actor);
}

/**
 * The caller of a request. A request nobody authenticated (a public route) has none, and asking for it is a
 * 401, so a route that forgets to require a caller still cannot act for nobody.
 */
export function actorOf(request: object): Actor {
  const actor = actors.get(request);
  if (!actor)
    throw unauthenticated('this route needs a caller: send "Authorization: Bearer <token>", or sign in');
  return actor;
}

export interface IncomingRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
}

/**
 * Who sent a request: a bearer token (API clients; origin API) or else the session cookie (the browser;
 * origin UI, with the CSRF token on writes). A request with both is judged by its token.
 */
export function createRequestAuthenticator(credentials: CredentialService, sessions: SessionService) {
  return async function authenticate(request: IncomingRequest): Promise<Actor> {
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string') return credentials.authenticate(authorization, 'API');
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const csrf = request.headers[CSRF_HEADER];
      return sessions.authenticate(token, {
        unsafe: !SAFE_METHODS.has(request.method),
        ...(typeof csrf === 'string' ? { csrfToken: csrf } : {}),
      });
    }
    throw unauthenticated(
      'Authorization header is missing: send "Authorization: Bearer <token>", or sign in',
    );
  };
}
