import { Type } from '@sinclair/typebox';
import type { App } from '../http/route-types.js';
import type { CredentialService } from './credential.service.js';

export function authRoutes(app: App, credentials: CredentialService) {
  app.post(
    '/v1/auth/access_token',
    {
      schema: {
        tags: ['Authentication'],
        summary: 'Exchange a client id and secret for a bearer token',
        security: [],
        body: Type.Object(
          {
            clientId: Type.String({ minLength: 1, maxLength: 200 }),
            clientSecret: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      ok: true,
      ...(await credentials.issueToken(request.body.clientId, request.body.clientSecret)),
    }),
  );
}
