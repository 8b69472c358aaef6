/**
 * Who is calling. Every service function takes one: roles, teams and (later) permissions are decided from it.
 */
export interface Actor {
  /**
   * `user` and `service_account` are _user entities; `installation` is an admin credential that belongs to
   * the installation rather than to a user (the one from the environment); `system` is Portico itself.
   */
  kind: 'user' | 'service_account' | 'installation' | 'system';
  /** Recorded as createdBy / updatedBy and in the audit log: the user's email, else the client id. */
  id: string;
  role: 'admin' | 'member';
  /** Blueprints this actor moderates (Port's `<blueprint>-moderator` roles). */
  moderates: readonly string[];
  /** The teams this actor belongs to (its _user entity's `team`). */
  teams: readonly string[];
  origin: 'API' | 'UI' | 'SYSTEM' | 'AUTOMATION';
  /** The credential the request was authenticated with, if any. */
  clientId?: string;
}

export const systemActor = (id = 'portico'): Actor => ({
  kind: 'system',
  id,
  role: 'admin',
  moderates: [],
  teams: [],
  origin: 'SYSTEM',
});

/**
 * An automation's own identity: its runs write as it, and its WEBHOOKs to Portico's own API carry a
 * short-lived token of it. Only Admins write automations, so it acts as an Admin.
 */
export const automationActor = (identifier: string, origin: Actor['origin'] = 'AUTOMATION'): Actor => ({
  kind: 'system',
  id: `${AUTOMATION_PREFIX}${identifier}`,
  role: 'admin',
  moderates: [],
  teams: [],
  origin,
});

const AUTOMATION_PREFIX = 'automation:';

/** The automation an actor is, if it is one. */
export const automationOf = (actor: Actor): string | undefined =>
  actor.kind === 'system' && actor.id.startsWith(AUTOMATION_PREFIX)
    ? actor.id.slice(AUTOMATION_PREFIX.length)
    : undefined;

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/** Admins, and moderators of `blueprint`, may do anything with it (a new blueprint: Admins only). */
export const mayModel = (actor: Actor, blueprint: string | undefined) =>
  isAdmin(actor) || (blueprint !== undefined && actor.moderates.includes(blueprint));

/** The actor's roles in Port's names: Admin or Member, and `<blueprint>-moderator` for each it moderates. */
export const roleNamesOf = (actor: Actor): string[] => [
  isAdmin(actor) ? 'Admin' : 'Member',
  ...actor.moderates.map((blueprint) => `${blueprint}-moderator`),
];

/** A _user entity's fields that make an actor. */
export interface UserRecord {
  identifier: string;
  team: string[];
  properties: Record<string, unknown>;
}

/** The actor a _user stands for as it is now; undefined for a disabled user, who may do nothing. */
export function actorForUser(user: UserRecord, origin: Actor['origin']): Actor | undefined {
  const { status, port_role, port_type, moderated_blueprints } = user.properties;
  if (status === 'Disabled') return undefined;
  return {
    kind: port_type === 'Service Account' ? 'service_account' : 'user',
    id: user.identifier,
    role: port_role === 'Admin' ? 'admin' : 'member',
    moderates: Array.isArray(moderated_blueprints) ? moderated_blueprints.map(String) : [],
    teams: user.team,
    origin,
  };
}
