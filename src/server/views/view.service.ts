import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../core/blueprint.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { Database } from '../storage/database.js';
import * as repo from './view.repo.js';

/** A saved table view: the web app's state of a blueprint's table, the caller's own or shared. */
export interface TableView {
  id: string;
  blueprint: string;
  name: string;
  shared: boolean;
  /** The actor who saved it: an email, a service account's identifier or a client id. */
  owner: string;
  state: JsonObject;
  createdAt: string;
  updatedAt: string;
}

export interface ViewChange {
  name?: string;
  shared?: boolean;
  state?: JsonObject;
}

export const VIEW_NAME_MAX = 100;
/** The largest `state`, as UTF-8 JSON: a table's columns, filters and sort, not data. */
export const VIEW_STATE_MAX_BYTES = 16 * 1024;

export type ViewService = ReturnType<typeof createViewService>;

/**
 * Saved table views per caller and blueprint. A view is seen by its owner, or by everyone once shared;
 * anyone else's unshared view does not exist for the caller. Only its owner changes it, and an Admin a
 * shared one.
 */
export function createViewService(
  { db }: Pick<Database, 'db'>,
  /** Throws not_found for a blueprint that does not exist (for the actor). */
  checkBlueprint: (actor: Actor, blueprint: string) => Promise<unknown>,
  now = () => new Date().toISOString(),
) {
  async function list(actor: Actor, blueprint: string): Promise<TableView[]> {
    await checkBlueprint(actor, blueprint);
    const views = (await repo.listVisibleViews(db, blueprint, actor.id)).map(toView);
    return views.sort(byName);
  }

  async function create(
    actor: Actor,
    blueprint: string,
    input: Required<Pick<ViewChange, 'name' | 'state'>> & ViewChange,
  ) {
    checkChange(input);
    await checkBlueprint(actor, blueprint);
    const at = now();
    const row: repo.ViewRow = {
      id: randomUUID(),
      blueprint,
      owner: actor.id,
      name: nameOf(input.name),
      shared: input.shared ? 1 : 0,
      state: JSON.stringify(input.state),
      created_at: at,
      updated_at: at,
    };
    const refusal = await repo.insertView(db, row);
    if (refusal === 'name_taken') throw nameTaken(actor, row);
    if (refusal === 'blueprint_gone') throw blueprintMissing(blueprint);
    return toView(row);
  }

  async function update(actor: Actor, blueprint: string, id: string, change: ViewChange) {
    checkChange(change);
    const row = await changeable(actor, blueprint, id);
    const changes = {
      ...(change.name !== undefined ? { name: nameOf(change.name) } : {}),
      ...(change.shared !== undefined ? { shared: change.shared ? 1 : 0 } : {}),
      ...(change.state !== undefined ? { state: JSON.stringify(change.state) } : {}),
    };
    if (!Object.keys(changes).length) return toView(row);
    const next = { ...row, ...changes, updated_at: now() };
    const result = await repo.updateView(db, id, { ...changes, updated_at: next.updated_at });
    if (result === 'name_taken') throw nameTaken(actor, next);
    if (result !== true) throw viewMissing(blueprint, id);
    return toView(next);
  }

  async function remove(actor: Actor, blueprint: string, id: string): Promise<void> {
    await changeable(actor, blueprint, id);
    if (!(await repo.deleteView(db, id))) throw viewMissing(blueprint, id);
  }

  /** The view, if the actor may change it: 404 when it may not see it, 403 when it sees but may not change. */
  async function changeable(actor: Actor, blueprint: string, id: string): Promise<repo.ViewRow> {
    await checkBlueprint(actor, blueprint);
    const row = await repo.findView(db, blueprint, id);
    const own = row?.owner === actor.id;
    if (!row || (!own && !row.shared)) throw viewMissing(blueprint, id);
    if (!own && !isAdmin(actor))
      throw forbidden(
        `View "${row.name}" of blueprint "${blueprint}" is ${row.owner}'s: only its owner or an Admin can change or delete a shared view`,
      );
    return row;
  }

  return { list, create, update, remove };
}

/** A name as it is kept: without surrounding spaces and in one Unicode form, so that "race " is "race". */
const nameOf = (name: string) => name.normalize('NFC').trim();

/** The rules the route schema states too, for callers other than HTTP. */
function checkChange(change: ViewChange) {
  if (change.name !== undefined) {
    const length = [...change.name].length;
    if (length < 1 || length > VIEW_NAME_MAX || change.name.trim() === '')
      throw invalidView('name', `name must be 1 to ${VIEW_NAME_MAX} characters, not only spaces`);
  }
  if (change.state !== undefined) {
    if (typeof change.state !== 'object' || change.state === null || Array.isArray(change.state))
      throw invalidView('state', 'state must be a JSON object');
    const bytes = Buffer.byteLength(JSON.stringify(change.state), 'utf8');
    if (bytes > VIEW_STATE_MAX_BYTES)
      throw unprocessable(
        'view_state_too_large',
        `state takes ${bytes} bytes as JSON, over the limit of ${VIEW_STATE_MAX_BYTES} (16 KiB): keep only what the table needs`,
        { field: 'state' },
      );
  }
}

const invalidView = (field: string, message: string) => unprocessable('invalid_view', message, { field });

const viewMissing = (blueprint: string, id: string) =>
  notFound(`View "${id}" was not found in blueprint "${blueprint}"`);

const blueprintMissing = (blueprint: string) => notFound(`Blueprint "${blueprint}" was not found`);

function nameTaken(actor: Actor, row: Pick<repo.ViewRow, 'owner' | 'name' | 'blueprint'>) {
  const who = row.owner === actor.id ? 'you already have' : `${row.owner} already has`;
  return conflict(
    'view_name_taken',
    `name: ${who} a view named "${row.name}" of blueprint "${row.blueprint}"`,
    {
      field: 'name',
    },
  );
}

const collator = new Intl.Collator('en');

/** By name as people read it (case after letter), then by owner and id so that equal names keep an order. */
const byName = (a: TableView, b: TableView) =>
  collator.compare(a.name, b.name) ||
  compare(a.name, b.name) ||
  compare(a.owner, b.owner) ||
  compare(a.id, b.id);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function toView(row: repo.ViewRow): TableView {
  return {
    id: row.id,
    blueprint: row.blueprint,
    name: row.name,
    shared: row.shared === 1,
    owner: row.owner,
    state: JSON.parse(row.state) as JsonObject,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
