import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../core/blueprint.js';
import { isAutomation, type Action, type ActionPermissions } from '../../core/action.js';
import { insertAuditRecords, type AuditRecord } from '../audit/audit.repo.js';
import { findBlueprint } from '../catalog/blueprint.repo.js';
import type { BlueprintDeletion } from '../catalog/catalog-context.js';
import { checkVersion } from '../catalog/versions.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors.js';
import { isAdmin, roleNamesOf, type Actor } from '../identity/actor.js';
import { grantsOutright } from '../identity/permissions.js';
import { batchedReads } from '../storage/batched-reads.js';
import type { Database, Db } from '../storage/database.js';
import {
  effectiveActionPermissions,
  managesAction,
  mayApproveByGrant,
  mayViewAction,
  mergeActionPermissions,
  type ActionPermissionsChange,
} from './action-permissions.js';
import { checkPermissionsNames, checkPermissionsShape } from './action-permissions-change.js';
import { normalizeAction, type ActionDefinition } from './action.rules.js';
import {
  blueprintOf,
  checkTimerProperty,
  definitionColumns,
  namedBlueprints,
  whoCreates,
} from './action-definition.js';
import { checkActionJq, checkPolicyJq } from './action-jq.js';
import { literalRefusalOf, type PrivateTargets } from './invokers/outbound.js';
import { ownApiServes } from './invokers/own-api.js';
import type { JqPool } from '../jq/jq-pool.js';
import * as repo from './action.repo.js';
import { declineRunsOfDeletedActions } from './run-system.js';

/** An action with what decides who may use it, as services need it. */
export interface StoredAction {
  action: Action;
  definition: ActionDefinition;
  permissions: ActionPermissions;
  version: string;
  /** An Admin wrote it last: its templates may read organisation secrets. */
  secretsAllowed: boolean;
}

export type ActionService = ReturnType<typeof createActionService>;

/** What `GET /v1/actions` asks for: the repo's filter, and Port's `published` (automations only). */
export interface ActionListFilter extends repo.ActionFilter {
  published?: boolean;
}

export function createActionService(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  now = () => new Date().toISOString(),
  /** Compiles the jq of definitions and policies as they are written (none: not checked). */
  jq?: JqPool,
  /** Private addresses webhooks may call (PORTICO_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: PrivateTargets = false,
  /** Where people reach Portico (PORTICO_PUBLIC_URL): an automation's WEBHOOK to it is answered in process. */
  portalUrl?: string,
) {
  /** A webhook URL written as a private address is refused now, not only when a run calls it. */
  function checkTargets(definition: ActionDefinition) {
    const method = definition.invocationMethod as { type: string; url?: unknown; agent?: unknown };
    const targets: Array<[string, unknown]> = [];
    if (method.type === 'WEBHOOK' && method.agent !== true)
      targets.push(['invocationMethod.url', method.url]);
    const notification = definition.approvalNotification as { url?: unknown } | undefined;
    targets.push(['approvalNotification.url', notification?.url]);
    for (const [field, url] of targets) {
      // An automation's call of Portico's own API does not leave the process (its address may be loopback).
      const inProcess =
        field === 'invocationMethod.url' &&
        isAutomation(definition) &&
        typeof url === 'string' &&
        ownApiServes(url, portalUrl);
      const refusal =
        typeof url === 'string' && !url.includes('{{') && !inProcess
          ? literalRefusalOf(url, allowPrivate)
          : undefined;
      if (refusal) throw unprocessable('invalid_action', `${field}: ${refusal}`, { field });
    }
  }

  function toStored(row: repo.ActionRow): StoredAction {
    const definition = JSON.parse(row.definition) as ActionDefinition;
    const stored = row.permissions ? (JSON.parse(row.permissions) as ActionPermissionsChange) : undefined;
    return {
      definition,
      action: {
        ...definition,
        id: row.id,
        createdAt: row.created_at,
        createdBy: row.created_by,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      },
      permissions: effectiveActionPermissions(stored),
      version: String(row.version),
      secretsAllowed: row.secrets_allowed === 1,
    };
  }

  const visible = (actor: Actor, stored: StoredAction) =>
    mayViewAction(actor, stored.definition, stored.permissions);

  async function list(actor: Actor, { published, ...filter }: ActionListFilter): Promise<Action[]> {
    const rows = await repo.listActionRows(db, filter);
    const wanted = (stored: StoredAction) =>
      published === undefined ||
      !isAutomation(stored.definition) ||
      (stored.definition.publish !== false) === published;
    return rows
      .map(toStored)
      .filter((stored) => visible(actor, stored) && wanted(stored))
      .map((stored) => stored.action);
  }

  /** Every action as stored, whoever asks: for services deciding about runs. */
  async function listStored(identifiers?: string[], source: Db = db): Promise<Map<string, StoredAction>> {
    if (identifiers && !identifiers.length) return new Map();
    const rows = await repo.listActionRows(source, identifiers ? { identifiers } : {});
    return new Map(rows.map((row) => [row.identifier, toStored(row)]));
  }

  /** The action, for anyone who may see it; an action the actor may not see does not exist for it. */
  // Runs of several actions arriving together read them in one query.
  const currentRow = batchedReads(
    async (identifiers: readonly string[]) =>
      new Map(
        (await repo.listActionRows(db, { identifiers: [...identifiers] })).map((row) => [
          row.identifier,
          row,
        ]),
      ),
  );

  async function find(actor: Actor, identifier: string, source: Db = db, lock = false) {
    const row =
      source === db && !lock
        ? await currentRow(identifier)
        : await repo.findActionRow(source, dialect, identifier, lock);
    const stored = row && toStored(row);
    if (!stored || !visible(actor, stored)) throw notFound(`Action "${identifier}" was not found`);
    return stored;
  }

  async function create(actor: Actor, body: JsonObject): Promise<StoredAction> {
    const definition = normalizeAction(body);
    if (!managesAction(actor, definition)) throw forbidden(whoCreates(definition));
    checkTargets(definition);
    // Only once the caller may write it: compiling its jq is work.
    if (jq) await checkActionJq(jq, definition);
    return db.transaction().execute(async (trx) => {
      await checkBlueprints(trx, definition);
      const at = now();
      const row: repo.ActionRow = {
        id: `action_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        identifier: definition.identifier,
        ...definitionColumns(definition),
        permissions: null,
        secrets_allowed: isAdmin(actor) ? 1 : 0,
        version: 1,
        created_at: at,
        created_by: actor.id,
        updated_at: at,
        updated_by: actor.id,
      };
      if (!(await repo.insertActionRow(trx, row)))
        throw conflict('identifier_taken', `identifier: an action "${definition.identifier}" already exists`);
      const stored = toStored(row);
      await audit(trx, actor, 'CREATE', stored, null, stored.action);
      return stored;
    });
  }

  /** PUT: the whole definition is replaced; with `ifMatch`, only if it is still at that version. */
  async function replace(
    actor: Actor,
    identifier: string,
    body: JsonObject,
    ifMatch?: readonly string[],
  ): Promise<StoredAction> {
    const definition = normalizeAction({ ...body, identifier: body.identifier ?? identifier });
    if (definition.identifier !== identifier)
      throw unprocessable('invalid_action', 'identifier must be the identifier in the path', {
        field: 'identifier',
      });
    const mayReplace = (current: StoredAction) => {
      for (const subject of [current.definition, definition])
        if (!managesAction(actor, subject))
          throw forbidden(
            isAutomation(subject)
              ? `Only an Admin can change automation "${identifier}" or make an action an automation`
              : `Only an Admin or a moderator of the action's blueprint can change "${identifier}"`,
          );
    };
    // Only once the caller may write it: compiling its jq is work.
    mayReplace(await find(actor, identifier));
    checkTargets(definition);
    if (jq) await checkActionJq(jq, definition);
    return db.transaction().execute(async (trx) => {
      const current = await find(actor, identifier, trx, true);
      checkVersion(ifMatch, current.version, `action "${identifier}"`);
      mayReplace(current);
      await checkBlueprints(trx, definition);
      const at = now();
      const changes = {
        ...definitionColumns(definition),
        secrets_allowed: isAdmin(actor) ? 1 : 0,
        updated_at: at,
        updated_by: actor.id,
      };
      if (!(await repo.updateActionRow(trx, identifier, Number(current.version), changes)))
        throw conflict('action_changed', `Action "${identifier}" changed meanwhile; read it again`);
      const row = await repo.findActionRow(trx, dialect, identifier);
      const stored = toStored(row!);
      await audit(trx, actor, 'UPDATE', stored, current.action, stored.action);
      return stored;
    });
  }

  async function remove(actor: Actor, identifier: string, ifMatch?: readonly string[]): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const current = await find(actor, identifier, trx, true);
      checkVersion(ifMatch, current.version, `action "${identifier}"`);
      if (!managesAction(actor, current.definition))
        throw forbidden(`Only an Admin or a moderator of the action's blueprint can delete "${identifier}"`);
      await repo.deleteActionRow(trx, identifier);
      await audit(trx, actor, 'DELETE', current, current.action, null);
      await declineRunsOfDeletedActions(trx, dialect, [identifier], now());
    });
  }

  /**
   * A blueprint is being deleted (in its transaction): with `deleteActions` (Port's `delete_actions=true`)
   * the actions on it (automations listening to its entities among them) are deleted and audited as each
   * delete is; without it the deletion is refused while any remains, naming them. Their runs that wait for
   * approval are declined, as when an action is deleted alone.
   *
   * A moderator may delete the blueprint and its actions, but not the automations listening to its entities:
   * only Admins see and delete those. While one remains the deletion is refused (403) before anything else,
   * without naming it, so the answer neither lists nor deletes what the caller cannot see.
   */
  async function deleteWithBlueprint(trx: Db, deletion: BlueprintDeletion): Promise<void> {
    const { actor, blueprint, deleteActions } = deletion;
    const rows = await repo.listActionRows(trx, { blueprints: [blueprint] });
    if (!rows.length) return;
    if (rows.some((row) => !managesAction(actor, toStored(row).definition)))
      throw forbidden(
        `Only an Admin can delete blueprint "${blueprint}": automations listen to its entities, and only Admins delete automations`,
      );
    const names = rows.map((row) => row.identifier);
    if (!deleteActions)
      throw conflict(
        'blueprint_has_actions',
        `Blueprint "${blueprint}" has actions ${names.map((n) => `"${n}"`).join(', ')}: pass delete_actions=true to delete them with it, or delete them first`,
        { actions: names },
      );
    for (const row of rows) {
      const stored = toStored(row);
      await repo.deleteActionRow(trx, row.identifier);
      await audit(trx, actor, 'DELETE', stored, stored.action, null);
    }
    await declineRunsOfDeletedActions(trx, dialect, names, now());
  }

  /** The action, for those who manage it: unseen answers 404 as a missing one, seen but not managed 403. */
  async function findManaged(actor: Actor, identifier: string, verb: string, source: Db = db, lock = false) {
    const current = await find(actor, identifier, source, lock);
    if (!managesAction(actor, current.definition))
      throw forbidden(`Only an Admin or a moderator of the action's blueprint can ${verb} its permissions`);
    return current;
  }

  async function getPermissions(actor: Actor, identifier: string): Promise<ActionPermissions> {
    return (await findManaged(actor, identifier, 'see')).permissions;
  }

  /**
   * Port's PATCH, merged against the permissions as they are inside the transaction. Who may change them is
   * decided first, then the change's shape, then its jq (the slow part), then the names it holds.
   */
  async function updatePermissions(
    actor: Actor,
    identifier: string,
    change: ActionPermissionsChange,
  ): Promise<ActionPermissions> {
    const managed = await findManaged(actor, identifier, 'change');
    if (isAutomation(managed.definition))
      throw unprocessable(
        'invalid_permissions',
        `Action "${identifier}" is an automation: its events start it and only Admins see it, so it has no execute or approve permissions`,
      );
    checkPermissionsShape(change);
    if (jq) await checkPolicyJq(jq, change);
    return db.transaction().execute(async (trx) => {
      const current = await findManaged(actor, identifier, 'change', trx, true);
      await checkPermissionsNames(trx, dialect, change);
      const row = await repo.findActionRow(trx, dialect, identifier);
      const stored = row!.permissions ? (JSON.parse(row!.permissions) as ActionPermissionsChange) : {};
      const merged = mergeActionPermissions(stored, change);
      const at = now();
      const written = await repo.updateActionRow(trx, identifier, row!.version, {
        permissions: JSON.stringify(merged),
        updated_at: at,
        updated_by: actor.id,
      });
      if (!written) throw conflict('action_changed', `Action "${identifier}" changed meanwhile; try again`);
      const after = effectiveActionPermissions(merged);
      await audit(
        trx,
        actor,
        'UPDATE',
        current,
        { permissions: current.permissions },
        { permissions: after },
      );
      return after;
    });
  }

  /** Every blueprint an action names must exist, and an automation's timer property be one. */
  async function checkBlueprints(trx: Db, definition: ActionDefinition) {
    for (const [field, blueprint] of namedBlueprints(definition)) {
      const found = await findBlueprint(trx, dialect, blueprint);
      if (!found)
        throw unprocessable('invalid_action', `${field}: blueprint "${blueprint}" does not exist`, { field });
      if (field === 'trigger.event.blueprintIdentifier')
        checkTimerProperty(definition, found.blueprint.schema.properties);
    }
  }

  async function audit(
    trx: Db,
    actor: Actor,
    action: AuditRecord['action'],
    stored: StoredAction,
    before: unknown,
    after: unknown,
  ) {
    await insertAuditRecords(trx, dialect, [
      {
        at: now(),
        resourceType: 'action',
        action,
        status: 'SUCCESS',
        identifier: stored.definition.identifier,
        blueprint: blueprintOf(stored.definition),
        entity: null,
        actor: actor.id,
        origin: actor.origin,
        context: { action: stored.definition.identifier },
        diff: { before, after },
      },
    ]);
  }

  /**
   * Port's permission strings for the actions the actor may run or approve (GET /v1/auth/permissions, read
   * by Port's MCP server): `execute:actions:<id>` when it may run it on any entity,
   * `execute:team_entities:actions:<id>` when only on entities its teams own, `approve:actions:<id>` when
   * it may approve its runs. Automations are run by events, never by hand: none of theirs.
   */
  async function permissionStrings(actor: Actor): Promise<string[]> {
    const strings: string[] = [];
    const roles = roleNamesOf(actor);
    for (const stored of (await repo.listActionRows(db, {})).map(toStored)) {
      const { definition, permissions } = stored;
      if (isAutomation(definition)) continue;
      const id = stored.action.identifier;
      if (managesAction(actor, definition) || grantsOutright(permissions.execute, actor, roles))
        strings.push(`execute:actions:${id}`);
      else if (permissions.execute.ownedByTeam && actor.teams.length)
        strings.push(`execute:team_entities:actions:${id}`);
      if (mayApproveByGrant(actor, definition, permissions)) strings.push(`approve:actions:${id}`);
    }
    return strings;
  }

  return {
    list,
    listStored,
    permissionStrings,
    find,
    create,
    replace,
    remove,
    deleteWithBlueprint,
    getPermissions,
    updatePermissions,
  };
}
