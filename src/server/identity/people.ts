import type { Entity } from '../../core/entity.js';
import type { UserStatus } from '../../core/system-blueprints.js';
import { providerOf } from './sso-teams.js';

/** Port's user JSON (GET /v1/users), read off a `_user` entity. */
export interface PortUser {
  email: string;
  firstName: string;
  lastName: string;
  picture: string;
  status: UserStatus;
  id: string;
  type: string;
  providers: string[];
  createdAt: string;
  updatedAt: string;
  teams: string[];
  teamsIdentifiers: string[];
  roles: Array<{ name: string }>;
}

/** Port's team JSON (GET /v1/teams). */
export interface PortTeam {
  id: string;
  name: string;
  description: string;
  provider: string;
  createdAt: string;
  updatedAt: string;
  users: Array<Pick<PortUser, 'email' | 'firstName' | 'lastName' | 'picture' | 'status'>>;
}

/** A team's members as a body names them: emails, or the member objects GET /v1/teams answers. */
export type MemberRefs = Array<string | ({ email: string } & Record<string, unknown>)>;

/** What a member object says of a person beyond the email: used when the person is not a user yet. */
export interface MemberProfile {
  /** "First Last", from firstName and lastName. */
  title?: string;
  /** The member object says the person is disabled (Port's DISABLED). */
  disabled: boolean;
}

/**
 * A team body as the service takes it: members as emails (with what member objects say of them), and the
 * fields only GET answers (`id`, `provider`, `createdAt`, `updatedAt`) left out, so that a team read from
 * Port or Portico can be written back as it is (migrateOrganization and port-cli restore teams so).
 */
export function teamInputOf<T extends { users?: MemberRefs }>(
  body: T,
): Omit<T, 'users' | 'id' | 'provider' | 'createdAt' | 'updatedAt'> & {
  users?: string[];
  profiles?: Map<string, MemberProfile>;
} {
  const {
    users,
    id: _id,
    provider: _provider,
    createdAt: _created,
    updatedAt: _updated,
    ...rest
  } = body as T & Record<'id' | 'provider' | 'createdAt' | 'updatedAt', unknown>;
  if (!users) return rest;
  const profiles = new Map<string, MemberProfile>();
  for (const user of users) if (typeof user !== 'string') profiles.set(user.email, profileOf(user));
  return {
    ...rest,
    users: users.map((user) => (typeof user === 'string' ? user : user.email)),
    ...(profiles.size ? { profiles } : {}),
  };
}

function profileOf(member: Record<string, unknown>): MemberProfile {
  const names = [member.firstName, member.lastName].filter((n) => typeof n === 'string' && n.trim());
  const status = typeof member.status === 'string' ? member.status.toLowerCase() : undefined;
  return {
    ...(names.length ? { title: names.join(' ').slice(0, 1000) } : {}),
    disabled: status === 'disabled',
  };
}

export function toPortUser(entity: Entity): PortUser {
  const [firstName = '', ...rest] = (entity.title ?? '').split(' ');
  const properties = entity.properties as Record<string, unknown>;
  return {
    email: entity.identifier,
    firstName,
    lastName: rest.join(' '),
    picture: typeof properties.picture === 'string' ? properties.picture : '',
    status: properties.status as UserStatus,
    id: entity.identifier,
    type: properties.port_type as string,
    providers: ['portico'],
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    teams: entity.team,
    teamsIdentifiers: entity.team,
    roles: rolesOf(entity).map((name) => ({ name })),
  };
}

/** Port's role names: Admin or Member, and `<blueprint>-moderator` for each moderated blueprint. */
function rolesOf(entity: Entity): string[] {
  const properties = entity.properties as Record<string, unknown>;
  const moderated = Array.isArray(properties.moderated_blueprints)
    ? (properties.moderated_blueprints as string[])
    : [];
  return [properties.port_role as string, ...moderated.map((b) => `${b}-moderator`)];
}

export function toPortTeam(entity: Entity, members: Entity[]): PortTeam {
  const properties = entity.properties as Record<string, unknown>;
  return {
    id: entity.identifier,
    name: entity.identifier,
    description: typeof properties.description === 'string' ? properties.description : '',
    provider: providerOf(entity) ?? 'portico',
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    users: members.map((member) => {
      const { email, firstName, lastName, picture, status } = toPortUser(member);
      return { email, firstName, lastName, picture, status };
    }),
  };
}

type Json = Record<string, unknown>;

/**
 * Port's `fields` query: only the named fields of each user or team. A dotted name reaches into an object
 * or into each element of an array (`users.email`); names that are not fields are left out.
 */
export function projectFields<T extends object>(item: T, fields: string | string[] | undefined): Partial<T> {
  if (fields === undefined) return item;
  const out: Json = {};
  for (const field of Array.isArray(fields) ? fields : [fields]) pick(item as Json, field.split('.'), out);
  return out as Partial<T>;
}

function pick(from: Json, path: string[], into: Json) {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(from, head)) return;
  const value = from[head];
  if (!rest.length || value === null || typeof value !== 'object') {
    into[head] = value;
    return;
  }
  if (Array.isArray(value)) {
    const previous = (into[head] as Json[] | undefined) ?? value.map(() => ({}));
    value.forEach((element, i) => {
      if (element && typeof element === 'object') pick(element as Json, rest, previous[i]!);
    });
    into[head] = previous;
    return;
  }
  const nested = (into[head] as Json | undefined) ?? {};
  pick(value as Json, rest, nested);
  into[head] = nested;
}
