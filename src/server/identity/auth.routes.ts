import { Type } from '@sinclair/typebox';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import type { CredentialService } from './credential.service.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export function authRoutes(app: App, credentials: CredentialService, throttle: SignInThrottle) {
  app.post(
    '/v1/auth/access_token',
    {
      config: { public: true },
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
        response: withErrors({
          200: Ok(
            {
              accessToken: Type.String({ description: 'a bearer token for the Authorization header' }),
              expiresIn: Type.Number({ description: 'seconds until the token expires' }),
              tokenType: Type.Literal('Bearer'),
            },
            'the access token',
          ),
        }),
      },
    },
    async (request) => {
      const { clientId, clientSecret } = request.body;
      // Counted per address only: client ids are public and secrets long and random, so a key per client id
      // would only let anyone lock an integration out.
      const token = await throttle.attempt({ address: request.ip }, () =>
        credentials.issueToken(clientId, clientSecret),
      );
      return { ok: true as const, ...token };
    },
  );
}
