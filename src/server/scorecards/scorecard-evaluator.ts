import type { BlueprintDefinition } from '../../core/blueprint.js';
import { levelIndexOf, levelReached, type RuleResult, type ScorecardResult } from '../../core/scorecard.js';
import { derivedRecordQueries } from '../audit/audit.repo.js';
import { entityByEntity } from '../automations/automation-event.js';
import { blueprintDefinitions } from '../catalog/blueprint.repo.js';
import { announceCommitted, updatesOf, type CommitListener } from '../catalog/catalog-changes.js';
import { createStreamConsumer, type Consumed, type StreamConsumer } from '../events/stream-consumer.js';
import type { StreamEvent, StreamInterest } from '../events/stream.repo.js';
import type { Database, Statement } from '../storage/database.js';
import type { InsertColumn } from '../storage/dialect/index.js';
import {
  compileScorecard,
  countOf,
  evaluateAll,
  evaluateEach,
  lastRecorded,
  type RecordedResult,
  type Reasons,
  type CompiledScorecard,
  type EvaluatedRow,
  type Selection,
} from './scorecard-evaluation.repo.js';
import { jsonText, resultsText, scorecardsChangeText, teamText } from './result-json.js';
import * as repo from './scorecard.repo.js';

export interface ScorecardEvaluatorDeps {
  database: Database;
  now(): string;
  log: { warn(details: object, message: string): void };
  /** Apps that share a database but not their settings (tests) keep their own place in the stream. */
  jobNamespace?: string;
  /** Told of the entities whose results changed, once written (live updates). */
  onCommitted?: CommitListener[];
  /** Entities per slice of a scorecard's evaluation of its whole blueprint. */
  sliceSize?: number;
  /** How often a scorecard whose rules read the time (date presets) is evaluated again; default 1 hour. */
  timeDependentEveryMs?: number;
  stream?: { leaseMs?: number; pollMs?: number; batchSize?: number };
}

/** A change of an entity's result under one scorecard, as history records it. */
interface ResultChange {
  scorecard: CompiledScorecard;
  row: Pick<EvaluatedRow, 'id' | 'identifier' | 'title' | 'team'>;
  before: ScorecardResult | null;
  after: ScorecardResult | null;
  cause: 'entity' | 'scorecard';
  actor: string;
}

/**
 * What a batch of the stream writes, kept until it commits: the next batch is consumed meanwhile (the
 * stream consumes ahead), and reads entities' rows and history that do not show it yet.
 */
interface Uncommitted {
  /** Which run of the stream's reading it belongs to: one begun since (resuming) knows nothing of it. */
  generation: number;
  /** Each entity's results written, as merge patches by row id (null: no result under that scorecard). */
  results: Map<number, Record<string, ScorecardResult | null>>;
  /**
   * The last change recorded of each entity, by scorecard id and identifier, then by row id (an
   * identifier deleted and created again is borne by several).
   */
  recorded: Map<string, Map<number, ResultChange>>;
}

const recordedKey = (scorecardId: number, identifier: string) => `${scorecardId}:${identifier}`;

const CHANGE_COLUMNS: readonly InsertColumn[] = [
  { name: 'at', type: 'text' },
  { name: 'scorecard_id', type: 'integer' },
  { name: 'blueprint', type: 'text' },
  { name: 'scorecard', type: 'text' },
  { name: 'entity_id', type: 'integer' },
  { name: 'entity', type: 'text' },
  { name: 'team', type: 'jsonText' },
  { name: 'level', type: 'text' },
  { name: 'level_index', type: 'integer' },
  { name: 'previous_level', type: 'text' },
  { name: 'rules', type: 'jsonText' },
  { name: 'flipped', type: 'json' },
  { name: 'cause', type: 'text' },
  { name: 'actor', type: 'text' },
];

const SLICE = 2_000;

/** Results kept per scorecard for sharing: one per combination of its rules' statuses seen, up to this. */
const MAX_SHARED_RESULTS = 4_096;
const shared = new WeakMap<CompiledScorecard, Map<string, ScorecardResult>>();
const sharedResults = (compiled: CompiledScorecard) =>
  shared.get(compiled) ?? shared.set(compiled, new Map()).get(compiled)!;

/**
 * Keeps every entity's scorecard results current (docs/scorecards.md). It reads the change stream: each
 * write of an entity of a scored blueprint, its own or derived (a mirror or an aggregation that a related
 * entity's write changed), has the entity evaluated again, and what changed is written with the stream
 * cursor's move. Between batches it evaluates, slice by slice, the entities of a scorecard that changed.
 * One process does both (the stream's reader), so results, their history and their events are written
 * once, in order. Each change of a result is recorded (scorecard_changes) and is an ENTITY_UPDATED event
 * of the entity with `scorecards` and `scorecardsStats` in its diff, as Port's automations expect.
 */
export function createScorecardEvaluator(deps: ScorecardEvaluatorDeps) {
  const { database } = deps;
  const { background: db, dialect } = database;
  const sliceSize = deps.sliceSize ?? SLICE;
  let generation = 0;
  let uncommitted: Uncommitted | undefined;
  let model:
    | Promise<{ blueprints: Map<string, BlueprintDefinition>; byBlueprint: Map<string, CompiledScorecard[]> }>
    | undefined;

  async function loadModel() {
    const [blueprints, scorecards] = await Promise.all([
      blueprintDefinitions(db, dialect),
      repo.listScorecards(db, dialect),
    ]);
    const byBlueprint = new Map<string, CompiledScorecard[]>();
    for (const scorecard of scorecards) {
      if (!blueprints.has(scorecard.blueprint)) continue;
      let compiled: CompiledScorecard;
      try {
        compiled = compileScorecard(scorecard, blueprints, dialect);
      } catch (error) {
        // Checked when written, and a change of the blueprint that breaks it is refused: a bug if it happens.
        deps.log.warn(
          { scorecard: scorecard.definition.identifier, err: (error as Error).message },
          'a scorecard no longer compiles; it is not evaluated',
        );
        continue;
      }
      (
        byBlueprint.get(scorecard.blueprint) ??
        byBlueprint.set(scorecard.blueprint, []).get(scorecard.blueprint)!
      ).push(compiled);
    }
    return { blueprints, byBlueprint };
  }

  const current = () =>
    (model ??= loadModel().catch((error) => {
      model = undefined;
      throw error;
    }));

  /**
   * Reads the rows of `selection` once for all of `scorecards` (of one blueprint), and each one's result
   * under each; a rule that cannot be read fails, with why. A scorecard whose conditions read the time is
   * compiled again for now (`lastWeek` moves on).
   */
  async function evaluate(scorecards: readonly CompiledScorecard[], selection: Selection) {
    const at = new Date(deps.now());
    const blueprints = scorecards.some((c) => c.timeDependent) ? (await current()).blueprints : undefined;
    const compiled = scorecards.map((kept) =>
      kept.timeDependent ? compileScorecard(kept.scorecard, blueprints!, dialect, at) : kept,
    );
    let evaluated: Array<{ rows: EvaluatedRow[]; reasons: Reasons }>;
    try {
      evaluated = (await evaluateAll(db, compiled, selection)).map((rows) => ({ rows, reasons: new Map() }));
    } catch {
      // Some condition cannot be evaluated on some entity: found out scorecard by scorecard.
      evaluated = [];
      for (const one of compiled) evaluated.push(await evaluateEach(db, one, selection));
    }
    return compiled.map((one, s) => {
      const { rows, reasons } = evaluated[s]!;
      return rows.map((row) => ({ row, result: resultOf(one, row, reasons) }));
    });
  }

  function resultOf(
    compiled: CompiledScorecard,
    row: EvaluatedRow,
    reasons: Reasons,
  ): ScorecardResult | null {
    if (!row.f) return null;
    const { definition } = compiled.scorecard;
    // Entities whose rules have the same statuses share one result (and its JSON text, jsonText).
    let statuses = '';
    if (!reasons.size)
      for (let i = 0; i < definition.rules.length; i++) statuses += row[`r${i}`] === 1 ? '1' : '0';
    const shared = statuses ? sharedResults(compiled) : undefined;
    const found = shared?.get(statuses);
    if (found) return found;
    const rules = definition.rules.map((rule, i): RuleResult => {
      const reason = reasons.get(`${row.id}:${i}`);
      return {
        identifier: rule.identifier,
        status: row[`r${i}`] === 1 ? 'SUCCESS' : 'FAILURE',
        level: rule.level,
        ...(reason ? { reason: `the rule could not be evaluated: ${reason}` } : {}),
      };
    });
    const result = { level: levelReached(definition.levels, rules), rules };
    if (shared && shared.size < MAX_SHARED_RESULTS) shared.set(statuses, result);
    return result;
  }

  /**
   * Each entity's results as held: its results column, read once, with what `written` (a batch not yet
   * committed) wrote over it.
   */
  function heldResults(written: Uncommitted | undefined) {
    const known = new Map<number, Record<string, ScorecardResult | undefined>>();
    return {
      known,
      of(row: Pick<EvaluatedRow, 'id' | 'scorecards'>) {
        let results = known.get(row.id);
        if (!results) {
          results = resultsOf(row.scorecards);
          const patch = written?.results.get(row.id);
          if (patch)
            for (const [key, result] of Object.entries(patch))
              if (result === null) delete results[key];
              else results[key] = result;
          known.set(row.id, results);
        }
        return results;
      },
    };
  }
  type Held = ReturnType<typeof heldResults>;

  /** Each entity's result that differs from what it holds. */
  function changesOf(
    compiled: CompiledScorecard,
    evaluated: Array<{ row: EvaluatedRow; result: ScorecardResult | null }>,
    cause: ResultChange['cause'],
    actorOf: (identifier: string) => string,
    held: Held,
  ): ResultChange[] {
    const key = compiled.scorecard.definition.identifier;
    return evaluated.flatMap(({ row, result }) => {
      const results = held.of(row);
      const before = Object.hasOwn(results, key) ? (results[key] ?? null) : null;
      return sameResult(before, result)
        ? []
        : [{ scorecard: compiled, row, before, after: result, cause, actor: actorOf(row.identifier) }];
    });
  }

  const resultsOf = (column: unknown): Record<string, ScorecardResult | undefined> =>
    column === null || column === undefined ? {} : dialect.fromJson<Record<string, ScorecardResult>>(column);

  /**
   * The statements that write `changes` (results, history, events), at `at`: each entity's results in one
   * write, while every scorecard they come from is still at the version evaluated. With what they write.
   */
  function statementsOf(
    changes: ResultChange[],
    at: string,
    { known: held }: Held,
  ): { statements: Statement[]; results: Uncommitted['results']; recorded: Uncommitted['recorded'] } {
    if (!changes.length) return { statements: [], results: new Map(), recorded: new Map() };
    const statements: Statement[] = [];
    for (const { scorecard } of new Set(changes.map((change) => change.scorecard)))
      statements.push(repo.scorecardStillAtQuery(db, dialect, scorecard.id, scorecard.version));
    const patches = new Map<number, Record<string, ScorecardResult | null>>();
    for (const change of changes)
      if (change.row.id > 0)
        (patches.get(change.row.id) ?? patches.set(change.row.id, {}).get(change.row.id)!)[
          change.scorecard.scorecard.definition.identifier
        ] = change.after;
    if (patches.size)
      statements.push(
        ...dialect.writeScorecardResults(
          [...patches].map(([id, results]) => ({
            id,
            results: resultsText(results),
            removed: Object.keys(results).filter((key) => results[key] === null),
          })),
        ),
      );
    const recorded: Uncommitted['recorded'] = new Map();
    const history = changes.map((change) => {
      const { scorecard } = change.scorecard;
      const level = change.after?.level ?? null;
      const key = recordedKey(scorecard.id, change.row.identifier);
      (recorded.get(key) ?? recorded.set(key, new Map()).get(key)!).set(Math.abs(change.row.id), change);
      return {
        at,
        scorecard_id: scorecard.id,
        blueprint: scorecard.blueprint,
        scorecard: scorecard.definition.identifier,
        entity_id: Math.abs(change.row.id),
        entity: change.row.identifier,
        team: teamText(change.row.team),
        level,
        level_index: level === null ? null : levelIndexOf(scorecard.definition.levels, level),
        previous_level: change.before?.level ?? null,
        rules: change.after ? jsonText(change.after.rules) : null,
        flipped: flippedRules(change.before, change.after),
        cause: change.cause,
        actor: change.actor,
      };
    });
    statements.push(...dialect.insertRows('scorecard_changes', CHANGE_COLUMNS, history));
    // One derived event per entity: the results of the scorecards that changed, before and after (the
    // others are as they were; an event of thousands of entities stays small), and the share of all its
    // rules that pass, before and after.
    const perEntity = new Map<
      number,
      {
        change: ResultChange;
        whole: {
          before: Record<string, ScorecardResult | undefined>;
          after: Record<string, ScorecardResult | undefined>;
        };
        changed: {
          before: Record<string, ScorecardResult | null>;
          after: Record<string, ScorecardResult | null>;
        };
      }
    >();
    for (const change of changes) {
      const id = change.row.id;
      const key = change.scorecard.scorecard.definition.identifier;
      let entry = perEntity.get(id);
      if (!entry) {
        // A row gone since (deleted) held, of this batch's scorecards, what history last recorded.
        const before: Record<string, ScorecardResult | undefined> = held.has(id)
          ? { ...held.get(id) }
          : change.before
            ? { [key]: change.before }
            : {};
        entry = { change, whole: { before, after: { ...before } }, changed: { before: {}, after: {} } };
        perEntity.set(id, entry);
      }
      if (change.before !== null) entry.changed.before[key] = change.before;
      if (change.after === null) delete entry.whole.after[key];
      else entry.whole.after[key] = entry.changed.after[key] = change.after;
    }
    const byBlueprint = new Map<string, string[]>();
    for (const { change, whole, changed } of perEntity.values()) {
      const { blueprint } = change.scorecard.scorecard;
      (byBlueprint.get(blueprint) ?? byBlueprint.set(blueprint, []).get(blueprint)!).push(
        scorecardsChangeText(
          change.row.identifier,
          change.row.title,
          { scorecards: changed.before, scorecardsStats: statsOf(whole.before) },
          { scorecards: changed.after, scorecardsStats: statsOf(whole.after) },
        ),
      );
    }
    for (const [blueprint, texts] of byBlueprint)
      statements.push(...derivedRecordQueries(dialect, blueprint, at, `[${texts.join(',')}]`, 'scorecards'));
    return { statements, results: patches, recorded };
  }

  /** The stream's events: the entities of scored blueprints written (or derived) are evaluated again. */
  async function consume(events: StreamEvent[]): Promise<Consumed> {
    const { byBlueprint } = await current();
    const definitionsChanged = events.some(
      (e) => e.resourceType === 'scorecard' || e.resourceType === 'blueprint',
    );
    const touched = new Map<string, Map<string, string>>();
    const deleted = new Set<string>();
    for (const event of entityByEntity(events)) {
      if (event.resourceType !== 'entity' || !event.blueprint || !byBlueprint.has(event.blueprint)) continue;
      // An entity's record names it as it is after the change (a renamed one by its new identifier).
      const identifier = event.entity ?? event.identifier;
      (touched.get(event.blueprint) ?? touched.set(event.blueprint, new Map()).get(event.blueprint)!).set(
        identifier,
        event.actor,
      );
      if (event.action === 'DELETE') deleted.add(`${event.blueprint}:${identifier}`);
    }
    // The last batch's writes may not have committed yet (consumed ahead): its results and history count.
    const readingSince = generation;
    const before = uncommitted?.generation === readingSince ? uncommitted : undefined;
    const changes: ResultChange[] = [];
    const held = heldResults(before);
    for (const [blueprint, actors] of touched) {
      const identifiers = [...actors.keys()];
      const scorecards = byBlueprint.get(blueprint)!;
      const evaluated = await evaluate(scorecards, { identifiers });
      for (const [s, compiled] of scorecards.entries()) {
        const actorOf = (id: string) => actors.get(id) ?? 'portico';
        const wasDeleted = (identifier: string) => deleted.has(`${blueprint}:${identifier}`);
        // Those that left first: an entity deleted and created again enters as a new one.
        changes.push(...(await leftWith(compiled, identifiers, evaluated[s]!, actors, before, wasDeleted)));
        changes.push(...changesOf(compiled, evaluated[s]!, 'entity', actorOf, held));
      }
    }
    if (definitionsChanged) {
      model = undefined;
      mayBePending = true;
    }
    const { statements, results, recorded } = statementsOf(changes, deps.now(), held);
    const mine: Uncommitted = { generation: readingSince, results, recorded };
    if (readingSince === generation) uncommitted = mine;
    return written(changes, statements, mine);
  }

  /**
   * What a batch's changes lead to; once written, the batch's writes are the rows' and live updates go out
   * for the entities whose results changed.
   */
  function written(changes: ResultChange[], statements: Statement[], mine?: Uncommitted): Consumed {
    const entities = changes
      .filter((c) => c.row.id > 0)
      .map((c) => ({ blueprint: c.scorecard.scorecard.blueprint, identifier: c.row.identifier }));
    return {
      statements,
      committed: () => {
        if (mine && uncommitted === mine) uncommitted = undefined;
        if (entities.length && deps.onCommitted) announceCommitted(deps.onCommitted, updatesOf(entities));
      },
    };
  }

  /**
   * The entities of `identifiers` gone since (deleted), and those deleted and created again under the same
   * identifier (a row of their own now, perhaps evaluated before the deletion's event was read): each
   * leaves the scorecard, as history records.
   */
  async function leftWith(
    compiled: CompiledScorecard,
    identifiers: readonly string[],
    evaluated: Array<{ row: EvaluatedRow }>,
    actors: Map<string, string>,
    written: Uncommitted | undefined,
    wasDeleted: (identifier: string) => boolean,
  ): Promise<ResultChange[]> {
    const { scorecard } = compiled;
    const rowIds = new Map(evaluated.map(({ row }) => [row.identifier, row.id]));
    // Each identifier gone, or taken again: every entity that bore it and is still in the scorecard
    // leaves (one created again and deleted again before the first deletion was read is one of several).
    const looked = identifiers.filter((identifier) => !rowIds.has(identifier) || wasDeleted(identifier));
    const last = new Map<string, RecordedResult>();
    for (const recorded of await lastRecorded(db, dialect, scorecard.id, scorecard.blueprint, looked))
      last.set(`${recorded.entityId}:${recorded.entity}`, recorded);
    // The last batch's records, not committed perhaps, over history's.
    for (const entity of looked)
      for (const [entityId, change] of written?.recorded.get(recordedKey(scorecard.id, entity)) ?? [])
        last.set(`${entityId}:${entity}`, {
          entity,
          entityId,
          level: change.after?.level ?? null,
          rules: change.after?.rules ?? null,
          team: dialect.fromJson(change.row.team) ?? [],
        });
    return [...last.values()].flatMap((recorded) => {
      const identifier = recorded.entity;
      return recorded.level === null || recorded.entityId === rowIds.get(identifier)
        ? []
        : [
            {
              scorecard: compiled,
              // A negative id: history keeps the row id the entity had; its row is gone, nothing to write.
              row: { id: -recorded.entityId, identifier, title: null, team: dialect.toJson(recorded.team) },
              before: { level: recorded.level, rules: recorded.rules as RuleResult[] },
              after: null,
              cause: 'entity' as const,
              actor: actors.get(identifier) ?? 'portico',
            },
          ];
    });
  }

  let lookedForStaleAt = 0;
  /** False once the evaluations table held none under way, until something may have started one. */
  let mayBePending = true;

  /**
   * A scorecard whose rules read the time (`lastWeek`…) and whose last evaluation ended longer ago than
   * timeDependentEveryMs: its evaluation starts again. Looked for once a minute at most.
   */
  async function restartStale(): Promise<Consumed | undefined> {
    const every = deps.timeDependentEveryMs ?? 3_600_000;
    const now = Date.parse(deps.now());
    if (now - lookedForStaleAt < Math.min(every, 60_000)) return undefined;
    lookedForStaleAt = now;
    const timed = [...(await current()).byBlueprint.values()].flat().filter((c) => c.timeDependent);
    const evaluations = await repo.evaluationsOf(
      db,
      timed.map((c) => c.scorecard.id),
    );
    for (const compiled of timed) {
      const evaluation = evaluations.get(compiled.scorecard.id);
      if (!evaluation?.finished_at || now - Date.parse(evaluation.finished_at) < every) continue;
      const total = await countOf(db, compiled.scorecard.blueprint);
      mayBePending = true;
      return { statements: [repo.restartEvaluationQuery(db, evaluation, total, deps.now())] };
    }
    return undefined;
  }

  /** One slice of the oldest evaluation of a whole blueprint under way. */
  async function idle(): Promise<Consumed | undefined> {
    // Every change on the database wakes the consumer: the evaluations table is read only while one may
    // be under way (a change of scorecards, here or read from the stream, starts one).
    if (!mayBePending) return restartStale();
    const [pending] = await repo.pendingEvaluations(db);
    if (!pending) {
      mayBePending = false;
      return restartStale();
    }
    const id = Number(pending.scorecard_id);
    let compiled = findCompiled(await current(), id);
    if (compiled?.scorecard.version !== pending.version) {
      model = undefined;
      compiled = findCompiled(await current(), id);
    }
    const at = deps.now();
    // Not to be evaluated (it does not compile, or changed since it was read): the evaluation ends here;
    // a change that restarted it meanwhile makes this a stale write, and the next look reads it again.
    if (!compiled || compiled.scorecard.version !== pending.version)
      return { statements: [repo.evaluationProgressQuery(db, pending, Number(pending.after_id), 0, at)] };
    const [evaluated] = await evaluate([compiled], { afterId: Number(pending.after_id), limit: sliceSize });
    const held = heldResults(undefined);
    const updatedBy = compiled.scorecard.updatedBy;
    const changes = changesOf(compiled, evaluated!, 'scorecard', () => updatedBy, held);
    const last = evaluated!.at(-1)?.row.id ?? Number(pending.after_id);
    const finished = evaluated!.length < sliceSize ? at : null;
    return written(changes, [
      repo.evaluationProgressQuery(db, pending, last, evaluated!.length, finished),
      ...statementsOf(changes, at, held).statements,
    ]);
  }

  function findCompiled(
    loaded: Awaited<ReturnType<typeof loadModel>>,
    id: number,
  ): CompiledScorecard | undefined {
    for (const list of loaded.byBlueprint.values()) {
      const found = list.find((c) => c.scorecard.id === id);
      if (found) return found;
    }
    return undefined;
  }

  async function interest(): Promise<StreamInterest> {
    const { byBlueprint } = await current();
    return {
      blueprints: [...byBlueprint.keys()],
      runs: false,
      resourceTypes: ['scorecard', 'blueprint'],
      // Its own records (results changed) change nothing a rule reads.
      exceptDerivedOf: 'scorecards',
      // Of an entity's change, only which entity it is.
      entityDiffs: false,
    };
  }

  const consumer: StreamConsumer = createStreamConsumer(database, {
    name: deps.jobNamespace ? `scorecards@${deps.jobNamespace}` : 'scorecards',
    consume,
    interest,
    idle,
    resuming: () => {
      generation++;
      uncommitted = undefined;
      model = undefined;
      mayBePending = true;
    },
    log: deps.log,
    // Each batch reads its entities once per scorecard and writes once per scorecard: larger batches than
    // the stream's default of 500 spread that over more entities while an ingest runs.
    batchSize: 2_000,
    // Results and history the last batch wrote count for the next before they commit (`uncommitted`).
    ahead: 'consume',
    ...deps.stream,
  });

  return {
    start: () => consumer.start(),
    stop: () => consumer.stop(),
    /** A change of scorecards committed: their evaluation may start. */
    wake: () => {
      mayBePending = true;
      consumer.wake();
    },
    /** Reads the stream to its end and finishes every evaluation under way (tests). */
    async drain() {
      for (;;) {
        await consumer.drain();
        if (!(await repo.pendingEvaluations(db)).length) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
        consumer.wake();
      }
    },
  };
}

function sameResult(a: ScorecardResult | null, b: ScorecardResult | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.level !== b.level || a.rules?.length !== b.rules.length) return false;
  return b.rules.every((rule, i) => {
    const other = a.rules[i]!;
    return (
      other.identifier === rule.identifier &&
      other.status === rule.status &&
      other.level === rule.level &&
      other.reason === rule.reason
    );
  });
}

/**
 * The rules whose result changed (each one, for an entity that leaves the scorecard). For an entity that
 * enters it, every rule: kept as none, since the change's `rules` are those (the history read gives them).
 */
function flippedRules(before: ScorecardResult | null, after: ScorecardResult | null) {
  if (before === null) return [];
  const was = new Map(before.rules.map((r) => [r.identifier, r.status]));
  const now = after?.rules ?? [];
  if (after === null)
    return (before?.rules ?? []).map((r) => ({ identifier: r.identifier, status: null, was: r.status }));
  return now
    .filter((r) => was.get(r.identifier) !== r.status)
    .map((r) => ({ identifier: r.identifier, status: r.status, was: was.get(r.identifier) ?? null }));
}

/** Port's `scorecardsStats`: the share of an entity's rules that pass, in percent; null without rules. */
function statsOf(results: Record<string, unknown>): number | null {
  let passed = 0;
  let total = 0;
  for (const result of Object.values(results) as ScorecardResult[])
    for (const rule of result?.rules ?? []) {
      total++;
      if (rule.status === 'SUCCESS') passed++;
    }
  return total ? Math.round((100 * passed) / total) : null;
}
