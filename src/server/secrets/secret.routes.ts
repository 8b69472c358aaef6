import { Type } from '@sinclair/typebox';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import {
  SECRET_DESCRIPTION_MAX,
  SECRET_NAME_MAX,
  SECRET_NAME_PATTERN,
  SECRET_VALUE_MAX,
} from './secret-rules.js';
import type { SecretService } from './secret.service.js';

const tags = ['Organization'];
const SecretName = Type.String({ minLength: 1, maxLength: SECRET_NAME_MAX, pattern: SECRET_NAME_PATTERN });
const SecretValue = Type.String({ minLength: 1, maxLength: SECRET_VALUE_MAX });
const Description = Type.String({ maxLength: SECRET_DESCRIPTION_MAX });
// Deliberately closed: the service answers these properties alone (toSecretMetadata), and the tests' check
// of every answer against its schema fails on any other key of a secret (its sealed value, say).
const Secret = Type.Object(
  {
    secretName: Type.String(),
    description: Type.Optional(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
const OkWithSecret = Ok({ secret: Secret }, "The secret's metadata");
const NameParams = Type.Object({
  secret_name: Type.String({ ...SecretName, description: 'The name of the secret' }),
});
const CreateBody = Type.Object(
  {
    secretName: { ...SecretName, description: 'The name of the new secret' },
    secretValue: { ...SecretValue, description: 'The value; it is never shown again' },
    description: Type.Optional(Description),
  },
  { additionalProperties: false },
);
const ChangeBody = Type.Object(
  {
    secretValue: Type.Optional({ ...SecretValue, description: 'The new value; it is never shown' }),
    description: Type.Optional(Description),
  },
  { additionalProperties: false },
);

/** Port's organisation secrets: write-only values, metadata readable by Admins only. */
export function secretRoutes(app: App, secrets: SecretService) {
  app.get(
    '/v1/organization/secrets',
    {
      schema: {
        tags,
        summary: "The organization secrets' metadata, by name, never their values (Admins only)",
        response: withErrors({ 200: Ok({ secrets: Type.Array(Secret) }, "The secrets' metadata, by name") }),
      },
    },
    async (request) => ({ ok: true as const, secrets: await secrets.list(request.actor) }),
  );

  app.post(
    '/v1/organization/secrets',
    {
      schema: {
        tags,
        summary: 'Create an organization secret (Admins only); its value is encrypted and never shown again',
        body: CreateBody,
        response: withErrors({ 201: OkWithSecret }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ ok: true as const, secret: await secrets.create(request.actor, request.body) }),
  );

  app.get(
    '/v1/organization/secrets/:secret_name',
    {
      schema: {
        tags,
        summary: "An organization secret's metadata, never its value (Admins only)",
        params: NameParams,
        response: withErrors({ 200: OkWithSecret }),
      },
    },
    async (request) => ({
      ok: true as const,
      secret: await secrets.get(request.actor, request.params.secret_name),
    }),
  );

  app.patch(
    '/v1/organization/secrets/:secret_name',
    {
      schema: {
        tags,
        summary: "Change an organization secret's value or description (Admins only)",
        params: NameParams,
        body: ChangeBody,
        response: withErrors({ 200: OkWithSecret }),
      },
    },
    async (request) => ({
      ok: true as const,
      secret: await secrets.update(request.actor, request.params.secret_name, request.body),
    }),
  );

  app.delete(
    '/v1/organization/secrets/:secret_name',
    {
      schema: {
        tags,
        summary: 'Delete an organization secret (Admins only)',
        params: NameParams,
        response: withErrors({ 200: Ok({}, 'Deleted') }),
      },
    },
    async (request) => {
      await secrets.remove(request.actor, request.params.secret_name);
      return { ok: true as const };
    },
  );
}
