import type { JsonObject } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { isAdmin, roleNamesOf, type Actor } from '../identity/actor.js';
import type { UserContext } from '../search/search.user-context.js';

/** `.user` of Port's form jq (§5.2): who is filling the form, with their _user entity's properties. */
export function formUser(actor: Actor, context: UserContext): JsonObject {
  const { $identifier, $title, $team, $icon, ...properties } = context.user;
  void $identifier;
  void $team;
  void $icon;
  const teams = context.teams.map((team) => ({
    name: team.$identifier,
    provider: team.provider ?? 'port',
  }));
  return {
    ...properties,
    email: actor.id,
    name: $title ?? actor.id,
    userId: actor.id,
    mainRole: isAdmin(actor) ? 'Admin' : 'Member',
    roles: roleNamesOf(actor).map((name) => ({ name })),
    teams,
    teamsIdentifiers: [...actor.teams],
  };
}

/** Port's `.trigger` of a run (§5.3): who, from where, when, which operation. */
export function triggerOf(actor: Actor, user: JsonObject, at: string, operation: string): JsonObject {
  const [firstName, ...rest] = String(user.name ?? '').split(' ');
  return {
    by: {
      orgId: 'portico',
      userId: actor.id,
      user: {
        email: actor.id,
        firstName: firstName ?? '',
        lastName: rest.join(' '),
        status: user.status ?? 'Active',
        id: actor.id,
      },
    },
    origin: actor.origin === 'UI' ? 'UI' : 'API',
    at,
    operation,
  };
}

/** The entity as templates read it (`.entity`): Port's entity JSON, or `{}` for CREATE actions. */
export function templateEntity(entity: Entity | null): JsonObject {
  if (!entity) return {};
  const { version, ...json } = entity;
  void version;
  return json as unknown as JsonObject;
}
