import { DomainError, unprocessable } from '../errors.js';
import { existingPeople } from '../identity/permissions.repo.js';
import { findBlueprint } from '../catalog/blueprint.repo.js';
import { checkSearchQueryShape } from '../search/search.shape.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { ActionPermissionsChange } from './action-permissions.js';

const fail = (field: string, message: string) =>
  unprocessable('invalid_permissions', `${field} ${message}`, { field });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const GRANT_KEYS = ['roles', 'users', 'teams', 'ownedByTeam', 'policy'];

/**
 * A PATCH of an action's permissions must be well formed — grants of roles, users and teams, and policies
 * of search queries and jq conditions — before anything it names is looked up or compiled.
 */
export function checkPermissionsShape(change: ActionPermissionsChange) {
  for (const key of Object.keys(change))
    if (key !== 'execute' && key !== 'approve')
      throw fail(key, 'is not a permission: use execute or approve');
  for (const kind of ['execute', 'approve'] as const) {
    const grant = change[kind];
    if (grant === undefined) continue;
    if (!isObject(grant)) throw fail(kind, 'must be an object');
    for (const key of Object.keys(grant))
      if (!GRANT_KEYS.includes(key)) throw fail(`${kind}.${key}`, 'is not a field of a permission');
    if (grant.ownedByTeam !== undefined && typeof grant.ownedByTeam !== 'boolean')
      throw fail(`${kind}.ownedByTeam`, 'must be true or false');
    for (const list of ['roles', 'users', 'teams'] as const) {
      const names = grant[list];
      if (names !== undefined && (!Array.isArray(names) || !names.every((n) => typeof n === 'string')))
        throw fail(`${kind}.${list}`, 'must be an array of strings');
    }
    if (grant.policy !== undefined && grant.policy !== null) checkPolicyShape(kind, grant.policy);
  }
}

/** The roles, users and teams a (well-formed) PATCH names must exist. */
export async function checkPermissionsNames(db: Db, dialect: Dialect, change: ActionPermissionsChange) {
  for (const kind of ['execute', 'approve'] as const) {
    const grant = change[kind];
    if (grant === undefined) continue;
    await checkRoles(db, dialect, kind, grant.roles ?? []);
    for (const list of ['users', 'teams'] as const) {
      const named = grant[list] ?? [];
      const found = await existingPeople(db, list, named);
      const missing = named.findIndex((name) => !found.has(name));
      if (missing >= 0) throw fail(`${kind}.${list}[${missing}]`, `"${named[missing]}" does not exist`);
    }
  }
}

async function checkRoles(db: Db, dialect: Dialect, kind: string, roles: string[]) {
  for (const [index, role] of roles.entries()) {
    if (role === 'Admin' || role === 'Member') continue;
    const moderated = role.endsWith('-moderator') ? role.slice(0, -'-moderator'.length) : undefined;
    if (!moderated || !(await findBlueprint(db, dialect, moderated)))
      throw fail(
        `${kind}.roles[${index}]`,
        `"${role}" is not a role (Admin, Member, or <blueprint>-moderator of an existing blueprint)`,
      );
  }
}

function checkPolicyShape(kind: string, policy: unknown) {
  if (!isObject(policy))
    throw fail(`${kind}.policy`, 'must be an object with queries and conditions, or null');
  for (const key of Object.keys(policy))
    if (key !== 'queries' && key !== 'conditions')
      throw fail(`${kind}.policy.${key}`, 'is not a field of a policy');
  if (!isObject(policy.queries)) throw fail(`${kind}.policy.queries`, 'must be an object of search queries');
  for (const [name, query] of Object.entries(policy.queries))
    checkPolicyQuery(`${kind}.policy.queries.${name}`, query);
  if (
    !Array.isArray(policy.conditions) ||
    !policy.conditions.length ||
    !policy.conditions.every((c) => typeof c === 'string' && c.trim())
  )
    throw fail(`${kind}.policy.conditions`, 'must be a non-empty array of jq expressions');
}

/** A policy's query is searched at run time, its `{{ }}` values rendered first: its shape is checked now. */
function checkPolicyQuery(field: string, query: unknown) {
  try {
    checkSearchQueryShape(query);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'invalid_search_query') throw error;
    const rule = String(error.details?.rule);
    const at = rule === 'query' ? field : `${field}.${rule}`;
    throw fail(at, error.message.slice(`${rule}: `.length));
  }
}
