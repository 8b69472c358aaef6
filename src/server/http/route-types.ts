import '@fastify/cookie';
import '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Actor } from '../identity/actor.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; reading it on a request without one throws a 401 (identity/request-auth.ts). */
    readonly actor: Actor;
  }
  interface FastifyContextConfig {
    /** A route anyone may call without credentials. Every other route needs a caller (app.ts). */
    public?: boolean;
  }
}
