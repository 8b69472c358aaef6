import type { Entity } from '../../core/entity.js';
import { isEntityIdentifier } from '../../core/identifiers.js';
import { TEAM_BLUEPRINT, USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { BlueprintService } from '../catalog/blueprint.service.js';
import type { EntityService, WriteOptions } from '../catalog/entity.service.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors.js';
import type { SearchService } from '../search/search.service.js';
import type { Actor } from './actor.js';
import { toPortTeam, toPortUser, type PortTeam, type PortUser } from './people.js';

export type PeopleService = ReturnType<typeof createPeopleService>;

export interface TeamInput {
  name?: string;
  description?: string;
  users?: string[];
}

const PAGE = 1000;
const CREATE: WriteOptions = {
  mode: 'replace',
  createIfMissing: true,
  createMissingRelatedEntities: false,
  validationOnly: false,
};
const MERGE: WriteOptions = { ...CREATE, mode: 'merge', createIfMissing: false };
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Users and teams, Port's way (§9), kept as `_user` and `_team` entities: a user's teams are its entity's
 * `team` field, so membership, ownership and search all read the same rows.
 */
export function createPeopleService(
  entities: EntityService,
  search: SearchService,
  blueprints: BlueprintService,
) {
  async function all(actor: Actor, blueprint: string, rules: unknown[] = []): Promise<Entity[]> {
    const out: Entity[] = [];
    let from: string | undefined;
    do {
      const page = await search.searchBlueprint(actor, blueprint, {
        query: { combinator: 'and', rules },
        limit: PAGE,
        ...(from ? { from } : {}),
      });
      out.push(...(page.entities as Entity[]));
      from = page.next;
    } while (from);
    return out;
  }

  const membersOf = (actor: Actor, team: string) =>
    all(actor, USER_BLUEPRINT, [{ property: '$team', operator: 'containsAny', value: [team] }]);

  /** The `_user` or `_team` entity, or 404 in Port's words ("User … does not exist"). */
  async function personOrTeam(actor: Actor, blueprint: string, identifier: string) {
    try {
      return await entities.getEntity(actor, blueprint, identifier);
    } catch (error) {
      if ((error as { kind?: string }).kind !== 'not_found') throw error;
      throw notFound(`${blueprint === USER_BLUEPRINT ? 'User' : 'Team'} "${identifier}" does not exist`);
    }
  }
  const userEntity = (actor: Actor, email: string) => personOrTeam(actor, USER_BLUEPRINT, email);
  const teamEntity = (actor: Actor, name: string) => personOrTeam(actor, TEAM_BLUEPRINT, name);

  /** Port's roles: Admin or Member, plus `<blueprint>-moderator` for each blueprint a user moderates. */
  async function parseRoles(actor: Actor, roles: string[], field: string) {
    let role: 'Admin' | 'Member' = 'Member';
    const moderated: string[] = [];
    const known = new Set((await blueprints.list(actor)).map((b) => b.identifier));
    roles.forEach((name, i) => {
      if (name === 'Admin' || name === 'Member') {
        if (name === 'Admin') role = 'Admin';
        return;
      }
      const blueprint = name.endsWith('-moderator') ? name.slice(0, -'-moderator'.length) : undefined;
      if (!blueprint || !known.has(blueprint))
        throw unprocessable(
          'invalid_role',
          `${field}[${i}]: "${name}" is not a role (Admin, Member, or <blueprint>-moderator of an existing blueprint)`,
        );
      moderated.push(blueprint);
    });
    return { port_role: role, moderated_blueprints: [...new Set(moderated)] };
  }

  async function checkUsersExist(actor: Actor, emails: string[], field: string) {
    for (const [i, email] of emails.entries()) {
      try {
        await entities.getEntity(actor, USER_BLUEPRINT, email);
      } catch {
        throw unprocessable('user_not_found', `${field}[${i}]: user "${email}" does not exist`);
      }
    }
  }

  function requireAdmin(actor: Actor, what: string) {
    if (actor.role !== 'admin') throw forbidden(`Only an Admin can ${what}`);
  }

  async function listUsers(actor: Actor): Promise<PortUser[]> {
    return (await all(actor, USER_BLUEPRINT)).map(toPortUser);
  }

  async function getUser(actor: Actor, email: string): Promise<PortUser> {
    return toPortUser(await userEntity(actor, email));
  }

  async function inviteUser(actor: Actor, invitee: { email: string; roles?: string[]; teams?: string[] }) {
    requireAdmin(actor, 'invite users');
    if (!EMAIL.test(invitee.email) || !isEntityIdentifier(invitee.email))
      throw unprocessable('invalid_email', `invitee.email: "${invitee.email}" is not an email address`);
    const roles = await parseRoles(actor, invitee.roles ?? [], 'invitee.roles');
    const existing = await entities.getEntity(actor, USER_BLUEPRINT, invitee.email).catch(() => undefined);
    if (existing) throw conflict('user_exists', `User "${invitee.email}" already exists`);
    const { entity } = await entities.writeEntity(
      actor,
      USER_BLUEPRINT,
      {
        identifier: invitee.email,
        team: invitee.teams ?? [],
        properties: { ...roles, port_type: 'Standard', status: 'Invited' },
      },
      { ...CREATE, mode: 'create' as WriteOptions['mode'] },
    );
    return toPortUser(entity);
  }

  async function updateUser(actor: Actor, email: string, change: { roles?: string[]; teams?: string[] }) {
    requireAdmin(actor, 'change users');
    await userEntity(actor, email);
    const properties = change.roles ? await parseRoles(actor, change.roles, 'roles') : undefined;
    const { entity } = await entities.writeEntity(
      actor,
      USER_BLUEPRINT,
      { ...(properties ? { properties } : {}), ...(change.teams ? { team: change.teams } : {}) },
      MERGE,
      email,
    );
    return toPortUser(entity);
  }

  async function deleteUser(actor: Actor, email: string) {
    requireAdmin(actor, 'delete users');
    await userEntity(actor, email);
    await entities.deleteEntities(actor, USER_BLUEPRINT, [email], { deleteDependents: false });
  }

  async function listTeams(actor: Actor): Promise<PortTeam[]> {
    const [teams, users] = await Promise.all([all(actor, TEAM_BLUEPRINT), all(actor, USER_BLUEPRINT)]);
    return teams.map((team) =>
      toPortTeam(
        team,
        users.filter((user) => user.team.includes(team.identifier)),
      ),
    );
  }

  async function getTeam(actor: Actor, name: string): Promise<PortTeam> {
    const team = await teamEntity(actor, name);
    return toPortTeam(team, await membersOf(actor, name));
  }

  async function createTeam(actor: Actor, input: TeamInput & { name: string }): Promise<PortTeam> {
    requireAdmin(actor, 'create teams');
    await checkUsersExist(actor, input.users ?? [], 'users');
    const { entity } = await entities.writeEntity(
      actor,
      TEAM_BLUEPRINT,
      {
        identifier: input.name,
        ...(input.description !== undefined ? { properties: { description: input.description } } : {}),
      },
      { ...CREATE, mode: 'create' as WriteOptions['mode'] },
    );
    await setMembers(actor, input.name, input.users ?? []);
    return getTeam(actor, entity.identifier);
  }

  /** PATCH changes what it is given; PUT also empties the description and the members it is not given. */
  async function updateTeam(actor: Actor, name: string, input: TeamInput, mode: 'merge' | 'replace') {
    requireAdmin(actor, 'change teams');
    await teamEntity(actor, name);
    if (input.users) await checkUsersExist(actor, input.users, 'users');
    const renamed = input.name !== undefined && input.name !== name ? input.name : undefined;
    // A merge keeps what is not given; PUT clears the description it is not given (null removes it).
    const description = input.description ?? (mode === 'replace' ? null : undefined);
    const members = input.users ?? (mode === 'replace' ? [] : undefined);
    await entities.writeEntity(
      actor,
      TEAM_BLUEPRINT,
      {
        ...(renamed ? { identifier: renamed } : {}),
        ...(description !== undefined ? { properties: { description } } : {}),
      },
      MERGE,
      name,
    );
    const finalName = renamed ?? name;
    if (members) await setMembers(actor, finalName, members);
    return getTeam(actor, finalName);
  }

  async function deleteTeam(actor: Actor, name: string) {
    requireAdmin(actor, 'delete teams');
    await teamEntity(actor, name);
    await entities.deleteEntities(actor, TEAM_BLUEPRINT, [name], { deleteDependents: false });
  }

  /** Makes `emails` the team's members: adds the team to each of them and removes it from everyone else. */
  async function setMembers(actor: Actor, team: string, emails: string[]) {
    const wanted = new Set(emails);
    const current = await membersOf(actor, team);
    for (const user of current)
      if (!wanted.has(user.identifier))
        await entities.writeEntity(
          actor,
          USER_BLUEPRINT,
          { team: user.team.filter((t) => t !== team) },
          MERGE,
          user.identifier,
        );
    const already = new Set(current.map((u) => u.identifier));
    for (const email of wanted)
      if (!already.has(email)) {
        const user = await userEntity(actor, email);
        await entities.writeEntity(actor, USER_BLUEPRINT, { team: [...user.team, team] }, MERGE, email);
      }
  }

  return {
    listUsers,
    getUser,
    inviteUser,
    updateUser,
    deleteUser,
    listTeams,
    getTeam,
    createTeam,
    updateTeam,
    deleteTeam,
  };
}
