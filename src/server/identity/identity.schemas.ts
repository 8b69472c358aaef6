import { Type, type TProperties } from '@sinclair/typebox';
import { USER_STATUSES, USER_TYPES } from '../../core/system-blueprints.js';
import { Nullable, Ok, open } from '../http/responses.js';

/** The response shapes of the identity routes (Port's user, team and app JSON), shared by their route files. */

/** One of `values`, as a string enum. */
const literals = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>(Type.String({ enum: [...values], description }));

export const DateTime = (description: string) => Type.String({ format: 'date-time', description });
const Strings = (description: string) => Type.Array(Type.String(), { description });

const userFields = {
  email: Type.String({ description: "the user's email, also its identifier" }),
  firstName: Type.String({ description: "the first word of the _user entity's title" }),
  lastName: Type.String({ description: 'the rest of the title; empty when it has one word' }),
  picture: Type.String({ description: "the _user entity's picture property; empty when it has none" }),
  status: literals(USER_STATUSES, 'Invited until a password is set; Disabled users may do nothing'),
};

/** Port's user JSON (GET /v1/users), read off a `_user` entity. */
const userProperties = {
  ...userFields,
  id: Type.String({ description: 'the same as email' }),
  type: literals(USER_TYPES, 'a person (Standard) or a service account'),
  providers: Strings('how the user signs in: always ["portico"]'),
  createdAt: DateTime('when the _user entity was created'),
  updatedAt: DateTime('when the _user entity last changed'),
  teams: Strings('the teams the user belongs to (its `team` field)'),
  teamsIdentifiers: Strings('the same as teams'),
  roles: Type.Array(open({ name: Type.String() }), {
    description: 'Admin or Member, and `<blueprint>-moderator` for each blueprint it moderates',
  }),
};
export const User = open(userProperties, { description: 'a user (a _user entity)' });

/** A user as PATCH /v1/users/{email} answers it, as Port does: its fields beside `ok`. */
export const OkWithUserFields = Ok(userProperties, 'the user as changed, its fields beside ok');

const TeamMember = open(userFields, { description: 'a member of the team' });
const teamProperties = {
  id: Type.String({ description: "the team's name" }),
  name: Type.String({ description: 'the identifier of its _team entity' }),
  description: Type.String({ description: 'empty when it has none' }),
  provider: Type.String({
    description: 'the single sign-on provider that manages the team, or "portico"',
  }),
  createdAt: DateTime('when the _team entity was created'),
  updatedAt: DateTime('when the _team entity last changed'),
  users: Type.Array(TeamMember, { description: "the team's members" }),
};
export const Team = open(teamProperties, { description: 'a team (a _team entity) with its members' });

/** Every key optional, also in the objects of arrays: Port's `fields` query keeps only the named fields. */
const partial = (properties: TProperties, description: string) =>
  open(Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, Type.Optional(schema)])), {
    description,
  });
const FIELDS = 'with `fields`, only the fields named';
export const ProjectedUser = partial(userProperties, `a user (${FIELDS})`);
export const ProjectedTeam = partial(
  {
    ...teamProperties,
    users: Type.Array(partial(userFields, 'a member of the team'), { description: "the team's members" }),
  },
  `a team with its members (${FIELDS})`,
);

/** A one-time token that sets a user's password; shown once. */
export const PasswordToken = open(
  {
    token: Type.String({ description: 'the one-time token for /auth/password/reset' }),
    expiresAt: DateTime('when the token stops working'),
  },
  { description: 'a one-time link token that sets the password; shown once' },
);

/** Port's credentials ("app"); `secret` only in the answer that creates or rotates them. */
export const AppCredentials = open(
  {
    id: Type.String({ description: 'the client id' }),
    name: Type.String(),
    enabled: Type.Boolean({ description: 'false once revoked' }),
    createdAt: DateTime('when they were created'),
    updatedAt: DateTime('when they last changed'),
    user: Nullable(
      Type.String({
        description: "the user they act as; null for the installation's own admin credentials",
      }),
    ),
    secret: Type.Optional(Type.String({ description: 'the client secret: only when created or rotated' })),
  },
  { description: 'client credentials (an app)' },
);

/** Who a permission is granted to, every field filled in. */
const Grant = open({
  roles: Strings('roles granted, e.g. Admin, Member, `<blueprint>-moderator`'),
  users: Strings('emails of users granted'),
  teams: Strings('teams whose members are granted'),
  ownedByTeam: Type.Boolean({ description: "granted to members of the entity's owning teams" }),
  policy: Type.Optional(
    Type.Unknown({ description: "Port's read policy, on read only: stored and answered, not evaluated" }),
  ),
});
const KeyedGrants = Type.Object(
  {},
  { additionalProperties: Grant, description: 'a grant per property or relation, by its key' },
);

/** A blueprint's entity permissions: the defaults with the stored changes laid over them. */
export const BlueprintPermissions = open(
  {
    entities: open({
      read: Grant,
      register: Grant,
      update: Grant,
      unregister: Grant,
      updateProperties: KeyedGrants,
      updateRelations: KeyedGrants,
    }),
  },
  { description: "a blueprint's entity permissions, every grant filled in" },
);

/** The signed-in person as the browser needs it (never a secret, a hash or the session token). */
export const WhoAmI = open(
  {
    email: Type.String({ description: 'the email of the signed-in user' }),
    type: literals(USER_TYPES, 'a person (Standard) or a service account'),
    roles: Strings('Admin or Member, and `<blueprint>-moderator` for each blueprint moderated'),
    teams: Strings('the teams the user belongs to'),
  },
  { description: 'the signed-in user' },
);
