import type { BlueprintGate, EntityChange, GuardedEntity } from '../catalog/access.js';
import { mayModel, roleNamesOf, type Actor } from './actor.js';
import {
  ENTITY_ACTIONS,
  type BlueprintPermissions,
  type Grant,
  type PermissionsChange,
} from '../../core/permissions.js';

export { ENTITY_ACTIONS } from '../../core/permissions.js';
export type { BlueprintPermissions, EntityAction, Grant } from '../../core/permissions.js';
/** A stored change to the defaults: only what was set. */
export type StoredPermissions = PermissionsChange;

const grant = (roles: string[]): Grant => ({ roles, users: [], teams: [], ownedByTeam: false });

/**
 * Port's defaults: everyone reads; Admins and the blueprint's moderators change. The granular grants default
 * to the same as `update` and are listed per property and relation, as Port lists them.
 */
export function defaultPermissions(
  blueprint: string,
  keys: { properties: string[]; relations: string[] },
): BlueprintPermissions {
  const moderator = `${blueprint}-moderator`;
  const writers = () => grant(['Admin', moderator]);
  return {
    entities: {
      read: grant(['Admin', moderator, 'Member']),
      register: writers(),
      update: writers(),
      unregister: writers(),
      updateProperties: Object.fromEntries(keys.properties.map((key) => [key, writers()])),
      updateRelations: Object.fromEntries(keys.relations.map((key) => [key, writers()])),
    },
  };
}

/** The defaults with the stored changes laid over them, grant field by grant field. */
export function effectivePermissions(
  defaults: BlueprintPermissions,
  stored: StoredPermissions,
): BlueprintPermissions {
  const merged = structuredClone(defaults);
  const changes = stored.entities ?? {};
  for (const action of ENTITY_ACTIONS) Object.assign(merged.entities[action], changes[action] ?? {});
  for (const kind of ['updateProperties', 'updateRelations'] as const)
    for (const [key, change] of Object.entries(changes[kind] ?? {}))
      if (Object.hasOwn(merged.entities[kind], key)) Object.assign(merged.entities[kind][key]!, change);
  return merged;
}

/** Whether `grant` lets the actor act, leaving ownership aside. */
export function grantsOutright(grant: Grant | undefined, actor: Actor, roles: string[]): boolean {
  if (!grant) return false;
  return (
    grant.roles.some((role) => roles.includes(role)) ||
    grant.users.includes(actor.id) ||
    grant.teams.some((team) => actor.teams.includes(team))
  );
}

const ownsAny = (actor: Actor, team: readonly string[]) => team.some((t) => actor.teams.includes(t));

/** A property's or relation's own grant: a property called `constructor` must not find Object's. */
const ownGrant = (grants: Record<string, Grant>, key: string) =>
  Object.hasOwn(grants, key) ? grants[key] : undefined;

function grants(grant: Grant | undefined, actor: Actor, roles: string[], owners: readonly string[]): boolean {
  return grantsOutright(grant, actor, roles) || (!!grant?.ownedByTeam && ownsAny(actor, owners));
}

/** What changes between two states of an entity, as permission names. */
function changedFields(before: GuardedEntity, after: GuardedEntity) {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const meta =
    before.identifier !== after.identifier ||
    !same(before.title, after.title) ||
    !same(before.icon, after.icon) ||
    !same([...before.team].sort(), [...after.team].sort());
  const properties = [
    ...new Set([...Object.keys(before.properties), ...Object.keys(after.properties)]),
  ].filter((key) => !same(before.properties[key], after.properties[key]));
  const relations = [...new Set([...before.relations.keys(), ...after.relations.keys()])].filter(
    (key) => !same(before.relations.get(key) ?? [], after.relations.get(key) ?? []),
  );
  return { meta, properties, relations };
}

/**
 * The gate of one blueprint for one actor. Admins, the blueprint's moderators and Portico itself may do
 * anything; others need a grant, by role, user, team or ownership of the entity (§9.2). A grant to
 * register, update or unregister implies read.
 */
export function gateFor(actor: Actor, blueprint: string, permissions: BlueprintPermissions): BlueprintGate {
  const { entities } = permissions;
  const everything = mayModel(actor, blueprint);
  const roles = roleNamesOf(actor);
  const readers = [entities.read, entities.register, entities.update, entities.unregister];
  const readsAll = everything || readers.some((g) => grantsOutright(g, actor, roles));
  const readsOwned = readers.some((g) => g.ownedByTeam);
  const writers = [
    entities.register,
    entities.update,
    ...Object.values(entities.updateProperties),
    ...Object.values(entities.updateRelations),
  ];
  const writesAny =
    everything ||
    writers.some((g) => grantsOutright(g, actor, roles) || (g.ownedByTeam && actor.teams.length > 0));

  function missing(change: EntityChange): string | undefined {
    if (everything) return undefined;
    if (change.action === 'register')
      return grants(entities.register, actor, roles, change.after.team) ? undefined : 'register';
    if (change.action === 'unregister')
      return grants(entities.unregister, actor, roles, change.before.team) ? undefined : 'unregister';
    const owners = change.before.team;
    if (grants(entities.update, actor, roles, owners)) return undefined;
    const changed = changedFields(change.before, change.after);
    if (changed.meta || (!changed.properties.length && !changed.relations.length)) return 'update';
    const property = changed.properties.find(
      (key) => !grants(ownGrant(entities.updateProperties, key), actor, roles, owners),
    );
    if (property !== undefined) return `updateProperties.${property}`;
    const relation = changed.relations.find(
      (key) => !grants(ownGrant(entities.updateRelations, key), actor, roles, owners),
    );
    return relation === undefined ? undefined : `updateRelations.${relation}`;
  }

  return {
    readsAll,
    readsOwned,
    writesAny,
    teams: actor.teams,
    canRead: (entity) => readsAll || (readsOwned && ownsAny(actor, entity.team)),
    missing,
  };
}
