import { Type } from '@sinclair/typebox';
import { Ok, open, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import { AppCredentials } from './identity.schemas.js';
import type { AppCredentialService } from './app-credentials.service.js';

const tags = ['Credentials'];
const Name = Type.String({ minLength: 1, maxLength: 200 });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const OkWithApp = Ok({ app: AppCredentials }, 'the credentials');

export function appCredentialRoutes(app: App, apps: AppCredentialService) {
  app.get(
    '/v1/apps',
    {
      schema: {
        tags,
        summary: 'List credentials (yours; an Admin sees all)',
        response: withErrors({
          200: Ok({ apps: Type.Array(AppCredentials) }, 'the credentials, without secrets'),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      apps: await apps.list(request.actor),
    }),
  );

  app.post(
    '/v1/apps',
    {
      schema: {
        tags,
        summary: 'Create credentials for yourself, or (Admin) for another user; the secret is shown once',
        body: Type.Object(
          { name: Name, user: Type.Optional(Type.String({ minLength: 3, maxLength: 320 })) },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: OkWithApp }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({ ok: true as const, app: await apps.create(request.actor, request.body) }),
  );

  app.put(
    '/v1/apps/:id',
    {
      schema: {
        tags,
        summary: 'Rename credentials',
        params: IdParams,
        body: Type.Object({ name: Name }, { additionalProperties: false }),
        response: withErrors({ 200: OkWithApp }),
      },
    },
    async (request) => ({
      ok: true as const,
      app: await apps.rename(request.actor, request.params.id, request.body.name),
    }),
  );

  app.post(
    '/v1/apps/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Rotate the secret; tokens of the old one stop at once',
        params: IdParams,
        response: withErrors({ 200: OkWithApp }),
      },
    },
    async (request) => ({ ok: true as const, app: await apps.rotate(request.actor, request.params.id) }),
  );

  app.delete(
    '/v1/apps/:id',
    {
      schema: {
        tags,
        summary: 'Revoke credentials; their tokens stop at once',
        params: IdParams,
        response: withErrors({ 200: Ok({}, 'revoked') }),
      },
    },
    async (request) => {
      await apps.remove(request.actor, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/rotate-credentials/:user_email',
    {
      schema: {
        tags,
        summary: "Rotate all of a user's credentials (one is created if it has none)",
        params: Type.Object({ user_email: Type.String({ minLength: 3, maxLength: 320 }) }),
        response: withErrors({
          200: Ok(
            {
              credentials: Type.Array(
                open({
                  clientId: Type.String(),
                  clientSecret: Type.String({ description: 'the new secret, shown once' }),
                }),
                { description: "the user's credentials, each with its new secret" },
              ),
            },
            'the rotated credentials',
          ),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      credentials: (await apps.rotateUser(request.actor, request.params.user_email)).map((a) => ({
        clientId: a.id,
        clientSecret: a.secret!, // rotateUser answers every credential with its new secret
      })),
    }),
  );
}
