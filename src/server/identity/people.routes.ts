import { Type } from '@sinclair/typebox';
import { TEAM_NAME_MAX, TEAM_NAME_PATTERN } from '../../core/identifiers.js';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import {
  OkWithUserFields,
  PasswordToken,
  ProjectedTeam,
  ProjectedUser,
  Team,
  User,
} from './identity.schemas.js';
import { projectFields, teamInputOf } from './people.js';
import type { PeopleService } from './people.service.js';
import type { SessionService } from './session.service.js';

// Port's team name pattern (§9.5); a `_team` entity carries the name as its identifier.
const TeamName = Type.String({ pattern: TEAM_NAME_PATTERN, minLength: 1, maxLength: TEAM_NAME_MAX });
const Email = Type.String({ minLength: 3, maxLength: 320 });
// A team's members: emails, or the member objects GET /v1/teams answers (only their email is read).
const Members = Type.Array(
  Type.Union([Email, Type.Object({ email: Email }, { additionalProperties: true })], {
    description: 'an email, or a member as GET /v1/teams answers it',
  }),
  { maxItems: 10_000 },
);
// What GET /v1/teams answers beside a team's own fields: taken and ignored, so a team read can be written back.
const ReadOnlyTeamFields = {
  id: Type.Optional(Type.Unknown({ description: 'ignored (GET answers it)' })),
  provider: Type.Optional(Type.Unknown({ description: 'ignored (GET answers it)' })),
  createdAt: Type.Optional(Type.Unknown({ description: 'ignored (GET answers it)' })),
  updatedAt: Type.Optional(Type.Unknown({ description: 'ignored (GET answers it)' })),
};
const Names = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 });
const UserParams = Type.Object({ user_email: Email });
const TeamParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
const FieldsQuery = Type.Object({
  fields: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
});

const OkWithTeam = withErrors({ 200: Ok({ team: Team }, 'the team as it now is') });
const OkWithInvitation = withErrors({
  200: Ok({ invitation: PasswordToken }, 'the one-time token, shown once'),
});
const Done = withErrors({ 200: Ok({}, 'deleted') });

const users = { tags: ['Users'] };
const teams = { tags: ['Teams'] };

export function peopleRoutes(app: App, people: PeopleService, sessions: SessionService) {
  app.get(
    '/v1/users',
    {
      schema: {
        ...users,
        summary: 'List users',
        querystring: FieldsQuery,
        response: withErrors({ 200: Ok({ users: Type.Array(ProjectedUser) }, 'the users') }),
      },
    },
    async (request) => ({
      ok: true as const,
      users: (await people.listUsers(request.actor)).map((u) => projectFields(u, request.query.fields)),
    }),
  );

  app.post(
    '/v1/users/invite',
    {
      schema: {
        ...users,
        summary: 'Invite a user (a _user entity with status Invited)',
        querystring: Type.Object({ notify: Type.Optional(Type.Boolean()) }),
        body: Type.Object(
          {
            invitee: Type.Object(
              { email: Email, roles: Type.Optional(Names), teams: Type.Optional(Names) },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: OkWithInvitation,
      },
    },
    async (request) => {
      await people.inviteUser(request.actor, request.body.invitee);
      // Portico sends no email: the Admin hands the invited person this one-time link to set a password.
      const invitation = await sessions.issuePasswordToken(request.actor, request.body.invitee.email);
      return { ok: true as const, invitation };
    },
  );

  app.post(
    '/v1/users/:user_email/password-token',
    {
      schema: {
        ...users,
        summary: 'Issue a one-time token with which the user sets a new password (Admin; shown once)',
        params: UserParams,
        response: OkWithInvitation,
      },
    },
    async (request) => ({
      ok: true as const,
      invitation: await sessions.issuePasswordToken(request.actor, request.params.user_email),
    }),
  );

  app.get(
    '/v1/users/:user_email',
    {
      schema: {
        ...users,
        summary: 'Get a user',
        params: UserParams,
        response: withErrors({ 200: Ok({ user: User }, 'the user') }),
      },
    },
    async (request) => ({
      ok: true as const,
      user: await people.getUser(request.actor, request.params.user_email),
    }),
  );

  app.patch(
    '/v1/users/:user_email',
    {
      schema: {
        ...users,
        summary: "Change a user's roles or teams",
        params: UserParams,
        body: Type.Object(
          {
            roles: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 1000 })),
            teams: Type.Optional(Names),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: OkWithUserFields }),
      },
    },
    async (request) => ({
      ok: true as const,
      ...(await people.updateUser(request.actor, request.params.user_email, request.body)),
    }),
  );

  app.delete(
    '/v1/users/:user_email',
    { schema: { ...users, summary: 'Delete a user', params: UserParams, response: Done } },
    async (request) => {
      await people.deleteUser(request.actor, request.params.user_email);
      return { ok: true as const };
    },
  );

  app.get(
    '/v1/teams',
    {
      schema: {
        ...teams,
        summary: 'List teams with their members',
        querystring: FieldsQuery,
        response: withErrors({
          200: Ok({ teams: Type.Array(ProjectedTeam) }, 'the teams with their members'),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      teams: (await people.listTeams(request.actor)).map((t) => projectFields(t, request.query.fields)),
    }),
  );

  app.post(
    '/v1/teams',
    {
      schema: {
        ...teams,
        summary: 'Create a team (a _team entity)',
        body: Type.Object(
          {
            name: TeamName,
            description: Type.Optional(Type.String({ maxLength: 1000 })),
            users: Type.Optional(Members),
            ...ReadOnlyTeamFields,
          },
          { additionalProperties: false },
        ),
        response: OkWithTeam,
      },
    },
    async (request) => ({
      ok: true as const,
      team: await people.createTeam(request.actor, teamInputOf(request.body)),
    }),
  );

  app.get(
    '/v1/teams/:name',
    {
      schema: {
        ...teams,
        summary: 'Get a team',
        params: TeamParams,
        querystring: FieldsQuery,
        response: withErrors({ 200: Ok({ team: ProjectedTeam }, 'the team with its members') }),
      },
    },
    async (request) => ({
      ok: true as const,
      team: projectFields(await people.getTeam(request.actor, request.params.name), request.query.fields),
    }),
  );

  for (const [method, mode, required] of [
    ['patch', 'merge', false],
    ['put', 'replace', true],
  ] as const)
    app[method](
      '/v1/teams/:name',
      {
        schema: {
          ...teams,
          summary:
            mode === 'merge'
              ? 'Change a team (what is given)'
              : 'Replace a team (name, description, members)',
          params: TeamParams,
          body: Type.Object(
            {
              name: required ? TeamName : Type.Optional(TeamName),
              // Port's PATCH takes null: the description removed.
              description: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
              users: Type.Optional(Members),
              ...ReadOnlyTeamFields,
            },
            { additionalProperties: false },
          ),
          response: OkWithTeam,
        },
      },
      async (request) => ({
        ok: true as const,
        team: await people.updateTeam(request.actor, request.params.name, teamInputOf(request.body), mode),
      }),
    );

  app.delete(
    '/v1/teams/:name',
    { schema: { ...teams, summary: 'Delete a team', params: TeamParams, response: Done } },
    async (request) => {
      await people.deleteTeam(request.actor, request.params.name);
      return { ok: true as const };
    },
  );
}
