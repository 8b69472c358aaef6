import type { JsonObject } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import type { SearchQuery } from '../../core/search.js';
import { findBlueprint } from '../catalog/blueprint.repo.js';
import type { EntityService } from '../catalog/entity.service.js';
import type { RunLinks } from '../catalog/run-links.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { actorForUser, isAdmin, type Actor } from '../identity/actor.js';
import { existingPeople } from '../identity/permissions.repo.js';
import type { SearchService } from '../search/search.service.js';
import { userContextOf } from '../search/search.user-context.repo.js';
import type { Database, Db } from '../storage/database.js';
import type { ActionService, StoredAction } from './action.service.js';
import { approversOf, decideApproval, type ApprovalDecision } from './run-approval.js';
import { createRun, selfServiceTrigger, type RunRequest } from './run-create.js';
import type { RunDeps } from './run-deps.js';
import { formState } from './run-form.js';
import type { EvaluateAll } from './run-form-jq.js';
import { formUser } from './run-trigger.js';
import { decidesEveryRunOf, mayReadRun, seesAllRunsOf } from './run-access.js';
import { addRunLog, reportRun, type RunLogInput, type RunReport } from './run-report.js';
import { toRun, toRunLog } from './run-view.js';
import { policyAllowsExecution, policyApprovers, type RenderTemplate } from './run-policy.js';
import * as repo from './run.repo.js';
import type { WebhookTools } from './invokers/webhook.js';
import { acknowledgeRun, claimRuns, type ClaimRequest } from './run-claims.js';
import type { RunContext } from './run-view.js';

export interface RunServiceOptions {
  database: Pick<Database, 'db' | 'dialect'>;
  actions: ActionService;
  entities: EntityService;
  search: SearchService;
  evaluate: EvaluateAll;
  render: RenderTemplate;
  encryptInput(value: unknown): Promise<string>;
  dispatch: RunDeps['dispatch'];
  dispatchStatements: RunDeps['dispatchStatements'];
  requestApproval: RunDeps['requestApproval'];
  committed: RunDeps['committed'];
  accepted: RunDeps['accepted'];
  now?: () => string;
  /** How claimed runs' invocations are rendered for runners. */
  webhookTools(context: RunContext): WebhookTools;
}

export type RunService = ReturnType<typeof createRunService>;

export interface RunListQuery extends Omit<repo.RunFilter, 'visibleTo' | 'awaitingDecisionBy'> {
  userEmail?: string;
  /** Portico: only runs that wait for the caller's decision. */
  awaitingMyApproval?: boolean;
}

export function createRunService(options: RunServiceOptions) {
  const { db, dialect } = options.database;
  const now = options.now ?? (() => new Date().toISOString());
  const search = options.search;

  async function matches(actor: Actor, entity: Entity, query: SearchQuery | JsonObject) {
    const { combinator, rules } = query as SearchQuery;
    const found = await search.searchBlueprint(actor, entity.blueprint, {
      query: {
        combinator: 'and',
        rules: [
          { combinator, rules },
          { property: '$identifier', operator: '=', value: entity.identifier },
        ],
      },
      limit: 1,
    });
    return found.entities.length > 0;
  }

  const deps: RunDeps = {
    database: options.database,
    now,
    actions: options.actions,
    readEntity: (actor, blueprint, identifier) => options.entities.getEntity(actor, blueprint, identifier),
    entityMatches: matches,
    policyAllows: (action, context) =>
      policyAllowsExecution(action.permissions.execute.policy!, context, {
        evaluate: options.evaluate,
        render: options.render,
        search,
      }),
    userContext: (actor) => userContextOf(db, dialect, actor),
    evaluate: options.evaluate,
    formLookups: (actor) => ({
      async entity(blueprint, identifier, dataset) {
        let entity: Entity;
        try {
          entity = await options.entities.getEntity(actor, blueprint, identifier);
        } catch {
          return undefined;
        }
        if (!dataset) return entity;
        return (await matches(actor, entity, dataset)) ? entity : undefined;
      },
      people: (kind, names) => existingPeople(db, kind, names),
    }),
    encryptInput: options.encryptInput,
    async blueprintReference(identifier) {
      const stored = await findBlueprint(db, dialect, identifier);
      if (!stored) return null;
      const { title, icon } = stored.blueprint as { title?: string; icon?: string };
      return { identifier, title: title ?? null, icon: icon ?? null };
    },
    dispatch: options.dispatch,
    dispatchStatements: options.dispatchStatements,
    requestApproval: options.requestApproval,
    approvers: (action, row) => approversOfRun(action, row),
    policyApprovers: approversByPolicy,
    committed: options.committed,
    accepted: options.accepted,
  };

  /** The approve grant's users, or — with a policy — the emails it listed for the run as it began to wait. */
  async function approversOfRun(action: StoredAction, row: repo.RunRow): Promise<string[]> {
    if (!action.permissions.approve.policy) return approversOf(db, dialect, action);
    return repo.listRunApprovers(db, row.id);
  }

  /** The emails an approve policy's conditions list for the run (§5.8). */
  async function approversByPolicy(action: StoredAction, row: repo.RunRow): Promise<string[]> {
    const policy = action.permissions.approve.policy!;
    const { trigger } = JSON.parse(row.context) as RunContext;
    const context = {
      blueprint: row.blueprint,
      action: row.action_identifier,
      inputs: trigger.inputs,
      entity: trigger.entity,
      trigger: trigger.trigger,
      user: (trigger.trigger as { by?: { user?: unknown } }).by?.user ?? null,
    };
    const tools = { evaluate: options.evaluate, render: options.render, search };
    return (await policyApprovers(policy, context, tools)).sort();
  }

  async function present(rows: repo.RunRow[], source: Db = db) {
    const references = await repo.existingReferences(source, rows);
    return rows.map((row) => toRun(row, references));
  }

  /** The run as stored, if the actor may see it; otherwise not_found, as for a missing one. */
  async function visibleRow(actor: Actor, id: string) {
    const row = await repo.findRun(db, dialect, id);
    const action =
      row && (await options.actions.listStored([row.action_identifier])).get(row.action_identifier);
    if (!row || !(await mayReadRun(db, actor, row, action))) throw notFound(`Run "${id}" was not found`);
    return { row, action };
  }

  /** POST /v1/actions/{id}/runs, as the caller or (`runAs`, machine credentials of an Admin) a user. */
  async function create(actor: Actor, identifier: string, request: RunRequest, runAs?: string) {
    const runner = runAs === undefined ? actor : await impersonate(actor, runAs);
    const row = await createRun(deps, runner, identifier, {
      ...request,
      ...(runAs !== undefined ? { impersonatedBy: actor.id } : {}),
    });
    // As written, without reading it back: the action, blueprint and entity it names were read just now.
    return toRun(row, {
      actions: new Set([row.action_identifier]),
      blueprints: new Set(row.blueprint ? [row.blueprint] : []),
      entities: new Set(row.blueprint && row.entity ? [`${row.blueprint}\u0000${row.entity}`] : []),
    });
  }

  async function impersonate(actor: Actor, email: string): Promise<Actor> {
    if (actor.kind === 'user' || !isAdmin(actor))
      throw forbidden('run_as needs the machine credentials of an Admin (a client id and secret)');
    const [user] = await db
      .selectFrom('entities')
      .selectAll()
      .where('blueprint', '=', '_user')
      .where('identifier', '=', email.toLowerCase())
      .execute();
    const record = user && {
      identifier: user.identifier,
      team: dialect.fromJson<string[]>(user.team),
      properties: dialect.fromJson<JsonObject>(user.properties),
    };
    const runner = record && actorForUser(record, 'API');
    if (!runner) throw badInput('invalid_request', `run_as: "${email}" is not an active user`);
    return runner;
  }

  async function get(actor: Actor, id: string) {
    const { row } = await visibleRow(actor, id);
    return (await present([row]))[0]!;
  }

  async function list(actor: Actor, query: RunListQuery) {
    const { userEmail, awaitingMyApproval, ...filter } = query;
    const admin = isAdmin(actor);
    const actions = admin ? [] : [...(await options.actions.listStored()).values()];
    const identifiers = (keep: (action: StoredAction) => boolean) =>
      actions.filter(keep).map((a) => a.definition.identifier);
    const rows = await repo.listRuns(db, {
      ...filter,
      ...(userEmail !== undefined ? { createdBy: userEmail } : {}),
      ...(admin
        ? {}
        : { visibleTo: { actor: actor.id, actions: identifiers((a) => seesAllRunsOf(actor, a)) } }),
      // As decideApproval decides: only an Admin decides their own runs.
      ...(awaitingMyApproval
        ? {
            awaitingDecisionBy: {
              user: actor.id,
              own: admin,
              ...(admin ? {} : { actions: identifiers((a) => decidesEveryRunOf(actor, a)) }),
            },
          }
        : {}),
    });
    return present(rows);
  }

  async function report(actor: Actor, id: string, changes: RunReport) {
    await reportRun(deps, actor, id, changes);
    return get(actor, id);
  }

  async function log(actor: Actor, id: string, input: RunLogInput) {
    return toRunLog(await addRunLog(deps, actor, id, input));
  }

  async function logs(actor: Actor, id: string, page: { limit: number; offset?: number; after?: string }) {
    await visibleRow(actor, id);
    return (await repo.listRunLogs(db, id, page)).map(toRunLog);
  }

  async function approve(actor: Actor, id: string, decision: ApprovalDecision) {
    await decideApproval(deps, actor, id, decision);
    return get(actor, id);
  }

  async function approvers(actor: Actor, id: string, includePending: boolean) {
    const { row, action } = await visibleRow(actor, id);
    const decided = await repo.listApprovals(db, id);
    const result = decided.map((d) => ({ userId: d.user_id, state: d.state, description: d.description }));
    if (includePending && action && row.status === 'WAITING_FOR_APPROVAL') {
      const seen = new Set(decided.map((d) => d.user_id));
      for (const user of await approversOfRun(action, row))
        if (!seen.has(user) && user !== row.created_by)
          result.push({ userId: user, state: 'PENDING', description: null });
    }
    return result;
  }

  async function changedEntities(actor: Actor, id: string) {
    await visibleRow(actor, id);
    return (await repo.listRunEntities(db, id)).map((e) => ({
      blueprint: e.blueprint,
      identifier: e.entity,
      action: e.action,
      at: e.at,
    }));
  }

  /** What the action's form shows now for these values (the browser asks as the user types). */
  async function form(
    actor: Actor,
    identifier: string,
    request: { properties: JsonObject; entity?: string },
  ) {
    const trigger = selfServiceTrigger(await options.actions.find(actor, identifier));
    const entity =
      trigger.operation !== 'CREATE' && request.entity
        ? await options.entities.getEntity(actor, trigger.blueprintIdentifier!, request.entity)
        : null;
    const user = formUser(actor, await userContextOf(db, dialect, actor));
    return formState(trigger.userInputs, request.properties, { entity, user }, options.evaluate);
  }

  /** Port's `run_id` on entity writes: the run must be one the writer sees; what it wrote is listed on it. */
  const links: RunLinks = {
    async check(actor, runId) {
      await visibleRow(actor, runId);
    },
    async link(runId, blueprint, written) {
      const at = now();
      for (const { identifier, created } of written)
        await repo.recordRunEntity(db, {
          run_id: runId,
          blueprint,
          entity: identifier,
          action: created ? 'CREATE' : 'UPDATE',
          at,
        });
      options.committed({ id: runId, backend: 'LINK', status: '' });
    },
  };

  /** Port's pull protocol: runs claimed with their invocations, rendered for the runner to send. */
  async function claim(actor: Actor, request: ClaimRequest) {
    const { claimed, invocations, ended } = await claimRuns(options.database, actor, request, (row) =>
      options.webhookTools(JSON.parse(row.context) as RunContext),
    );
    for (const row of ended) options.committed(row);
    const presented = await present(claimed);
    return presented.map((run) => ({ ...run, invocation: invocations.get(run.id) }));
  }

  const acknowledge = (actor: Actor, runId: string) => acknowledgeRun(options.database, actor, runId, now());

  return {
    create,
    get,
    list,
    report,
    log,
    logs,
    approve,
    approvers,
    changedEntities,
    claim,
    acknowledge,
    form,
    links,
    deps,
  };
}
