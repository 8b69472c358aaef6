import type { PortUser } from '../../api/people.queries';

const MODERATOR = '-moderator';

/** Port's roles as the two choices of the forms: Admin or Member, and the blueprints moderated. */
export function splitRoles(roles: string[]) {
  return {
    role: roles.includes('Admin') ? 'Admin' : 'Member',
    moderated: roles.filter((r) => r.endsWith(MODERATOR)).map((r) => r.slice(0, -MODERATOR.length)),
  };
}

export const joinRoles = (role: string, moderated: string[]) => [
  role,
  ...moderated.map((b) => `${b}${MODERATOR}`),
];

export const roleNames = (user: PortUser) => user.roles.map((r) => r.name);

/** Every role a grant may name: Admin, Member, and a moderator role per blueprint. */
export const allRoles = (blueprints: string[]) => [
  'Admin',
  'Member',
  ...blueprints.map((b) => `${b}${MODERATOR}`),
];

/** The blueprints the session's roles moderate. */
export const moderatedBy = (roles: string[]) => splitRoles(roles).moderated;
