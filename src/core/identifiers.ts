/** Port's identifier rules (port-model §1.1, §2.1), shared by the API schemas and the services. */
export const BLUEPRINT_IDENTIFIER_PATTERN = '^(?!\\.{1,2}$)[\\p{L}0-9@_.+:\\\\/-]+$';
export const ENTITY_IDENTIFIER_PATTERN = '^(?!\\.{1,2}$)[\\p{L}0-9@_.+:\\\\/=-]+$';
export const PROPERTY_IDENTIFIER_PATTERN = '^[A-Za-z0-9@_=\\-]+$';
/** Port's team names (§9.5): no ; # / ? anywhere and no whitespace at either end, so "Team Alpha" is one. */
export const TEAM_NAME_PATTERN = '^[^;#/?\\s](?:[^;#/?]*[^;#/?\\s])?$';
export const TEAM_NAME_MAX = 200;

export const BLUEPRINT_IDENTIFIER_MAX = 100;
export const ENTITY_IDENTIFIER_MAX = 1000;
export const PROPERTY_IDENTIFIER_MAX = 100;

const blueprintRe = new RegExp(BLUEPRINT_IDENTIFIER_PATTERN, 'u');
const entityRe = new RegExp(ENTITY_IDENTIFIER_PATTERN, 'u');
const propertyRe = new RegExp(PROPERTY_IDENTIFIER_PATTERN, 'u');
const teamRe = new RegExp(TEAM_NAME_PATTERN, 'u');

/** True when `id` is a valid blueprint identifier, e.g. `isBlueprintIdentifier('service') === true`. */
export function isBlueprintIdentifier(id: unknown): id is string {
  return typeof id === 'string' && id.length <= BLUEPRINT_IDENTIFIER_MAX && blueprintRe.test(id);
}

/** True when `id` is a valid entity identifier, e.g. `isEntityIdentifier('cart-api') === true`. */
export function isEntityIdentifier(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= ENTITY_IDENTIFIER_MAX && entityRe.test(id);
}

/** True for a property, relation or computed-property key, e.g. `isPropertyIdentifier('on-call') === true`. */
export function isPropertyIdentifier(id: unknown): id is string {
  return typeof id === 'string' && id.length <= PROPERTY_IDENTIFIER_MAX && propertyRe.test(id);
}

/** True for a team name, e.g. `isTeamName('Team Alpha') === true`, `isTeamName('a/b') === false`. */
export function isTeamName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= TEAM_NAME_MAX && teamRe.test(name);
}

/** The identifier rule of `blueprint`'s entities: team names for `_team`, entity identifiers elsewhere. */
export function isIdentifierOf(blueprint: string, id: unknown): id is string {
  return blueprint === '_team' ? isTeamName(id) : isEntityIdentifier(id);
}

const emailRe = /^[^\s@]+@[^\s@]+$/;

/** A user's identifier: an email address that is also a valid entity identifier (it names a _user). */
export function isUserEmail(value: unknown): value is string {
  return isEntityIdentifier(value) && emailRe.test(value);
}
