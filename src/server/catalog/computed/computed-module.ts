import type { BlueprintDefinition, JsonObject } from '../../../core/blueprint.js';
import { DomainError, unprocessable } from '../../errors.js';
import { createJobQueue, type JobQueue } from '../../jobs/job-queue.js';
import { enqueueJob, newJobStatement } from '../../jobs/jobs.repo.js';
import type { Job } from '../../jobs/job-types.js';
import type { JobLog } from '../../jobs/job-queue.js';
import type { JqPool } from '../../jq/jq-pool.js';
import { compileSearchQuery } from '../../search/search.compiler.js';
import type { Database, Db, Statement } from '../../storage/database.js';
import { blueprintDefinitions, listBlueprints } from '../blueprint.repo.js';
import type { ComputedCatalog } from '../catalog-context.js';
import { announceCommitted, updatesOf, type CommitListener } from '../catalog-changes.js';
import { removePropertyFromEntities } from '../schema-change.repo.js';
import { SYSTEM_ACTOR } from '../entity-versions.repo.js';
import type { PlannedWrite } from '../entity-write.js';
import {
  buildComputedModel,
  computedNames,
  storedOnly,
  type AggregationSpec,
  type ComputedModel,
  readsInheritedTeam,
  type EntityChange,
} from './computed-model.js';
import type { EntityState } from '../entity.repo.js';
import { computeValues, withValues, type ComputeDeps } from './computed-values.js';
import { DataModelChanged } from './computed.repo.js';
import {
  addRoots,
  changesOfSeeds,
  dependentsOf,
  idsOfKeys,
  refresh,
  sameValues,
  type BlueprintMap,
  type IdsByBlueprint,
  type EntityKey,
  type Seed,
} from './computed-refresh.js';
import { listEntityRowsAfter } from '../entity.repo.js';

export const REFRESH_JOB = 'computed.refresh';

export interface ComputedModuleDeps {
  database: Database;
  jq: JqPool;
  onCommitted: CommitListener[];
  log: JobLog & { warn(object: object, message: string): void };
  /** Tests running apps on one database keep their jobs apart. */
  jobNamespace?: string;
  /** Record each new value as a version of its entity (default true). */
  history?: boolean;
  /** A calculation's run over a batch of entities stops past this; default 1,000 ms. */
  jqTimeoutMs?: number;
  /** Awaited by a refresh once it has read the data model, before it computes (tests hold it there). */
  modelRead?: (payload: Readonly<RefreshPayload>) => Promise<void>;
}

/** What a refresh job is asked to do. */
export interface RefreshPayload {
  /** Entities that changed, and how: those whose values read what changed are computed again. */
  seeds?: Seed[];
  /** Entities to compute again themselves. */
  roots?: EntityKey[];
  /** Entities the write computed itself, exactly as it committed: left out. */
  computed?: EntityKey[];
  /** A blueprint whose every entity is computed again, from row id `afterId` on. */
  backfill?: string;
  afterId?: number;
}

const BACKFILL_PAGE = 500;
/**
 * Runs of a refresh job that a change of the data model overtook before the job fails (and is retried
 * later): each runs again at once with the definitions as they are then.
 */
const MODEL_ATTEMPTS = 5;
const TIME_AVERAGES_EVERY_MS = 60 * 60_000;

const movesWithTime = (aggregation: AggregationSpec) =>
  aggregation.func === 'average' && aggregation.averageOf !== undefined && aggregation.averageOf !== 'total';

/**
 * Mirror, calculation and aggregation values, kept in each entity's properties: a write computes those of
 * the entities it writes before it commits (and commits only if what they read is unchanged), and leaves
 * in the same transaction a job that computes again, after it commits, every entity whose values read it.
 */
export function createComputedModule(deps: ComputedModuleDeps): ComputedCatalog & { queue: JobQueue } {
  const { database } = deps;
  const { db, dialect } = database;
  const kind = deps.jobNamespace ? `${REFRESH_JOB}@${deps.jobNamespace}` : REFRESH_JOB;
  const computeDeps: ComputeDeps = {
    db,
    dialect,
    jq: deps.jq,
    jqTimeoutMs: deps.jqTimeoutMs ?? 1_000,
    log: deps.log,
    now: () => Date.now(),
  };
  let cached: { fingerprint: string; model: ComputedModel } | undefined;

  /** The model of `blueprints`, built once per version of what it depends on. */
  function modelOf(blueprints: BlueprintMap): ComputedModel | undefined {
    const parts = [...blueprints.values()].filter(
      (b) => computedNames(b).size || Object.keys(b.relations).length,
    );
    if (!parts.some((b) => computedNames(b).size)) return undefined;
    const fingerprint = JSON.stringify(
      parts.map((b) => [
        b.identifier,
        b.relations,
        b.mirrorProperties,
        b.calculationProperties,
        b.aggregationProperties,
      ]),
    );
    if (cached?.fingerprint !== fingerprint) cached = { fingerprint, model: buildComputedModel(blueprints) };
    return cached.model;
  }

  const currentBlueprints = (from: Db = db): Promise<BlueprintMap> => blueprintDefinitions(from, dialect);

  function announce(entities: ReadonlyArray<{ blueprint: string; identifier: string }>) {
    announceCommitted(deps.onCommitted, updatesOf(entities));
  }

  /**
   * A refresh computes from the definitions it read, and writes only while they are still current: one
   * that a change of the data model overtook computes again with the new ones.
   */
  async function runRefresh(job: Job) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await refreshOnce(job.payload as RefreshPayload);
      } catch (error) {
        if (!(error instanceof DataModelChanged) || attempt >= MODEL_ATTEMPTS) throw error;
      }
    }
  }

  async function refreshOnce(payload: RefreshPayload) {
    const stored = await listBlueprints(db, dialect);
    const blueprints: BlueprintMap = new Map(
      stored.map((s) => [s.blueprint.identifier, s.blueprint as BlueprintDefinition]),
    );
    const versions = new Map(stored.map((s) => [s.blueprint.identifier, s.version]));
    const model = modelOf(blueprints);
    if (!model) return;
    await deps.modelRead?.(payload);
    const refreshDeps = { ...computeDeps, changed: announce, history: deps.history !== false, versions };
    if (payload.backfill !== undefined) {
      const rows = await listEntityRowsAfter(db, payload.backfill, payload.afterId ?? 0, BACKFILL_PAGE);
      await refresh(
        refreshDeps,
        model,
        blueprints,
        new Map([[payload.backfill, { ids: new Set(rows.map((r) => r.id)) }]]),
      );
      if (rows.length === BACKFILL_PAGE) {
        // The next page, keyless: a change of the definition meanwhile starts a backfill of its own (under
        // the key) from the first page, and this one still ends.
        await enqueueJob(db, {
          kind,
          payload: {
            backfill: payload.backfill,
            afterId: rows[rows.length - 1]!.id,
          } satisfies RefreshPayload,
        });
        queue.wake(kind);
      } else if (model.of(payload.backfill)?.aggregations.some(movesWithTime)) {
        // Averages per hour, day, week or month change as time passes: they are computed again hourly
        // (one such job per blueprint: a newer one takes the place of one waiting).
        await enqueueJob(db, {
          kind,
          key: `computed-hourly:${payload.backfill}`,
          runAt: Date.now() + TIME_AVERAGES_EVERY_MS,
          payload: { backfill: payload.backfill, afterId: 0 } satisfies RefreshPayload,
        });
      }
      return;
    }
    const roots = await dependentsOf(
      computeDeps,
      model,
      await changesOfSeeds(computeDeps, payload.seeds ?? []),
    );
    for (const [blueprint, ids] of await idsOfKeys(computeDeps, payload.roots ?? []))
      addRoots(roots, blueprint, ids);
    for (const [blueprint, ids] of await idsOfKeys(computeDeps, payload.computed ?? []))
      for (const id of ids) roots.get(blueprint)?.ids.delete(id);
    await refresh(refreshDeps, model, blueprints, roots);
  }

  const queue = createJobQueue(database, {
    handlers: {
      [kind]: {
        timeoutMs: 5 * 60_000,
        maxAttempts: 10,
        backoff: { baseMs: 200, capMs: 30_000 },
        run: async (job) => runRefresh(job),
      },
    },
    concurrency: 4,
    maintenance: false,
    log: deps.log,
  });

  const refreshStatement = (payload: RefreshPayload): Statement => newJobStatement(db, { kind, payload });

  return {
    queue,

    async prepareWrite(blueprints, blueprint, plans) {
      const model = modelOf(blueprints);
      if (!model) return { guards: [], statements: [] };
      const own = model.of(blueprint.identifier);
      const guards: Array<{ id: number; version: number }> = [];
      if (own) {
        const written = new Set(plans.flatMap((p) => (p.existing ? [p.existing.id] : [])));
        const roots = plans.map((plan) => ({
          ...(plan.existing ? { id: plan.existing.id } : {}),
          state: { ...plan.state, properties: storedOnly(blueprint, plan.state.properties) },
          relations: plan.relations,
        }));
        const { values, read } = await computeValues(computeDeps, model, blueprints, blueprint, roots);
        plans.forEach((plan, i) => {
          plan.state.properties = withValues(roots[i]!.state.properties, values[i]!);
          for (const [id, version] of read[i]!) if (!written.has(id)) guards.push({ id, version });
        });
      }
      const seeds = seedsOf(model, blueprint, plans);
      // A team inherited from owners is computed by the transaction after this: entities whose
      // calculations read it are computed again once it commits.
      const inherits = own !== undefined && readsInheritedTeam(own, blueprint);
      const keys = plans.map((p): EntityKey => [blueprint.identifier, p.state.identifier]);
      if (!seeds.length && !inherits) return { guards, statements: [] };
      // An entity computed here read the catalog as it commits (its guards), unless what it read passes
      // through its own blueprint, which this write changes too.
      const selfRead = model
        .watchers(blueprint.identifier)
        .some((w) => w.root === blueprint.identifier && w.hops.length > 0);
      const payload: RefreshPayload = {
        seeds,
        ...(inherits ? { roots: keys } : own && !selfRead ? { computed: keys } : {}),
      };
      return { guards, statements: [refreshStatement(payload)] };
    },

    async beforeDelete(trx, blueprints, ids) {
      const model = modelOf(blueprints);
      if (!model || !ids.length) return;
      const rows = await trx
        .selectFrom('entities')
        .select(['id', 'blueprint'])
        .where('id', 'in', ids)
        .execute();
      const deleted: IdsByBlueprint = new Map();
      for (const row of rows)
        deleted.set(row.blueprint, (deleted.get(row.blueprint) ?? new Set()).add(row.id));
      const dependents = await dependentsOf(
        { ...computeDeps, db: trx },
        model,
        [...deleted].map(([blueprint, set]) => ({ blueprint, ids: set, change: { kind: 'all' } })),
      );
      const gone = new Set(ids);
      const roots: EntityKey[] = [];
      for (const [blueprint, { ids: set }] of dependents) {
        const live = [...set].filter((id) => !gone.has(id));
        if (!live.length) continue;
        const named = await trx.selectFrom('entities').select('identifier').where('id', 'in', live).execute();
        roots.push(...named.map((row): EntityKey => [blueprint, row.identifier]));
      }
      if (roots.length) await enqueueJob(trx, { kind, payload: { roots } satisfies RefreshPayload });
    },

    async blueprintChanged(trx, before, after) {
      if (!after) return;
      const removed = before
        ? [...computedNames(before)].filter((key) => !computedNames(after).has(key))
        : [];
      for (const key of removed)
        if (!Object.hasOwn(after.schema.properties, key))
          await removePropertyFromEntities(
            trx,
            dialect,
            after.identifier,
            key,
            deps.history !== false ? { at: new Date().toISOString(), actor: SYSTEM_ACTOR } : undefined,
          );
      // What the values read: relations, the stored properties' names and the computed definitions.
      const definitionOf = (b: BlueprintDefinition | undefined) =>
        JSON.stringify(
          b && [
            b.relations,
            Object.keys(b.schema.properties),
            b.mirrorProperties,
            b.calculationProperties,
            b.aggregationProperties,
          ],
        );
      if (!computedNames(after).size || definitionOf(before) === definitionOf(after)) return;
      await enqueueJob(trx, {
        kind,
        key: backfillKey(after.identifier),
        payload: { backfill: after.identifier, afterId: 0 } satisfies RefreshPayload,
      });
    },

    async valuesChanged(trx, blueprint) {
      const model = modelOf(await currentBlueprints(trx));
      if (!model) return;
      const affected = new Set(model.watchers(blueprint).map((watch) => watch.root));
      if (model.of(blueprint)) affected.add(blueprint);
      for (const root of affected)
        await enqueueJob(trx, {
          kind,
          key: backfillKey(root),
          payload: { backfill: root, afterId: 0 } satisfies RefreshPayload,
        });
    },

    async checkDefinition(definition, all) {
      try {
        buildComputedModel(all);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw unprocessable('invalid_blueprint', (error as Error).message);
      }
      for (const [key, aggregation] of Object.entries(definition.aggregationProperties))
        if (aggregation.query !== undefined) {
          try {
            compileSearchQuery(aggregation.query, {
              dialect,
              blueprints: new Map(all),
              blueprint: String(aggregation.target),
            });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            throw unprocessable('invalid_blueprint', `aggregationProperties.${key}.query: ${error.message}`);
          }
        }
      for (const [key, calculation] of Object.entries(definition.calculationProperties)) {
        const program = String(calculation.calculation);
        try {
          await deps.jq.evaluate(program, {}, { timeoutMs: 500 });
        } catch (error) {
          const details =
            error instanceof DomainError ? (error.details as JsonObject | undefined) : undefined;
          if (details?.phase === 'compile')
            throw unprocessable(
              'invalid_blueprint',
              `calculationProperties.${key}.calculation: ${(error as Error).message}`,
              {
                field: `calculationProperties.${key}.calculation`,
              },
            );
        }
      }
    },

    committed() {
      queue.wake(kind);
    },
  };
}

const backfillKey = (blueprint: string) => `computed-backfill:${blueprint}`;

/**
 * What a write changed that others' values may read: an entity's own data (when it was there before), its
 * relations that now point elsewhere, and the targets they point at now or did before. A new entity is
 * read by no path yet but through the relations it adds.
 */
function seedsOf(
  model: ComputedModel,
  blueprint: BlueprintDefinition,
  plans: readonly PlannedWrite[],
): Seed[] {
  const seeds = new Map<string, Seed>();
  const add = (b: string, identifier: string, change: EntityChange) => {
    if (model.watchers(b, change).length)
      seeds.set(JSON.stringify([b, identifier, change]), [b, identifier, change]);
  };
  for (const plan of plans) {
    const identifier = plan.state.identifier;
    if (plan.existing && !sameData(plan.existing.state, plan.state))
      add(blueprint.identifier, identifier, { kind: 'data' });
    for (const [relation, definition] of Object.entries(blueprint.relations)) {
      const before = plan.existing?.relations.get(relation) ?? [];
      const after = plan.relations.get(relation) ?? [];
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      if (plan.existing) add(blueprint.identifier, identifier, { kind: 'out', relation });
      const change: EntityChange = { kind: 'in', relation, from: blueprint.identifier };
      for (const target of new Set([...before, ...after])) add(definition.target, target, change);
    }
  }
  return [...seeds.values()];
}

const sameData = (a: EntityState, b: EntityState) =>
  a.identifier === b.identifier &&
  a.title === b.title &&
  a.icon === b.icon &&
  JSON.stringify(a.team) === JSON.stringify(b.team) &&
  sameValues(a.properties, b.properties) &&
  sameValues(b.properties, a.properties);
