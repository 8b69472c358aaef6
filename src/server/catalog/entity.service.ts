import type { ScorecardResult } from '../../core/scorecard.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { DeletionCheck } from './entity-access.js';
import { TEAM_BLUEPRINT } from '../../core/system-blueprints.js';
import type { Entity, QueryValue } from '../../core/entity.js';
import { conflict, DomainError, forbidden, notFound, STATUS_BY_KIND, unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import { findBlueprint } from './blueprint.repo.js';
import { blueprintTurns } from './blueprint-turns.js';
import { modelCache, type ModelSnapshot } from './model-cache.js';
import { limitQueries } from '../storage/query-limit.js';
import type { CatalogContext, HookWork } from './catalog-context.js';
import * as repo from './entity.repo.js';
import { withRelationTitles } from './relation-titles.js';
import { entityJsonReads, entityJsonSql } from './entity-json.repo.js';
import {
  errorOf,
  hasQueryValue,
  isQueryValue,
  parseEntityInput,
  type ParsedEntityInput,
} from './entity-input.js';
import { resolveEntityQuery } from './entity-query.js';
import { withInputField } from './entity-error-field.js';
import { commitPlans } from './entity-commit.js';
import { announceCommitted } from './catalog-changes.js';
import { checkTeams } from './entity-teams.js';
import { removeAllEntitiesOf, removeEntities } from './entity-delete.js';
import { visibilityOf, type BlueprintGate } from './access.js';
import type { Visibility } from './entity.repo.js';
import {
  changeOf,
  deletionGuard,
  gateOf,
  missingStubPermission,
  permissionDenied,
  relationTargets,
} from './entity-access.js';
import { checkPeopleChange } from './system-blueprint-rules.js';
import { createHiddenTargets } from './entity-hidden-targets.js';
import { resolveRelationTargets, targetsFor } from './entity-relations.js';
import { entitiesOwnedBy } from './team-ownership.js';
import { inheritedOwnerships, teamsPassedOnBy, type InheritedOwnership } from './inherited-ownership.repo.js';
import { domainErrorFromDatabase, isLostRace, isRacedWrite } from '../storage/database-errors.js';
import { isStaleWrite } from '../storage/dialect/index.js';
import { checkVersion, versionTag } from './versions.js';
import { computedNames } from '../../core/computed-properties.js';
import {
  hiddenComputed,
  hideComputed,
  keepPropertiesOfToday,
  type HiddenComputed,
} from './computed-visibility.js';
import {
  planWrite,
  roundsByIdentifier,
  type ItemFailure,
  type PlannedWrite,
  type WriteOptions,
} from './entity-write.js';

export type { WriteOptions } from './entity-write.js';

export interface BulkWriteResult {
  entities: Array<{
    index: number;
    identifier: string;
    created: boolean;
    entity: Entity;
    additionalData?: Record<string, unknown>;
  }>;
  errors: Array<{
    index: number;
    identifier: string;
    statusCode: number;
    error: string;
    message: string;
    details?: Record<string, unknown>;
  }>;
}

export type EntityService = ReturnType<typeof createEntityService>;

const RELATION_QUERY_LIMIT = 100;

export function createEntityService(ctx: CatalogContext) {
  const { database, validators } = ctx;
  const { db, dialect } = database;
  const { readableIds, hiddenOf, hiddenTargetsKeeper, hideUnreadableTargets } = createHiddenTargets(
    db,
    dialect,
  );

  const models = modelCache(database);

  /** A blueprint as stored: read in a transaction, from the model cache otherwise. */
  async function loadBlueprint(trx: Db, identifier: string) {
    const stored = trx.isTransaction
      ? await findBlueprint(trx, dialect, identifier)
      : (await models.snapshot()).stored.get(identifier);
    if (!stored) throw notFound(`Blueprint "${identifier}" was not found`);
    return stored;
  }

  const blueprintMap = async (trx: Db) => (await models.model(trx)).definitions;
  /** The definitions, with since when each blueprint and its names have been defined so. */
  const modelOf = (trx: Db) => models.model(trx);

  /** What `actor` may read of every blueprint; undefined when it reads everything. */
  async function readableBy(
    actor: Actor,
    blueprints: Map<string, BlueprintDefinition>,
    model?: ModelSnapshot,
  ) {
    return visibilityOf(await ctx.access.gates(actor, [...blueprints.values()], model));
  }

  /**
   * Turns rows of any blueprints into API entities, with their relations; for an `actor`, a relation lists
   * only the targets it may read (a single relation to one it may not read is null).
   */
  async function hydrate(
    trx: Db,
    rows: repo.EntityRow[],
    blueprints?: Map<string, BlueprintDefinition>,
    actor?: Actor,
  ): Promise<Entity[]> {
    return entitiesRead(rows, await readingOf(trx, rows, blueprints, actor));
  }

  function entitiesRead(rows: repo.EntityRow[], { defs, relations, hidden }: Reading): Entity[] {
    return hideComputed(
      rows.map((row) => {
        const entity = repo.toEntity(
          repo.rowToState(dialect, row),
          defs.get(row.blueprint)!,
          relations.get(row.id),
        );
        if (row.scorecards !== null && row.scorecards !== undefined)
          entity.scorecards = dialect.fromJson<Record<string, ScorecardResult>>(row.scorecards);
        return entity;
      }),
      hidden,
    );
  }

  type Reading = Awaited<ReturnType<typeof readingOf>>;

  /** What `actor` may read of the blueprints `targets`, when not all of it. */
  async function targetsReadable(
    actor: Actor,
    defs: ReadonlyMap<string, BlueprintDefinition>,
    targets: Iterable<string>,
  ): Promise<Visibility | undefined> {
    if (isAdmin(actor)) return undefined;
    const gates = await ctx.access.gates(
      actor,
      [...targets].map((target) => defs.get(target)!).filter((b) => b !== undefined),
    );
    return gates.size ? visibilityOf(gates) : undefined;
  }

  /**
   * The SQL of entities of `sources` as `actor` reads them, as JSON text (entityJsonSql): relations list
   * only targets it may read (`targets`, when not all). Undefined when it may not see some computed
   * values of theirs (hydrate hides them).
   */
  async function entityJsonFor(
    actor: Actor,
    defs: ReadonlyMap<string, BlueprintDefinition>,
    sources: readonly string[],
    hidden: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    if (sources.some((b) => (hidden.get(b)?.size ?? 0) > 0)) return undefined;
    const blueprints = sources.map((b) => defs.get(b)!);
    const targetBlueprints = blueprints.flatMap((b) => Object.values(b.relations ?? {}).map((r) => r.target));
    const targets = await targetsReadable(actor, defs, new Set(targetBlueprints));
    return { sql: entityJsonSql(dialect, blueprints, targets), targets };
  }

  /** Whether `actor` may read the entity of `row` (its owners, or else its blueprint's read policy). */
  async function mayRead(actor: Actor, blueprint: BlueprintDefinition, row: { id: number; team: unknown }) {
    const gate = await gateOf(ctx.access, actor, blueprint);
    return (
      gate.canRead({ team: dialect.fromJson<string[]>(row.team) }) ||
      (gate.policy !== undefined && (await repo.entityMeets(db, row.id, gate.policy)))
    );
  }

  /** What reading `rows` as `actor` needs: definitions, relations it may read, computed values it may not. */
  async function readingOf(
    trx: Db,
    rows: repo.EntityRow[],
    blueprints?: Map<string, BlueprintDefinition>,
    actor?: Actor,
  ) {
    let defs = blueprints ?? (await blueprintMap(trx));
    let readable;
    let hidden: HiddenComputed = new Map();
    // An Admin reads every target: no definitions or gates to read for it.
    if (actor && !isAdmin(actor)) {
      const sources = [...new Set(rows.map((row) => row.blueprint))].map((b) => defs.get(b)!);
      const targets = new Set(sources.flatMap((b) => Object.values(b.relations ?? {}).map((r) => r.target)));
      // Computed values read other blueprints, which need every definition to judge.
      const computing = sources.some((b) => computedNames(b).size > 0);
      if (computing || [...targets].some((target) => !defs.has(target))) defs = await blueprintMap(trx);
      if (computing)
        hidden = await hiddenComputed(
          ctx.access,
          actor,
          defs,
          sources.map((b) => b.identifier),
        );
      const visibility = await targetsReadable(actor, defs, targets);
      if (visibility) readable = { dialect, visibility };
    }
    const relations = await repo.loadRelations(
      trx,
      rows.map((r) => r.id),
      readable,
    );
    return { defs, relations, hidden };
  }

  /**
   * Rows of the catalog as it was (search with as_of), with the relations their versions hold; for an
   * `actor`, a relation lists only targets it may read now.
   */
  async function hydrateVersions(
    trx: Db,
    rows: Array<repo.EntityRow & { relations?: unknown }>,
    blueprints: Map<string, BlueprintDefinition>,
    actor: Actor,
  ): Promise<Entity[]> {
    const visibility = isAdmin(actor) ? undefined : await readableBy(actor, blueprints);
    const relationsOf = (row: (typeof rows)[number]) =>
      new Map(Object.entries(dialect.fromJson<Record<string, string[]> | null>(row.relations) ?? {}));
    const hidden = new Map<string, Set<string>>();
    if (visibility) {
      const wanted = new Map<string, Set<string>>();
      for (const row of rows)
        for (const [relation, targets] of relationsOf(row)) {
          const target = blueprints.get(row.blueprint)?.relations[relation]?.target;
          if (target)
            targets.forEach((t) => (wanted.get(target) ?? wanted.set(target, new Set()).get(target)!).add(t));
        }
      for (const [target, identifiers] of wanted)
        hidden.set(
          target,
          await repo.unreadableIdentifiers(trx, dialect, target, [...identifiers], visibility),
        );
    }
    const hiddenValues = await hiddenComputed(
      ctx.access,
      actor,
      blueprints,
      new Set(rows.map((row) => row.blueprint)),
    );
    const entities = rows.map((row) => {
      const definition = blueprints.get(row.blueprint)!;
      const relations = new Map(
        [...relationsOf(row)].map(([relation, targets]) => {
          const shut = hidden.get(definition.relations[relation]?.target ?? '');
          return [relation, shut ? targets.filter((t) => !shut.has(t)) : targets];
        }),
      );
      return repo.toEntity(repo.rowToState(dialect, row), definition, relations);
    });
    hideComputed(entities, hiddenValues);
    // Values under names defined anew since their versions were left out by the search (search.as-of.ts).
    return isAdmin(actor) ? entities : keepPropertiesOfToday(entities, blueprints);
  }

  /**
   * The one write path for single and bulk writes. Each item succeeds or fails on its own; valid items are
   * written together in one transaction with their relation rows and audit records. Items are checked
   * against the blueprint as read; when it changes before they commit, those left are checked again.
   */
  async function writeItems(
    actor: Actor,
    blueprintId: string,
    inputs: unknown[],
    options: WriteOptions,
    pathIdentifier?: string,
  ): Promise<{ entities: BulkWriteResult['entities']; failures: ItemFailure[] }> {
    const result = { entities: [] as BulkWriteResult['entities'], failures: [] as ItemFailure[] };
    let pending = inputs.map((raw, index) => ({ raw, index }));
    const turns = blueprintTurns(db);
    for (let attempt = 1; pending.length; attempt++) {
      const last = attempt === STALE_ATTEMPTS;
      const write = () => writeWithModel(actor, blueprintId, pending, options, result, last, pathIdentifier);
      // Once a change of the blueprint made it start again, the next change waits for it.
      pending = await (attempt === 1 ? write() : turns.shared(blueprintId, write));
    }
    result.entities.sort((a, b) => a.index - b.index);
    result.failures.sort((a, b) => a.index - b.index);
    return { ...result, failures: result.failures.map((f) => withInputField(f, inputs[f.index])) };
  }

  /** Writes `items` against the blueprint as read now; returns those to write again after it changed. */
  async function writeWithModel(
    actor: Actor,
    blueprintId: string,
    items: Array<{ raw: unknown; index: number }>,
    options: WriteOptions,
    result: { entities: BulkWriteResult['entities']; failures: ItemFailure[] },
    lastAttempt: boolean,
    pathIdentifier?: string,
  ): Promise<Array<{ raw: unknown; index: number }>> {
    const stored = await loadBlueprint(db, blueprintId);
    const blueprint = stored.blueprint;
    const validator = validators.forBlueprint(blueprint, blueprint.version);
    const fail = (failure: ItemFailure) => result.failures.push(failure);

    const parsed: Array<ParsedEntityInput & { index: number; identifier: string }> = [];
    // Every blueprint: for search queries given as values, relation targets, inherited owners and stubs.
    const blueprints = await blueprintMap(db);
    // What the actor may read of this blueprint, of its relations' targets and of teams: a write neither
    // finds, changes nor names an entity outside it.
    const read = [blueprint, ...relationTargets(blueprints, blueprint), blueprints.get(TEAM_BLUEPRINT)];
    const readers = await ctx.access.gates(actor, [
      ...new Map(read.filter((b) => b !== undefined).map((b) => [b.identifier, b])).values(),
    ]);
    const gate = readers.get(blueprint.identifier)!;
    const resolver = queryResolver(actor, blueprints, blueprint, readers);
    for (const { raw, index } of items) {
      const label = labelOf(raw);
      try {
        const item = parseEntityInput(raw, blueprint, pathIdentifier);
        const identifier = isQueryValue(item.identifier)
          ? await resolver.identifier(item.identifier)
          : item.identifier;
        if (item.team && isQueryValue(item.team)) item.team = await resolver.team(item.team);
        if (item.relations && hasQueryValue(item.relations))
          item.relations = await resolver.relations(item.relations);
        // parseEntityInput's object is this item's own.
        parsed.push(Object.assign(item, { identifier, index }));
      } catch (error) {
        fail({ index, identifier: label, error: asDomainError(error) });
      }
    }

    const rounds = roundsByIdentifier(parsed);
    for (const [position, round] of rounds.entries()) {
      // A round is computed from the entities as read and commits only if they are still so; when another
      // writer changed one meanwhile, it is read and computed again (bounded: then 409, nothing lost).
      let raced = 0;
      for (let attempt = 1; ; attempt++) {
        const failures: ItemFailure[] = [];
        try {
          const written = await writeRound(
            actor,
            { blueprint, version: stored.version, blueprints, gate, readers, validator },
            round,
            options,
            (failure) => failures.push(failure),
          );
          failures.forEach(fail);
          result.entities.push(...written);
          break;
        } catch (error) {
          if (!isRetryableWrite(error) && !isRacedWrite(error)) throw error;
          // Computed again, a raced write sees why, or else fails with what the database said.
          const gaveUp = isRacedWrite(error) ? ++raced > RACED_ATTEMPTS : attempt === STALE_ATTEMPTS;
          if (gaveUp || lastAttempt) {
            for (const item of round)
              fail({
                index: item.index,
                identifier: item.identifier,
                error:
                  (isRacedWrite(error) && domainErrorFromDatabase(error)) ||
                  changedMeanwhile(item, blueprint),
              });
            break;
          }
          const now = await findBlueprint(db, dialect, blueprintId);
          if (now?.version !== stored.version) {
            const left = new Set(rounds.slice(position).flatMap((r) => r.map((item) => item.index)));
            return items.filter((item) => left.has(item.index));
          }
          // Writers that collided start again at different moments.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 4));
        }
      }
    }
    return [];
  }

  /** A bulk write: each item is written or reported with its status, in Port's shape. */
  async function writeEntities(
    actor: Actor,
    blueprintId: string,
    inputs: unknown[],
    options: WriteOptions,
  ): Promise<BulkWriteResult> {
    const { entities, failures } = await writeItems(actor, blueprintId, inputs, options);
    return {
      entities,
      errors: failures.map(({ index, identifier, error }) => ({
        index,
        identifier,
        statusCode: statusOf(error),
        error: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      })),
    };
  }

  /** One write (create, upsert, replace or merge, or a rename by PATCH); throws the item's error. */
  async function writeEntity(
    actor: Actor,
    blueprintId: string,
    input: unknown,
    options: WriteOptions,
    pathIdentifier?: string,
  ): Promise<BulkWriteResult['entities'][number]> {
    const { entities, failures } = await writeItems(actor, blueprintId, [input], options, pathIdentifier);
    if (failures[0]) throw failures[0].error;
    return entities[0]!;
  }

  async function writeRound(
    actor: Actor,
    {
      blueprint,
      version,
      blueprints,
      gate,
      readers,
      validator,
    }: {
      blueprint: BlueprintDefinition;
      /** The blueprint's version as read: the write commits only if it still is. */
      version: number;
      blueprints: Map<string, BlueprintDefinition>;
      gate: BlueprintGate;
      readers: ReadonlyMap<string, BlueprintGate>;
      validator: ReturnType<typeof validators.forBlueprint>;
    },
    items: Array<ParsedEntityInput & { index: number; identifier: string }>,
    options: WriteOptions,
    report: (failure: ItemFailure) => void,
  ) {
    let failures = 0;
    const fail = (failure: ItemFailure) => {
      failures++;
      report(failure);
    };
    const now = ctx.now();
    const hook = ctx.writeHooks.get(blueprint.identifier);
    const owners = inheritedOwnerships(blueprints);
    const inheritedTeamsOf = await inheritanceOf(
      owners.find((o) => o.blueprint === blueprint.identifier),
      items as Array<{ relations?: Record<string, string[] | null> }>,
    );
    const targetGates = options.createMissingRelatedEntities ? readers : new Map<string, BlueprintGate>();
    const existingRows = await repo.findEntityRows(
      db,
      blueprint.identifier,
      items.map((i) => i.identifier),
    );
    const existingRelations = await repo.loadRelations(
      db,
      existingRows.map((r) => r.id),
    );
    const existing = new Map(
      existingRows.map((row) => [
        row.identifier,
        {
          id: row.id,
          version: row.version,
          state: repo.rowToState(dialect, row),
          relations: existingRelations.get(row.id) ?? new Map(),
        },
      ]),
    );
    // An existing entity the actor may not read is, for this write, one that does not exist; it is never
    // overwritten (a write that would create it answers 409 once the actor may create it).
    const readable = await readableIds(db, blueprint.identifier, gate, existingRows);
    const keepHidden = await hiddenTargetsKeeper(blueprint, [...existing.values()], readers);
    let plans: PlannedWrite[] = [];
    for (const item of items) {
      try {
        const found = existing.get(item.identifier);
        const visible = found && readable.has(found.id) ? found : undefined;
        const plan = planWrite(
          item as never,
          item.index,
          blueprint,
          validator,
          visible,
          options,
          actor.id,
          now,
        );
        keepHidden(plan);
        const change = changeOf(plan, blueprint);
        if (change.action === 'register' && inheritedTeamsOf)
          change.after = { ...change.after, team: inheritedTeamsOf(plan) };
        const missing = gate.missing(change) ?? missingStubPermission(plan, blueprint, targetGates);
        if (missing) throw permissionDenied(blueprint.identifier, item.identifier, missing);
        if (found && !visible) throw entityExists(item.identifier, blueprint.identifier);
        if (item.rename && item.rename !== item.identifier) {
          const [taken] = await repo.findEntityRows(db, blueprint.identifier, [item.rename]);
          if (taken) throw entityExists(item.rename, blueprint.identifier);
        }
        checkPeopleChange(blueprint.identifier, plan, actor);
        hook?.check(plan.state, plan.existing?.state, actor);
        plans.push(plan);
      } catch (error) {
        fail({ index: item.index, identifier: item.identifier, error: asDomainError(error) });
      }
    }
    const { failures: teamFailures, found: teamsFound } = await checkTeams(
      database,
      actor,
      blueprint.identifier,
      plans,
    );
    for (const failure of teamFailures) fail(failure);
    const teamFailed = new Set(teamFailures.map((f) => f.index));
    plans = plans.filter((p) => !teamFailed.has(p.index));
    // Stubs must satisfy their own blueprint, so creating them needs the target blueprints.
    const stubBlueprints = options.createMissingRelatedEntities ? blueprints : undefined;
    const targets = await resolveRelationTargets(
      db,
      blueprint,
      plans,
      options.createMissingRelatedEntities,
      stubBlueprints,
      (target, identifiers) => hiddenOf(target, identifiers, readers),
    );
    for (const failure of targets.failures) fail(failure);
    plans = plans.filter((p) => !targets.failed.has(p.index));
    await inheritTeams(
      owners.find((o) => o.blueprint === blueprint.identifier),
      plans,
    );
    // Computed values go into the states before they are shown or written.
    const computed = await ctx.computed?.prepareWrite(blueprints, blueprint, plans);
    // Each entity as written: the audit record's "after" and the answer share it.
    const after = new Map(plans.map((p) => [p.index, repo.toEntity(p.state, blueprint, p.relations)]));
    if (options.allOrNothing && failures) return [];
    if (options.validationOnly || plans.length === 0) {
      await hideUnreadableTargets(blueprint, plans, after, readers);
      hideComputed(
        [...after.values()],
        await hiddenComputed(ctx.access, actor, blueprints, [blueprint.identifier]),
      );
      return present(plans, after);
    }
    const work = (await hook?.prepare?.(plans)) ?? new Map<number, HookWork>();
    const renamedTeams = plans.filter(
      (p) => p.rename && p.existing && blueprint.identifier === TEAM_BLUEPRINT,
    );
    const ownedByRenamedTeams = renamedTeams.length
      ? await entitiesOwnedBy(
          db,
          dialect,
          blueprints,
          renamedTeams.map((p) => p.existing!.state.identifier),
        )
      : [];
    const extraFor = (some: PlannedWrite[]) => ({
      blueprintVersion: version,
      named: teamsFound,
      read: computed?.guards ?? [],
      history: ctx.history,
      statements: [
        ...some.flatMap((p) => work.get(p.index)?.statements ?? []),
        ...(computed?.statements ?? []),
      ],
      owners,
      ownedByRenamedTeams,
    });

    const commit = async (some: PlannedWrite[]) => {
      const changes = await commitPlans(
        database,
        actor,
        ctx.now(),
        blueprint,
        some,
        targetsFor(targets, some),
        after,
        extraFor(some),
      );
      if (computed?.statements.length) ctx.computed!.committed();
      announceCommitted(ctx.onCommitted, changes);
    };
    try {
      await commit(plans);
    } catch (error) {
      if (isRetryableWrite(error) || isRacedWrite(error)) throw error;
      if (plans.length === 1 || errorOf(error)) throw domainErrorFromDatabase(error) ?? error;
      // A batch the database refused (a value it cannot hold, say) is written item by item, so that one bad
      // item cannot take the others down.
      plans = await commitOneByOne(plans, targets.dependsOn, commit, fail, blueprint);
    }
    database.noteWrites(plans.length);
    if (blueprint.ownership?.type === 'Inherited')
      await showInheritedTeams(blueprint.identifier, plans, after);
    for (const plan of plans)
      after.get(plan.index)!.version ??= versionTag(
        plan.existing ? plan.existing.version + 1 : 1,
        plan.state.createdAt,
      );
    // The audit record keeps every target; the answer shows the relations as the actor may read them.
    await hideUnreadableTargets(blueprint, plans, after, readers);
    hideComputed(
      [...after.values()],
      await hiddenComputed(ctx.access, actor, blueprints, [blueprint.identifier]),
    );
    return present(plans, after, work);
  }

  /**
   * For a blueprint with inherited owners: the teams new entities will inherit, read for all `items` at
   * once, so that an "owned by team" grant to create one can be judged before it exists.
   */
  async function inheritanceOf(
    owner: InheritedOwnership | undefined,
    items: ReadonlyArray<{ relations?: Record<string, string[] | null> | undefined }>,
  ) {
    if (!owner?.hops.length) return undefined;
    const first = owner.hops[0]!.relation;
    const starts = [...new Set(items.flatMap((item) => item.relations?.[first] ?? []))];
    const passedOn = await teamsPassedOnBy(db, dialect, owner, starts);
    return (plan: PlannedWrite) =>
      [...new Set((plan.relations.get(first) ?? []).flatMap((start) => passedOn.get(start) ?? []))].sort();
  }

  /**
   * Each plan's team as it will inherit it, as now read: values computed from `.team` (and the audit
   * record) see it. The write's transaction computes it again, as it then is.
   */
  async function inheritTeams(owner: InheritedOwnership | undefined, plans: PlannedWrite[]) {
    const teamsOf = await inheritanceOf(
      owner,
      plans.map((plan) => ({ relations: Object.fromEntries(plan.relations) })),
    );
    if (teamsOf) for (const plan of plans) plan.state.team = teamsOf(plan);
  }

  /** Inherited owners are computed by the write's transaction: the answer shows them as written. */
  async function showInheritedTeams(blueprint: string, plans: PlannedWrite[], after: Map<number, Entity>) {
    const rows = await repo.findEntityRows(
      db,
      blueprint,
      plans.map((p) => p.state.identifier),
    );
    const written = new Map(rows.map((row) => [row.identifier, row]));
    for (const plan of plans) {
      const entity = after.get(plan.index);
      const row = written.get(plan.state.identifier);
      if (!entity || !row) continue;
      entity.team = repo.rowToState(dialect, row).team;
      entity.version = versionTag(row.version, row.created_at);
    }
  }

  function present(plans: PlannedWrite[], after: Map<number, Entity>, work?: Map<number, HookWork>) {
    return plans.map((plan) => {
      // Port's additionalData: what a system blueprint adds, the undeclared properties left out, and a
      // team given to an entity that inherits its owners, when it is not what the entity inherits.
      const entity = after.get(plan.index)!;
      const given = work?.get(plan.index)?.additionalData;
      const ignoredTeam =
        plan.ignoredTeam && !sameTeams(plan.ignoredTeam.team, entity.team) ? plan.ignoredTeam : undefined;
      const additionalData =
        given || plan.dropped || ignoredTeam
          ? {
              ...given,
              ...(plan.dropped ? { droppedProperties: plan.dropped } : {}),
              ...(ignoredTeam ? { ignoredTeam } : {}),
            }
          : undefined;
      return {
        index: plan.index,
        identifier: plan.state.identifier,
        created: !plan.existing,
        entity,
        ...(additionalData ? { additionalData } : {}),
      };
    });
  }

  /**
   * Resolves search queries given as an identifier, team or relation value. A query finds only entities the
   * actor may read, and only once it holds some right to write this blueprint: what it matches or not
   * tells nothing about the rest.
   */
  function queryResolver(
    actor: Actor,
    blueprints: Map<string, BlueprintDefinition>,
    blueprint: BlueprintDefinition,
    readers: ReadonlyMap<string, BlueprintGate>,
  ) {
    let readable: Promise<Visibility | undefined> | undefined;
    const resolve = async (target: string, query: QueryValue, max: number, field: string) => {
      if (!readers.get(blueprint.identifier)!.writesAny)
        throw forbidden(
          `You may not create or change entities of blueprint "${blueprint.identifier}": no permission to do so is granted to you`,
        );
      // Every blueprint's: a relation rule in the query walks through any of them.
      const visibility = await (readable ??= readableBy(actor, blueprints));
      const hidden = await hiddenComputed(ctx.access, actor, blueprints, [target]);
      return resolveEntityQuery(db, dialect, blueprints, target, query, max, field, visibility, hidden);
    };
    return {
      async identifier(query: QueryValue) {
        const matches = await resolve(blueprint.identifier, query, 2, 'identifier');
        if (matches.length !== 1)
          throw unprocessable(
            'identifier_query_not_unique',
            `identifier: the search query must match exactly one entity of "${blueprint.identifier}", it matched ${matches.length === 2 ? 'more than one' : 'none'}`,
          );
        return matches[0]!;
      },
      team(query: QueryValue) {
        if (!blueprints.has(TEAM_BLUEPRINT))
          throw unprocessable(
            'invalid_entity',
            'team: search queries need the _team blueprint, which does not exist yet',
          );
        return resolve(TEAM_BLUEPRINT, query, RELATION_QUERY_LIMIT, 'team');
      },
      async relations(relations: Record<string, string[] | null | QueryValue>) {
        const out: Record<string, string[] | null> = {};
        for (const [key, value] of Object.entries(relations)) {
          out[key] = isQueryValue(value)
            ? await resolve(blueprint.relations[key]!.target, value, RELATION_QUERY_LIMIT, `relations.${key}`)
            : value;
        }
        return out;
      },
    };
  }

  async function getEntity(actor: Actor, blueprintId: string, identifier: string): Promise<Entity> {
    const { blueprint } = await loadBlueprint(db, blueprintId);
    const [row] = await repo.findEntityRows(db, blueprintId, [identifier]);
    // An entity the actor may not read does not exist for it.
    if (!row || !(await mayRead(actor, blueprint, row)))
      throw notFound(`Entity "${identifier}" was not found in blueprint "${blueprintId}"`);
    const [entity] = await hydrate(db, [row], new Map([[blueprintId, blueprint]]), actor);
    return { ...entity!, version: versionTag(row.version, row.created_at) };
  }

  /**
   * An entity whole, as JSON text the database writes (entityJsonSql): one statement, nothing to parse or
   * serialise, for reads that ask for no projection. Undefined when the actor may not see some of its
   * blueprint's computed values: getEntity hides them.
   */
  async function getEntityText(
    actor: Actor,
    blueprintId: string,
    identifier: string,
    signal?: AbortSignal,
  ): Promise<{ text: string; version: string } | undefined> {
    const model = await models.snapshot();
    const blueprint = model.definitions.get(blueprintId);
    if (!blueprint) throw notFound(`Blueprint "${blueprintId}" was not found`);
    const defs = model.definitions;
    // An Admin reads every relation target: its statements are the same for every request, compiled once.
    let reads;
    let bounded = true;
    if (isAdmin(actor))
      reads = model.derived('entity json queries', blueprint, () =>
        entityJsonReads(entityJsonSql(dialect, [blueprint])),
      );
    else {
      const hidden = await hiddenComputed(ctx.access, actor, defs, [blueprintId]);
      const json = await entityJsonFor(actor, defs, [blueprintId], hidden);
      if (!json) return undefined;
      reads = entityJsonReads(json.sql);
      // A read policy on the targets is a search per target, as costly as its author made it.
      bounded = !json.targets?.policies?.length;
    }
    // In SQLite's server-thread connection only when its work is bounded (at most 1,000 targets, no read
    // policy to judge them by); otherwise, and on PostgreSQL, as any read: time-limited, stopped when the
    // client goes.
    const limited = limitQueries(db, { signal });
    let [row] =
      bounded && dialect.name === 'sqlite'
        ? await reads.bounded(database.pointReads, blueprintId, identifier)
        : await reads.whole(limited, blueprintId, identifier);
    if (row && row.json === null) [row] = await reads.whole(limited, blueprintId, identifier);
    if (!row || !(await mayRead(actor, blueprint, row)))
      throw notFound(`Entity "${identifier}" was not found in blueprint "${blueprintId}"`);
    const version = versionTag(row.version, row.created_at);
    return { text: `${row.json!.slice(0, -1)},"version":${JSON.stringify(version)}}`, version };
  }

  async function countEntities(actor: Actor, blueprintId: string): Promise<number> {
    const { blueprint } = await loadBlueprint(db, blueprintId);
    const visibility = visibilityOf(await ctx.access.gates(actor, [blueprint]));
    return repo.countEntityRows(db, dialect, blueprintId, visibility);
  }

  /**
   * Deletes entities (and, with deleteDependents, what requires them) with an audit record each. An
   * entity the actor may not read is answered as a missing one.
   */
  async function deleteEntities(
    actor: Actor,
    blueprintId: string,
    identifiers: string[],
    options: {
      deleteDependents: boolean;
      ifMatch?: readonly string[];
      /**
       * Called inside the delete's transaction with how many entities it removes, dependents included,
       * before it removes them: it may refuse (throw), and what it writes on `trx` commits with the delete.
       */
      beforeDeleting?: (count: number, trx: Db) => Promise<void>;
    },
  ): Promise<string[]> {
    const removed = await db.transaction().execute(async (trx) => {
      await loadBlueprint(trx, blueprintId);
      const blueprints = await blueprintMap(trx);
      const permitted = deletionGuard(ctx.access, actor, blueprints, trx, dialect);
      let roots = 0;
      const guard = {
        ...permitted,
        check: (async (doomed, role) => {
          await permitted.check(doomed, role);
          if (role === 'roots') roots = doomed.length;
          else await options.beforeDeleting?.(roots + doomed.length, trx);
        }) satisfies DeletionCheck,
      };
      const rows = await repo.findEntityRows(trx, blueprintId, identifiers, dialect);
      const readable = await guard.readable(rows.map((r) => r.id));
      const found = new Set(rows.filter((r) => readable.has(r.id)).map((r) => r.identifier));
      const missing = identifiers.filter((i) => !found.has(i));
      if (missing.length)
        throw notFound(
          `Entit${missing.length === 1 ? 'y' : 'ies'} ${missing
            .slice(0, 5)
            .map((m) => `"${m}"`)
            .join(', ')} not found in blueprint "${blueprintId}"`,
        );
      if (options.ifMatch)
        for (const row of rows)
          checkVersion(
            options.ifMatch,
            versionTag(row.version, row.created_at),
            `entity "${row.identifier}" of blueprint "${blueprintId}"`,
          );
      return removeEntities(
        trx,
        dialect,
        actor,
        ctx.now(),
        blueprints,
        rows.map((r) => r.id),
        options.deleteDependents,
        guard.check,
        guard.readable,
        { computed: ctx.computed, history: ctx.history },
      );
    });
    ctx.computed?.committed();
    announceCommitted(ctx.onCommitted, removed.changes);
    return removed.identifiers;
  }

  async function deleteAllEntities(actor: Actor, blueprintId: string): Promise<number> {
    const removed = await db.transaction().execute(async (trx) => {
      await loadBlueprint(trx, blueprintId);
      const blueprints = await blueprintMap(trx);
      const guard = deletionGuard(ctx.access, actor, blueprints, trx, dialect);
      return removeAllEntitiesOf(
        trx,
        dialect,
        actor,
        ctx.now(),
        blueprints,
        blueprintId,
        guard.check,
        guard.readable,
        { computed: ctx.computed, history: ctx.history },
      );
    });
    ctx.computed?.committed();
    announceCommitted(ctx.onCommitted, removed.changes);
    return removed.count;
  }

  return {
    writeEntities,
    writeEntity,
    hydrate,
    entityJsonFor,
    hydrateVersions,
    readableBy,
    hiddenComputedFor: (actor: Actor, blueprints: Map<string, BlueprintDefinition>, of: Iterable<string>) =>
      hiddenComputed(ctx.access, actor, blueprints, of),
    loadBlueprint,
    blueprintMap,
    modelOf,
    /** Port's attach_title_to_relation, on entities whose relations hold only targets their reader reads. */
    withRelationTitles: async (found: Entity[]) => withRelationTitles(db, found, await blueprintMap(db)),
    getEntity,
    getEntityText,
    countEntities,
    deleteEntities,
    deleteAllEntities,
  };
}

/**
 * Commits `plans` one at a time, each after the items of the batch it points at (those pointing at one
 * another, together); an item pointing at one that failed fails too. Returns the plans written.
 */
async function commitOneByOne(
  plans: PlannedWrite[],
  dependsOn: ReadonlyMap<number, readonly number[]>,
  commit: (some: PlannedWrite[]) => Promise<void>,
  fail: (failure: ItemFailure) => void,
  blueprint: BlueprintDefinition,
): Promise<PlannedWrite[]> {
  const written: PlannedWrite[] = [];
  const done = new Set<number>();
  const failed = new Set<number>();
  const brokenDependency = (plan: PlannedWrite) =>
    (dependsOn.get(plan.index) ?? []).find((index) => failed.has(index));
  const attempt = async (some: PlannedWrite[]) => {
    const broken = some.map(brokenDependency).find((index) => index !== undefined);
    try {
      if (broken !== undefined)
        throw unprocessable(
          'related_entity_failed',
          `a related entity of this request (item ${broken}) failed, so this item was not written`,
        );
      await commit(some);
      written.push(...some);
      some.forEach((plan) => done.add(plan.index));
    } catch (error) {
      for (const plan of some) {
        failed.add(plan.index);
        const reason =
          isRetryableWrite(error) || isRacedWrite(error)
            ? conflict(
                'write_conflict',
                `Entity "${plan.identifier}" of blueprint "${blueprint.identifier}" (or an entity it points at) was changed by another writer while this write was made; nothing was written: send it again`,
              )
            : asDomainError(error);
        fail({ index: plan.index, identifier: plan.identifier, error: reason });
      }
    }
  };
  const later: PlannedWrite[] = [];
  for (const plan of plans) {
    const waitsFor = (dependsOn.get(plan.index) ?? []).filter((index) => !done.has(index));
    if (waitsFor.some((index) => !failed.has(index))) later.push(plan);
    else await attempt([plan]);
  }
  let group = later;
  for (let changed = true; changed;) {
    changed = false;
    for (const plan of group)
      if (brokenDependency(plan) !== undefined) {
        await attempt([plan]);
        changed = true;
      }
    group = group.filter((plan) => !failed.has(plan.index));
  }
  if (group.length) await attempt(group);
  return written;
}

/** A write that lost a race with another and may be computed and sent again as it is. */
const isRetryableWrite = (error: unknown) => isStaleWrite(error) || isLostRace(error);

/** How many times a round is computed again after it lost a race that a new read explains (isRacedWrite). */
const RACED_ATTEMPTS = 3;

/** How many times a round is computed again when other writers change its entities meanwhile. */
const STALE_ATTEMPTS = 50;

const changedMeanwhile = (item: { identifier: string }, blueprint: BlueprintDefinition) =>
  conflict(
    'write_conflict',
    `Entity "${item.identifier}" of blueprint "${blueprint.identifier}" kept being changed by other writers while this write was computed from it (${STALE_ATTEMPTS} times); nothing was written: send it again`,
  );

const entityExists = (identifier: string, blueprint: string) =>
  conflict('entity_exists', `Entity "${identifier}" already exists in blueprint "${blueprint}"`);

export const statusOf = (error: DomainError): number => STATUS_BY_KIND[error.kind];

function asDomainError(error: unknown): DomainError {
  const known = errorOf(error) ?? domainErrorFromDatabase(error);
  if (known) return known;
  throw error;
}

function labelOf(raw: unknown): string {
  const identifier = (raw as { identifier?: unknown } | null)?.identifier;
  return typeof identifier === 'string'
    ? identifier
    : identifier === undefined
      ? ''
      : JSON.stringify(identifier);
}

/** Whether two lists name the same teams, in any order. */
function sameTeams(a: readonly string[], b: readonly string[] | undefined) {
  const other = new Set(b ?? []);
  return new Set(a).size === other.size && a.every((team) => other.has(team));
}
