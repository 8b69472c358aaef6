import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../errors.js';
import type { App } from '../http/route-types.js';
import { SESSION_COOKIE } from './request-auth.js';
import type { SsoService } from './sso.service.js';

const tags = ['Sign-in'];
const PENDING_COOKIE = 'portico_sso';
const noAuth = { security: [] };

/** A browser on its way to or from the provider gets a page that says what failed, not JSON. */
function toFrontPage(reply: FastifyReply, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  return reply.redirect(`/?error=${encodeURIComponent(error.message)}`);
}

export function ssoRoutes(app: App, sso: SsoService | undefined, options: { secureCookies: boolean }) {
  app.get(
    '/auth/sso',
    {
      config: { public: true },
      schema: { tags, ...noAuth, summary: 'Whether single sign-on is configured, and its name' },
    },
    async () => ({ ok: true, enabled: sso !== undefined, ...(sso ? { name: sso.name } : {}) }),
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
      },
    },
    async (request, reply) => {
      let begun: Awaited<ReturnType<SsoService['begin']>>;
      try {
        begun = await sso.begin(request.query.returnTo);
      } catch (error) {
        return toFrontPage(reply, error);
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
      schema: { tags, ...noAuth, summary: "The provider's redirect back: starts the session" },
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
        return toFrontPage(reply, error);
      }
    },
  );
}
