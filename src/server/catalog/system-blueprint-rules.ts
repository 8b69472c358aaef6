import { isDeepStrictEqual } from 'node:util';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import {
  isSystemBlueprint,
  systemPropertiesOf,
  TEAM_BLUEPRINT,
  USER_BLUEPRINT,
} from '../../core/system-blueprints.js';
import { forbidden, unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { PlannedWrite } from './entity-write.js';

/**
 * `_user` and `_team` are extend-only: users may add properties and relations, but what Portico relies on
 * (their own properties and required list) stays as it is, and the blueprints stay.
 */
export function checkSystemBlueprintChange(before: BlueprintDefinition, after: BlueprintDefinition | null) {
  if (!isSystemBlueprint(before.identifier)) return;
  if (!after)
    throw unprocessable(
      'system_blueprint',
      `Blueprint "${before.identifier}" is Portico's own and cannot be deleted`,
    );
  for (const [key, definition] of Object.entries(systemPropertiesOf(before.identifier))) {
    // A blueprint created by an older Portico gains the properties added since, as Portico defines them.
    const expected = before.schema.properties[key] ?? definition;
    if (!isDeepStrictEqual(after.schema.properties[key], expected))
      throw unprocessable(
        'system_blueprint',
        `schema.properties.${key}: the property "${key}" of "${before.identifier}" is Portico's own and cannot be changed or removed`,
      );
    if (before.schema.required.includes(key) && !after.schema.required.includes(key))
      throw unprocessable(
        'system_blueprint',
        `schema.required: "${key}" of "${before.identifier}" must stay required`,
      );
  }
}

/** A rename of a system blueprint's own property. */
export function checkSystemKeyRename(blueprint: BlueprintDefinition, key: string) {
  if (key in systemPropertiesOf(blueprint.identifier))
    throw unprocessable(
      'system_blueprint',
      `"${key}" of "${blueprint.identifier}" is Portico's own and cannot be renamed`,
    );
}

/** What decides what a user may do: who may change it decides who is Admin (the values a new user gets). */
const USER_ACCESS_FIELDS: ReadonlyArray<[key: string, label: string, fresh: readonly unknown[]]> = [
  ['port_role', 'role', [undefined, 'Member']],
  ['status', 'status', [undefined, 'Invited']],
  ['moderated_blueprints', 'moderated blueprints', [undefined]],
];

const onlyAdmins = (field: string, what: string) =>
  forbidden(
    `${field}: only an Admin can ${what}, whatever the blueprint's permissions grant (moderators included)`,
  );

/**
 * A user's role, status, moderated blueprints, teams (membership, which ownership grants follow) and
 * identity, and a team's identity (its members follow a rename), are an Admin's to change: a grant on
 * `_user` or `_team`, a `_user-moderator` or `_team-moderator` role included, does not reach them. A
 * non-Admin may create a user only as a fresh Member (invited, in no team, moderating nothing).
 */
export function checkPeopleChange(blueprint: string, plan: PlannedWrite, actor: Actor) {
  if (isAdmin(actor) || (blueprint !== USER_BLUEPRINT && blueprint !== TEAM_BLUEPRINT)) return;
  const before = plan.existing?.state;
  if (plan.rename && before && plan.rename !== before.identifier)
    throw onlyAdmins('identifier', `rename a ${blueprint === USER_BLUEPRINT ? 'user' : 'team'}`);
  if (blueprint !== USER_BLUEPRINT) return;
  const after = plan.state;
  for (const [key, label, fresh] of USER_ACCESS_FIELDS) {
    const value = after.properties[key];
    const unchanged = before
      ? isDeepStrictEqual(value ?? null, before.properties[key] ?? null)
      : fresh.some((allowed) => isDeepStrictEqual(value, allowed)) ||
        (Array.isArray(value) && value.length === 0);
    if (!unchanged) throw onlyAdmins(`properties.${key}`, `set a user's ${label}`);
  }
  const teams = [...after.team].sort();
  const had = [...(before?.team ?? [])].sort();
  if (!isDeepStrictEqual(teams, had)) throw onlyAdmins('team', 'change the teams a user belongs to');
}

/** Deleting a user or a team takes people out of teams, which ownership grants follow: Admins only. */
export function checkPeopleDeletion(blueprint: string, identifier: string, actor: Actor) {
  if (isAdmin(actor) || (blueprint !== USER_BLUEPRINT && blueprint !== TEAM_BLUEPRINT)) return;
  throw onlyAdmins(
    'identifier',
    `delete a ${blueprint === USER_BLUEPRINT ? 'user' : 'team'} ("${identifier}")`,
  );
}
