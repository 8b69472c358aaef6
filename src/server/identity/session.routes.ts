import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import { DateTime, WhoAmI } from './identity.schemas.js';
import { roleNamesOf, type Actor } from './actor.js';
import { MAX_PASSWORD_LENGTH } from './password.js';
import { CSRF_HEADER, SESSION_COOKIE } from './request-auth.js';
import type { SessionService } from './session.service.js';

const tags = ['Sign-in'];
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
const noAuth = { security: [] };
const SignedIn = Ok(
  {
    user: WhoAmI,
    csrfToken: Type.String({ description: 'send it as the x-csrf-token header with every write' }),
    expiresAt: DateTime('when the session ends at the latest'),
  },
  'the session: who is signed in and its CSRF token',
);
const Done = withErrors({ 200: Ok({}, 'done') });

/** The signed-in person as the browser needs it: never a secret, a hash or the session token. */
const whoAmI = (actor: Actor) => ({
  email: actor.id,
  type: actor.kind === 'service_account' ? ('Service Account' as const) : ('Standard' as const),
  roles: roleNamesOf(actor),
  teams: [...actor.teams],
});

export function sessionRoutes(app: App, sessions: SessionService, options: { secureCookies: boolean }) {
  const cookieOf = (request: FastifyRequest) => request.cookies[SESSION_COOKIE];
  const setCookie = (reply: FastifyReply, token: string, expiresAt: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      path: '/',
      expires: new Date(expiresAt),
    });

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        ...noAuth,
        summary: 'Sign in with email and password; sets the session cookie and answers the CSRF token',
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 320 }), password: Password },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: SignedIn }),
      },
    },
    async (request, reply) => {
      const session = await sessions.signIn(request.body.email, request.body.password, request.ip);
      setCookie(reply, session.token, session.expiresAt);
      return {
        ok: true as const,
        user: whoAmI(session.actor),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { public: true },
      schema: {
        tags,
        ...noAuth,
        summary: 'The signed-in user and the CSRF token for writes',
        response: withErrors({ 200: SignedIn }),
      },
    },
    async (request) => {
      const session = await sessions.current(cookieOf(request) ?? '');
      return {
        ok: true as const,
        user: whoAmI(session.actor),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags, ...noAuth, summary: 'End the session and clear its cookie', response: Done },
    },
    async (request, reply) => {
      await sessions.signOut(cookieOf(request), csrfOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { public: true },
      schema: {
        tags,
        ...noAuth,
        summary: 'Change your password (signed in); your other sessions end',
        body: Type.Object(
          { currentPassword: Password, newPassword: Password },
          { additionalProperties: false },
        ),
        response: Done,
      },
    },
    async (request) => {
      await sessions.changePassword(cookieOf(request) ?? '', csrfOf(request), request.body, request.ip);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password/reset',
    {
      config: { public: true },
      schema: {
        tags,
        ...noAuth,
        summary: 'Set a password with a one-time invitation or reset token',
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
          { additionalProperties: false },
        ),
        response: Done,
      },
    },
    async (request) => {
      await sessions.resetPassword(request.body.token, request.body.password, request.ip);
      return { ok: true as const };
    },
  );
}

const csrfOf = (request: FastifyRequest) => {
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : undefined;
};
