import type { Entity } from '../../core/entity.js';
import { isUserEmail } from '../../core/identifiers.js';
import { TEAM_BLUEPRINT, USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { BlueprintService } from '../catalog/blueprint.service.js';
import type { EntityService, WriteOptions } from '../catalog/entity.service.js';
import type { TeamEdit } from '../catalog/entity-write.js';
import { managedTeamMembership } from '../catalog/entity-teams.js';
import { conflict, DomainError, forbidden, notFound, unprocessable } from '../errors.js';
import type { SearchService } from '../search/search.service.js';
import { isAdmin, type Actor } from './actor.js';
import { toPortTeam, toPortUser, type MemberProfile, type PortTeam, type PortUser } from './people.js';
import { providerOf } from './sso-teams.js';

export type PeopleService = ReturnType<typeof createPeopleService>;

export interface TeamInput {
  name?: string;
  /** null removes it. */
  description?: string | null;
  users?: string[];
  /** What member objects say of members who are not users yet (their names, whether disabled). */
  profiles?: ReadonlyMap<string, MemberProfile>;
}

const PAGE = 1000;
const WRITE = { createIfMissing: false, createMissingRelatedEntities: false, validationOnly: false };
const CREATE: WriteOptions = { ...WRITE, mode: 'create' };
const MERGE: WriteOptions = { ...WRITE, mode: 'merge' };

/**
 * Users and teams, Port's way (§9), kept as `_user` and `_team` entities: a user's teams are its entity's
 * `team` field, so membership, ownership and search all read the same rows.
 */
export function createPeopleService(
  entities: EntityService,
  search: SearchService,
  blueprints: BlueprintService,
  /** The email a user is stored under, found ignoring case (session.service's storedEmail). */
  storedEmail: (email: string) => Promise<string | undefined> = async () => undefined,
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

  /** Runs `work` on a user or team; its "not found" says so in Port's words ("User … does not exist"). */
  async function on<T>(blueprint: string, identifier: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      throw notFound(`${blueprint === USER_BLUEPRINT ? 'User' : 'Team'} "${identifier}" does not exist`);
    }
  }

  /** Refuses, naming its place in `field`, a member that is not an email address. */
  function checkEmails(emails: string[], field: string) {
    const bad = emails.findIndex((email) => !isUserEmail(email));
    if (bad >= 0)
      throw unprocessable('invalid_email', `${field}[${bad}]: "${emails[bad]}" is not an email address`);
  }

  /**
   * The users `emails` name (an email differing only in letter case names the same user). Those who are
   * not users yet are created, as invited Members (Disabled when their member object says so, titled with
   * its names), so that a team written back from another Portico or from Port keeps its members: Port's
   * backup tools restore teams, not users, and port-cli imports users and teams at the same time.
   */
  async function usersFor(
    actor: Actor,
    emails: string[],
    profiles: TeamInput['profiles'],
    field: string,
    attempt = 1,
  ): Promise<Entity[]> {
    checkEmails(emails, field);
    if (!emails.length) return [];
    const found = await all(actor, USER_BLUEPRINT, [
      { property: '$identifier', operator: 'in', value: emails },
    ]);
    const known = new Set(found.map((user) => user.identifier));
    const fresh: Array<{ identifier: string; title?: string; properties: Record<string, unknown> }> = [];
    for (const email of new Set(emails.filter((e) => !known.has(e)))) {
      const stored = await storedEmail(email);
      if (stored !== undefined) {
        if (!known.has(stored)) found.push(await entities.getEntity(actor, USER_BLUEPRINT, stored));
        known.add(stored);
        continue;
      }
      const profile = profiles?.get(email);
      fresh.push({
        identifier: email,
        ...(profile?.title ? { title: profile.title } : {}),
        properties: {
          port_role: 'Member',
          port_type: 'Standard',
          status: profile?.disabled ? 'Disabled' : 'Invited',
        },
      });
    }
    if (!fresh.length) return found;
    const { entities: created, errors } = await entities.writeEntities(actor, USER_BLUEPRINT, fresh, {
      ...CREATE,
      allOrNothing: true,
    });
    const failure = errors[0];
    // Created meanwhile (by a user import running beside the team's): read them as they now are.
    if (failure && attempt < 2 && errors.every((error) => error.statusCode === 409))
      return usersFor(actor, emails, profiles, field, attempt + 1);
    if (failure)
      throw unprocessable(
        failure.error,
        `${field}[${emails.indexOf(failure.identifier)}]: ${failure.identifier}: ${failure.message}`,
      );
    return [...found, ...created.map((item) => item.entity)];
  }

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

  function requireAdmin(actor: Actor, what: string) {
    if (!isAdmin(actor)) throw forbidden(`Only an Admin can ${what}`);
  }

  async function listUsers(actor: Actor): Promise<PortUser[]> {
    return (await all(actor, USER_BLUEPRINT)).map(toPortUser);
  }

  async function getUser(actor: Actor, email: string): Promise<PortUser> {
    return toPortUser(
      await on(USER_BLUEPRINT, email, () => entities.getEntity(actor, USER_BLUEPRINT, email)),
    );
  }

  /** A `_user` with status Invited; an existing user answers 409 (entity_exists). */
  async function inviteUser(actor: Actor, invitee: { email: string; roles?: string[]; teams?: string[] }) {
    requireAdmin(actor, 'invite users');
    if (!isUserEmail(invitee.email))
      throw unprocessable('invalid_email', `invitee.email: "${invitee.email}" is not an email address`);
    const roles = await parseRoles(actor, invitee.roles ?? [], 'invitee.roles');
    // Emails ignore case, as identity providers do: Alice@example.com is alice@example.com.
    const existing = await storedEmail(invitee.email);
    if (existing !== undefined)
      throw conflict(
        'entity_exists',
        `invitee.email: user "${existing}" already exists (emails ignore case)`,
      );
    const { entity } = await entities.writeEntity(
      actor,
      USER_BLUEPRINT,
      {
        identifier: invitee.email,
        team: invitee.teams ?? [],
        properties: { ...roles, port_type: 'Standard', status: 'Invited' },
      },
      CREATE,
    );
    return toPortUser(entity);
  }

  async function updateUser(actor: Actor, email: string, change: { roles?: string[]; teams?: string[] }) {
    requireAdmin(actor, 'change users');
    const properties = change.roles ? await parseRoles(actor, change.roles, 'roles') : undefined;
    const input = { ...(properties ? { properties } : {}), ...(change.teams ? { team: change.teams } : {}) };
    const { entity } = await on(USER_BLUEPRINT, email, () =>
      entities.writeEntity(actor, USER_BLUEPRINT, input, MERGE, email),
    );
    return toPortUser(entity);
  }

  async function deleteUser(actor: Actor, email: string) {
    requireAdmin(actor, 'delete users');
    await on(USER_BLUEPRINT, email, () =>
      entities.deleteEntities(actor, USER_BLUEPRINT, [email], { deleteDependents: false }),
    );
  }

  async function listTeams(actor: Actor): Promise<PortTeam[]> {
    const [teams, users] = await Promise.all([all(actor, TEAM_BLUEPRINT), all(actor, USER_BLUEPRINT)]);
    const members = new Map<string, Entity[]>();
    for (const user of users)
      for (const team of user.team) members.set(team, [...(members.get(team) ?? []), user]);
    return teams.map((team) => toPortTeam(team, members.get(team.identifier) ?? []));
  }

  async function getTeam(actor: Actor, name: string): Promise<PortTeam> {
    const team = await on(TEAM_BLUEPRINT, name, () => entities.getEntity(actor, TEAM_BLUEPRINT, name));
    return toPortTeam(team, await membersOf(actor, name));
  }

  async function createTeam(actor: Actor, input: TeamInput & { name: string }): Promise<PortTeam> {
    requireAdmin(actor, 'create teams');
    checkEmails(input.users ?? [], 'users');
    const properties = input.description !== undefined ? { description: input.description } : {};
    await entities.writeEntity(actor, TEAM_BLUEPRINT, { identifier: input.name, properties }, CREATE);
    try {
      await setMembers(actor, input.name, input.users ?? [], input.profiles);
    } catch (error) {
      // The members are a second write (another blueprint): if it fails, the team goes too.
      await entities.deleteEntities(actor, TEAM_BLUEPRINT, [input.name], { deleteDependents: false });
      throw error;
    }
    return getTeam(actor, input.name);
  }

  /** PATCH changes what it is given; PUT also empties the description and the members it is not given. */
  async function updateTeam(actor: Actor, name: string, input: TeamInput, mode: 'merge' | 'replace') {
    requireAdmin(actor, 'change teams');
    if (input.users) checkEmails(input.users, 'users');
    if (input.users || mode === 'replace') await checkMembersMayChange(actor, name, input.users ?? []);
    const renamed = input.name !== undefined && input.name !== name ? input.name : undefined;
    // A merge keeps what is not given; PUT clears the description it is not given (null removes it).
    const description =
      input.description !== undefined ? input.description : mode === 'replace' ? null : undefined;
    const change = {
      ...(renamed ? { identifier: renamed } : {}),
      ...(description !== undefined ? { properties: { description } } : {}),
    };
    if (
      renamed &&
      (await all(actor, TEAM_BLUEPRINT, [{ property: '$identifier', operator: '=', value: renamed }])).length
    )
      throw conflict('entity_exists', `name: team "${renamed}" already exists`);
    // Members first, all or none: a refusal of one (a user deleted meanwhile) leaves the team as it was.
    // The rename then carries them along with what the team owns (see entity-commit.ts).
    if (input.users || mode === 'replace') await setMembers(actor, name, input.users ?? [], input.profiles);
    await on(TEAM_BLUEPRINT, name, () => entities.writeEntity(actor, TEAM_BLUEPRINT, change, MERGE, name));
    return getTeam(actor, renamed ?? name);
  }

  async function deleteTeam(actor: Actor, name: string) {
    requireAdmin(actor, 'delete teams');
    await on(TEAM_BLUEPRINT, name, () =>
      entities.deleteEntities(actor, TEAM_BLUEPRINT, [name], { deleteDependents: false }),
    );
  }

  /**
   * Refuses, before anything is written, to change who is in a team that single sign-on manages (the
   * users' write would refuse it too, but only after the team's own).
   */
  async function checkMembersMayChange(actor: Actor, team: string, emails: string[]) {
    const entity = await on(TEAM_BLUEPRINT, team, () => entities.getEntity(actor, TEAM_BLUEPRINT, team));
    const provider = providerOf(entity);
    if (!provider) return;
    const members = new Set((await membersOf(actor, team)).map((user) => user.identifier));
    if (members.size !== new Set(emails).size || emails.some((email) => !members.has(email)))
      throw managedTeamMembership(team, provider);
  }

  /**
   * Makes `emails` the team's members, in one bulk write of the users whose teams change. Users are read
   * here, after the team's own write, which may have renamed the team in their lists. Each user's teams
   * gain or lose this one team as they are when the write commits: other teams' changes stay.
   */
  async function setMembers(actor: Actor, team: string, emails: string[], profiles?: TeamInput['profiles']) {
    const users = await usersFor(actor, emails, profiles, 'users');
    const wanted = new Set(users.map((user) => user.identifier));
    const leaving = (await membersOf(actor, team)).filter((user) => !wanted.has(user.identifier));
    const teamEdits = new Map<string, TeamEdit>([
      ...leaving.map((user) => [user.identifier, { add: [], remove: [team] }] as const),
      ...users
        .filter((user) => !user.team.includes(team))
        .map((user) => [user.identifier, { add: [team], remove: [] }] as const),
    ]);
    if (!teamEdits.size) return;
    const changes = [...teamEdits.keys()].map((identifier) => ({ identifier }));
    const { errors } = await entities.writeEntities(actor, USER_BLUEPRINT, changes, {
      ...MERGE,
      teamEdits,
      allOrNothing: true,
    });
    if (errors[0])
      throw unprocessable(errors[0].error, `users: ${errors[0].identifier}: ${errors[0].message}`);
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
