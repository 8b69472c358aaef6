import type { BlueprintDefinition } from '../../core/blueprint.js';
import { insertAuditRecords, type AuditRecord } from '../audit/audit.repo.js';
import type { AccessPolicy, BlueprintGate } from '../catalog/access.js';
import { announceCommitted, type CommitListener } from '../catalog/catalog-changes.js';
import {
  bumpBlueprintVersion,
  changeBlueprint,
  findBlueprint,
  listBlueprints,
} from '../catalog/blueprint.repo.js';
import { DomainError, forbidden, notFound, unprocessable } from '../errors.js';
import { compileSearchQuery } from '../search/search.compiler.js';
import { DATASOURCE } from '../../core/search.js';
import { userContextOf } from '../search/search.user-context.repo.js';
import type { Database, Db } from '../storage/database.js';
import { mayModel, type Actor } from './actor.js';
import {
  defaultPermissions,
  effectivePermissions,
  ENTITY_ACTIONS,
  gateFor,
  type BlueprintPermissions,
  type Grant,
  type StoredPermissions,
} from './permissions.js';
import * as repo from './permissions.repo.js';
import { deepFreeze as frozen } from '../../core/deep-freeze.js';
import { modelCache } from '../catalog/model-cache.js';

export type PermissionsService = ReturnType<typeof createPermissionsService>;

const keysOf = (blueprint: BlueprintDefinition) => ({
  properties: Object.keys(blueprint.schema.properties ?? {}),
  relations: Object.keys(blueprint.relations ?? {}),
});

/**
 * Blueprint permissions (Port's GET/PATCH /v1/blueprints/{bp}/permissions) and the access policy the
 * catalog enforces for every caller: API, browser, and later actions and automations.
 */
export function createPermissionsService(
  database: Database,
  now = () => new Date().toISOString(),
  /** Told of each change once it has committed, as a change of its blueprint (see the catalog's context). */
  onCommitted: readonly CommitListener[] = [],
) {
  const { db, dialect } = database;
  const models = modelCache(database);
  async function permissionsOf(blueprint: BlueprintDefinition): Promise<BlueprintPermissions> {
    const stored = (await repo.findStoredPermissions(db, dialect, blueprint.identifier)) ?? {};
    return effectivePermissions(defaultPermissions(blueprint.identifier, keysOf(blueprint)), stored);
  }

  async function loadBlueprint(identifier: string) {
    const stored = await findBlueprint(db, dialect, identifier);
    if (!stored) throw notFound(`Blueprint "${identifier}" was not found`);
    return stored.blueprint as BlueprintDefinition;
  }

  async function get(actor: Actor, blueprint: string): Promise<BlueprintPermissions> {
    const definition = await loadBlueprint(blueprint);
    if (!mayModel(actor, blueprint))
      throw forbidden(`Only an Admin or a moderator of "${blueprint}" can see its permissions`);
    return permissionsOf(definition);
  }

  /** Port's PATCH: each grant field given replaces that field; whatever is omitted stays as it was. */
  async function update(
    actor: Actor,
    blueprint: string,
    change: StoredPermissions,
  ): Promise<BlueprintPermissions> {
    // Checked and merged against the blueprint and permissions as they are inside the transaction, one
    // change of the data model at a time.
    const changed = await changeBlueprint(
      { db, dialect },
      blueprint,
      async (trx, { blueprint: definition }) => {
        if (!mayModel(actor, blueprint))
          throw forbidden(`Only an Admin or a moderator of "${blueprint}" can change its permissions`);
        await checkChange(trx, definition, change);
        if (change.entities?.read?.policy !== undefined)
          await checkPolicy(actor, definition, change.entities.read.policy, trx);
        const stored = (await repo.findStoredPermissions(trx, dialect, blueprint)) ?? {};
        const merged = mergeStored(stored, change);
        const at = now();
        await repo.saveStoredPermissions(trx, dialect, blueprint, merged, actor.id, at);
        // Writes of its entities allowed by the permissions before are checked again, not committed.
        await bumpBlueprintVersion(trx, blueprint);
        const defaults = defaultPermissions(blueprint, keysOf(definition));
        const after = effectivePermissions(defaults, merged);
        const before = effectivePermissions(defaults, stored);
        await insertAuditRecords(trx, dialect, [permissionsAuditRecord(actor, at, blueprint, before, after)]);
        return after;
      },
    );
    announceCommitted(onCommitted, [{ kind: 'blueprint', blueprint, action: 'updated' }]);
    return changed;
  }

  /** Every role, user, team, property and relation a change names must exist. */
  async function checkChange(trx: Db, definition: BlueprintDefinition, change: StoredPermissions) {
    const entities = change.entities ?? {};
    const grants: Array<[string, Partial<Grant>]> = [];
    for (const action of ENTITY_ACTIONS)
      if (entities[action]) grants.push([`entities.${action}`, entities[action]]);
    const keys = keysOf(definition);
    for (const [kind, known] of [
      ['updateProperties', keys.properties],
      ['updateRelations', keys.relations],
    ] as const)
      for (const [key, value] of Object.entries(entities[kind] ?? {})) {
        if (!known.includes(key))
          throw unprocessable(
            'invalid_permissions',
            `entities.${kind}.${key}: "${definition.identifier}" has no ${kind === 'updateProperties' ? 'property' : 'relation'} "${key}"`,
          );
        grants.push([`entities.${kind}.${key}`, value]);
      }
    const blueprints = new Set((await listBlueprints(trx, dialect)).map((b) => b.blueprint.identifier));
    for (const [path, grant] of grants) {
      grant.roles?.forEach((role, i) => {
        const moderated = role.endsWith('-moderator') ? role.slice(0, -'-moderator'.length) : undefined;
        if (role !== 'Admin' && role !== 'Member' && !(moderated && blueprints.has(moderated)))
          throw unprocessable(
            'invalid_permissions',
            `${path}.roles[${i}]: "${role}" is not a role (Admin, Member, or <blueprint>-moderator of an existing blueprint)`,
          );
      });
      for (const kind of ['users', 'teams'] as const) {
        const named = grant[kind] ?? [];
        const found = await repo.existingPeople(trx, kind, named);
        const missing = named.findIndex((name) => !found.has(name));
        if (missing >= 0)
          throw unprocessable(
            kind === 'users' ? 'user_not_found' : 'team_not_found',
            `${path}.${kind}[${missing}]: ${kind === 'users' ? 'user' : 'team'} "${named[missing]}" does not exist`,
          );
      }
    }
  }

  const policy: AccessPolicy = {
    async gates(actor, blueprints, known) {
      // The permissions as they are now (the model cache checks that nothing changed since it read them),
      // or as the caller read them for its request; worked out once per definition while they stay so.
      const model = known ?? (await models.snapshot());
      const gates = new Map<string, BlueprintGate>();
      let context: PolicyContext | undefined;
      for (const blueprint of blueprints) {
        const permissions = model.derived('permissions', blueprint, () =>
          frozen(
            effectivePermissions(
              defaultPermissions(blueprint.identifier, keysOf(blueprint)),
              model.permissions.get(blueprint.identifier) ?? {},
            ),
          ),
        );
        const gate = gateFor(actor, blueprint.identifier, permissions);
        const policy = permissions.entities.read.policy;
        gates.set(
          blueprint.identifier,
          gate.readsAll || policy === undefined
            ? gate
            : {
                ...gate,
                policy: await readPolicy(actor, blueprint, policy, (context ??= policyContext(actor))),
              },
        );
      }
      return gates;
    },
    checkModelChange(actor, blueprint) {
      if (!mayModel(actor, blueprint))
        throw forbidden(
          blueprint === undefined
            ? 'Only an Admin can create blueprints'
            : `Only an Admin or a moderator of "${blueprint}" can change it`,
        );
    },
  };

  /**
   * Port's read policy for `actor` on `blueprint`: a search query, with the user's and their teams'
   * properties filled in, that the entities it may read in addition match.
   */
  async function readPolicy(
    actor: Actor,
    blueprint: BlueprintDefinition,
    policy: unknown,
    context: PolicyContext = policyContext(actor),
  ) {
    const { blueprints, user } = await context;
    return compileSearchQuery(policy, { dialect, blueprints, blueprint: blueprint.identifier, user }).where;
  }

  /** What compiling policies needs, read once however many blueprints have one. */
  async function policyContext(actor: Actor, source: Db = db) {
    const stored = await listBlueprints(source, dialect);
    return {
      blueprints: new Map(stored.map((b) => [b.blueprint.identifier, b.blueprint as BlueprintDefinition])),
      user: await userContextOf(source, dialect, actor),
    };
  }
  type PolicyContext = ReturnType<typeof policyContext>;

  /** A policy must compile: checked with the changing user's own context, its errors named under the field. */
  async function checkPolicy(actor: Actor, blueprint: BlueprintDefinition, policy: unknown, trx: Db) {
    // A policy judges the past too (history, as_of), and history does not keep `$datasource`.
    if (namesProperty(policy, DATASOURCE))
      throw unprocessable(
        'invalid_permissions',
        `entities.read.policy: "${DATASOURCE}" cannot be used in a read policy: history does not keep it, and a policy also decides which past versions are read`,
      );
    try {
      await readPolicy(actor, blueprint, policy, policyContext(actor, trx));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw unprocessable(
        'invalid_permissions',
        `entities.read.policy.${error.message.replace(/^query: /, '')}`,
      );
    }
  }

  return { get, update, policy };
}

/** Whether a rule anywhere in `query` (however deep its groups) is on `property`. */
function namesProperty(query: unknown, property: string): boolean {
  if (Array.isArray(query)) return query.some((item) => namesProperty(item, property));
  if (typeof query !== 'object' || query === null) return false;
  const node = query as Record<string, unknown>;
  return node.property === property || namesProperty(node.rules, property);
}

/** A blueprint's UPDATE whose diff holds its permissions (as GET answers them) before and after. */
function permissionsAuditRecord(
  actor: Actor,
  at: string,
  blueprint: string,
  before: BlueprintPermissions,
  after: BlueprintPermissions,
): AuditRecord {
  return {
    at,
    resourceType: 'blueprint',
    action: 'UPDATE',
    status: 'SUCCESS',
    identifier: blueprint,
    blueprint,
    entity: null,
    actor: actor.id,
    origin: actor.origin,
    context: { blueprint },
    diff: { before: { permissions: before }, after: { permissions: after } },
    message: 'Permissions changed',
  };
}

function mergeStored(stored: StoredPermissions, change: StoredPermissions): StoredPermissions {
  const merged = structuredClone(stored);
  const target = (merged.entities ??= {});
  const entities = change.entities ?? {};
  for (const action of ENTITY_ACTIONS)
    if (entities[action]) target[action] = { ...target[action], ...entities[action] };
  for (const kind of ['updateProperties', 'updateRelations'] as const)
    for (const [key, value] of Object.entries(entities[kind] ?? {}))
      (target[kind] ??= {})[key] = { ...target[kind]?.[key], ...value };
  return merged;
}
