import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../errors.js';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import { SESSION_COOKIE } from './request-auth.js';
import type { SsoService } from './sso.service.js';

const tags = ['Sign-in'];
const PENDING_COOKIE = 'portico_sso';
/**
 * Why the last sign-in failed, for the sign-in page to say once. A cookie rather than the URL: anyone may
 * send a link whose query says anything, but only this site sets its cookies.
 */
const ERROR_COOKIE = 'portico_sso_error';
const noAuth = { security: [] };
/** A browser's redirect: no body, a Location header. */
const Redirect = (description: string) => Type.Null({ description });
const TO_SIGN_IN = 'or to /sign-in when single sign-on failed (the sign-in page then says why)';

/** A browser on its way to or from the provider gets the sign-in page, which says what failed, not JSON. */
function toSignIn(reply: FastifyReply, error: unknown, secure: boolean) {
  if (!(error instanceof DomainError)) throw error;
  reply.setCookie(ERROR_COOKIE, error.message.slice(0, 500), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/auth/sso',
    maxAge: 300,
  });
  return reply.redirect('/sign-in');
}

export function ssoRoutes(app: App, sso: SsoService | undefined, options: { secureCookies: boolean }) {
  app.get(
    '/auth/sso',
    {
      config: { public: true },
      schema: {
        tags,
        ...noAuth,
        summary: 'Whether single sign-on is configured, its name, and why the last sign-in failed (once)',
        response: withErrors({
          200: Ok(
            {
              enabled: Type.Boolean({ description: 'whether single sign-on is configured' }),
              name: Type.Optional(Type.String({ description: "the provider's name, when enabled" })),
              error: Type.Optional(
                Type.String({ description: 'why the last sign-in failed; answered once, then forgotten' }),
              ),
            },
            'single sign-on as configured',
          ),
        }),
      },
    },
    async (request, reply) => {
      const error = request.cookies[ERROR_COOKIE];
      if (error !== undefined) reply.clearCookie(ERROR_COOKIE, { path: '/auth/sso' });
      return {
        ok: true as const,
        enabled: sso !== undefined,
        ...(sso ? { name: sso.name } : {}),
        ...(error ? { error } : {}),
      };
    },
  );
  if (!sso) return;

  app.get(
    '/auth/sso/login',
    {
      config: { public: true },
      schema: {
        tags,
        ...noAuth,
        summary: 'Start single sign-on: redirects to the provider',
        querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: withErrors({ 302: Redirect(`to the identity provider, ${TO_SIGN_IN}`) }),
      },
    },
    async (request, reply) => {
      let begun: Awaited<ReturnType<SsoService['begin']>>;
      try {
        begun = await sso.begin(request.query.returnTo);
      } catch (error) {
        return toSignIn(reply, error, options.secureCookies);
      }
      const { url, pending } = begun;
      reply.setCookie(PENDING_COOKIE, pending, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        path: '/auth/sso',
        maxAge: 600,
      });
      return reply.redirect(url);
    },
  );

  app.get(
    '/auth/sso/callback',
    {
      config: { public: true },
      schema: {
        tags,
        ...noAuth,
        summary: "The provider's redirect back: starts the session",
        response: withErrors({
          302: Redirect(`to the page the sign-in started from, with the session cookie set, ${TO_SIGN_IN}`),
        }),
      },
    },
    async (request, reply) => {
      reply.clearCookie(PENDING_COOKIE, { path: '/auth/sso' });
      try {
        const callback = new URL(request.url, `${request.protocol}://${request.host}`);
        const session = await sso.complete(callback, request.cookies[PENDING_COOKIE]);
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secureCookies,
          path: '/',
          expires: new Date(session.expiresAt),
        });
        return reply.redirect(session.returnTo);
      } catch (error) {
        return toSignIn(reply, error, options.secureCookies);
      }
    },
  );
}
