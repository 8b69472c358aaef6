import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import {
  isAutomation,
  TIMER_EVENT_TYPE,
  type AutomationCondition,
  type AutomationDefinition,
  type AutomationEventType,
} from '../../core/action.js';
import type { StoredAction } from '../actions/action.service.js';
import type { RunRow } from '../actions/run.repo.js';
import type { Consumed } from '../events/stream-consumer.js';
import {
  actionChangesAfter,
  positionOf,
  type ActionChange,
  type StreamEvent,
  type StreamInterest,
  type StreamPosition,
} from '../events/stream.repo.js';
import type { JqPool, JqResult } from '../jq/jq-pool.js';
import { compare, simpleComparison, type Comparison } from '../jq/jq-comparisons.js';
import { JQ_STOP_CODES } from '../jq/jq-errors.js';
import type { Database, Statement } from '../storage/database.js';
import {
  entityByEntity,
  eventTypesOf,
  portEventOf,
  runActionOf,
  timerPropertyOf,
} from './automation-event.js';
import { automationActor } from '../identity/actor.js';
import type { PortEvent } from './automation-event.js';
import { automationRunStatements, type AutomationFiring, type ConditionOutcome } from './automation-runs.js';
import { timerProperties, timerStatements } from './automation-timers.js';

type Automation = StoredAction & { definition: AutomationDefinition };

export interface DispatchDeps {
  database: Pick<Database, 'db' | 'background' | 'dialect'>;
  jq: JqPool;
  /** Every action by identifier (automations, and the actions whose runs they listen to). */
  actions(): Promise<Map<string, StoredAction>>;
  blueprints(): Promise<Map<string, BlueprintDefinition>>;
  /** The definitions changed: read them again before the next events. */
  forget(what: 'actions' | 'blueprints'): void;
  /** A run's delivery, as statements (nothing for runners). */
  dispatch(row: RunRow): Statement[];
  /** Told of the runs written, once committed. */
  written(rows: RunRow[]): void;
  /** Told that timers were scheduled, once committed. */
  scheduled(): void;
  timerKind: string;
  now(): number;
  /** A condition's time limit over one batch of events. */
  jqTimeoutMs: number;
}

/** The definitions a batch is judged by: as read, and the changes of them the stream holds after them. */
interface Definitions {
  actions: Map<string, StoredAction>;
  /** Every change of an action committed after the place the batch is read from, in stream order. */
  later: ActionChange[];
}

/**
 * What the automations' reader needs, asked in this order for each batch: `interest` (what to read after
 * `from`), then `consume` (what the batch read leads to): a run of each published automation that listens
 * to an event and whose condition holds (or fails: a failed run says why), and the timers entity changes
 * set or move.
 */
export function createAutomationDispatch(deps: DispatchDeps) {
  /** The definitions `interest` read for the batch `consume` is given next. */
  let prepared: Definitions | undefined;

  /**
   * The definitions as they are, then every change of them committed after `position`. In this order, the
   * look at the stream finds every change the definitions show (its record committed with it), so an event
   * is judged by the `before` of the first change after it and never by a definition that came later: not
   * when the reader is behind and an automation changed after the end of the batch it reads.
   *
   * On PostgreSQL the reader reads only below the oldest transaction still running; this look goes past
   * that (streamCommittedAfter): a change committed above it (behind a long transaction) is in the
   * definitions already, and the batch's events, all below it, would otherwise be judged by what it made.
   * A change still in flight here is in neither, and rightly: if it commits before the batch is read and
   * comes before one of its events in the stream, the batch ends with it (its `before` then counts);
   * otherwise it comes after every event of the batch, which met the definition read here.
   */
  async function definitionsAfter(position: StreamPosition): Promise<Definitions> {
    const actions = await deps.actions();
    const later = await actionChangesAfter(deps.database.background, deps.database.dialect, position);
    return { actions, later };
  }

  return {
    /**
     * What the reader reads after `from`: the blueprints the automations listen to as they are and as they
     * were at `from` (an automation moved to another blueprint since still hears the events of the first).
     */
    async interest(from: StreamPosition): Promise<StreamInterest> {
      prepared = undefined;
      const definitions = await definitionsAfter(from);
      const asAtStart = definitionsAsAt([], definitions);
      const automations = asAtStart.automations.flatMap((entry) =>
        [entry.current, asAtStart.at(entry, -1)].filter((found) => found !== undefined),
      );
      const interest = interestOf(automations, await deps.blueprints());
      prepared = definitions;
      return interest;
    },

    async consume(batch: StreamEvent[]): Promise<Consumed> {
      const events = entityByEntity(batch);
      const changesActions = events.some((event) => event.resourceType === 'action');
      // Read without asking `interest` first: the batch's own changes are read too, then all after it.
      if (!prepared && changesActions) deps.forget('actions');
      const definitions = prepared ?? (await definitionsAfter(positionOf(batch.at(-1)!)));
      prepared = undefined;
      // The batch is judged by the definitions read before it; the next batch reads them again.
      if (changesActions) deps.forget('actions');
      if (events.some((event) => event.resourceType === 'blueprint')) deps.forget('blueprints');
      const { actions } = definitions;
      const blueprints = await deps.blueprints();
      const asAt = definitionsAsAt(events, definitions);
      const heard: Array<{ automation: Automation; event: StreamEvent }> = [];
      const statements: Statement[] = [];
      let timers = 0;
      const now = deps.now();
      for (const [index, event] of events.entries()) {
        const types = eventTypesOf(event);
        if (types.length)
          for (const entry of asAt.automations) {
            const automation = asAt.at(entry, index);
            if (automation && automation.definition.publish !== false)
              if (listensTo(automation, event, types, actions)) heard.push({ automation, event });
          }
        if (event.blueprint === null) continue;
        const scheduling = timerStatements(
          deps.database,
          deps.timerKind,
          event,
          timerProperties(blueprints.get(event.blueprint)),
          now,
        );
        timers += scheduling.length;
        statements.push(...scheduling);
      }
      const firings = await judge(deps, heard, actions);
      const rows: RunRow[] = [];
      const writes: Statement[] = [];
      const at = new Date(now).toISOString();
      for (const firing of firings) {
        if ('holds' in firing.outcome && !firing.outcome.holds) continue;
        const run = automationRunStatements(firing, {
          ...deps.database,
          now: at,
          dispatch: deps.dispatch,
        });
        rows.push(run.row);
        writes.push(...run.statements);
      }
      return {
        statements,
        writes,
        committed() {
          if (rows.length) deps.written(rows);
          if (timers) deps.scheduled();
        },
      };
    },
  };
}

/**
 * What the automations' reader reads whole: entity events of blueprints an automation listens to or that
 * have timer properties, run events if an automation listens to runs, and the definitions' own changes.
 */
export function interestOf(
  automations: Iterable<Automation>,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
): StreamInterest {
  const watched = new Set<string>();
  let runs = false;
  // Turned off too: the events from before it was turned off that are still to be read fire it.
  for (const { definition } of automations) {
    const on = definition.trigger.event;
    if ('blueprintIdentifier' in on) watched.add(on.blueprintIdentifier);
    else runs = true;
  }
  for (const blueprint of blueprints.values())
    if (timerProperties(blueprint).length) watched.add(blueprint.identifier);
  return { blueprints: [...watched], runs, resourceTypes: ['action', 'blueprint'] };
}

const META_KEYS = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

/**
 * A change of an action after a batch's start: its place in the batch (past the batch's end: the batch's
 * length), and the automation as it was before.
 */
interface Change {
  index: number;
  /** Undefined: it was no automation (not created yet, or another kind of action). */
  before: Automation | undefined;
}

/**
 * Each automation as the events of a batch found it: as the `before` of its first change after the event,
 * in the batch or past its end (`later`), or as read (`actions`) when none came after. So what happened
 * while it was off does not fire it once it is on again, nor is what happened while it was on lost when it
 * is turned off or moved before the event is read; one created after the event did not exist for it (its
 * `before` is null), and one deleted after it fires no more (docs/automations.md). Only the automations
 * read are judged: one created after they were read comes after every event of the batch.
 */
function definitionsAsAt(events: readonly StreamEvent[], { actions, later }: Definitions) {
  const changes = new Map<string, Change[]>();
  /** Per automation, the place of its last deletion after the batch's start. */
  const deleted = new Map<string, number>();
  const inBatch = new Set<number>();
  const add = (change: ActionChange, index: number) => {
    const stored = actions.get(change.identifier);
    if (!stored) return;
    if (change.action === 'DELETE') deleted.set(change.identifier, index);
    const before = change.before as JsonObject | null;
    // A change of permissions alone (`{permissions}`) does not change what the automation listens to.
    if (before !== null && before.identifier === undefined) return;
    if (before === null && change.action !== 'CREATE') return;
    const list = changes.get(change.identifier) ?? changes.set(change.identifier, []).get(change.identifier)!;
    list.push({ index, before: before ? automationAsIn(stored, before) : undefined });
  };
  events.forEach((event, index) => {
    if (event.resourceType !== 'action' || event.identifier === null) return;
    inBatch.add(event.id);
    add(
      { id: event.id, identifier: event.identifier, action: event.action, before: event.diff.before },
      index,
    );
  });
  for (const change of later) if (!inBatch.has(change.id)) add(change, events.length);
  const automations = [...actions.entries()]
    .filter(([identifier, stored]) => isAutomation(stored.definition) || changes.has(identifier))
    .map(([identifier, stored]) => ({
      current: isAutomation(stored.definition) ? (stored as Automation) : undefined,
      changes: changes.get(identifier),
      deletedAt: deleted.get(identifier) ?? -1,
    }));
  return {
    automations,
    at(entry: (typeof automations)[number], index: number): Automation | undefined {
      if (index < entry.deletedAt) return undefined;
      if (!entry.changes) return entry.current;
      const next = entry.changes.find((change) => change.index > index);
      return next ? next.before : entry.current;
    },
  };
}

/** `stored` as the action JSON `before` says it was; undefined if it was no automation then. */
function automationAsIn(stored: StoredAction, before: JsonObject): Automation | undefined {
  const definition = Object.fromEntries(
    Object.entries(before).filter(([key]) => !META_KEYS.has(key)),
  ) as unknown as AutomationDefinition;
  if (!isAutomation(definition)) return undefined;
  return { ...stored, definition, action: before as never };
}

/** Whether `automation` listens to `event` (which stands for `types`). */
function listensTo(
  automation: Automation,
  event: StreamEvent,
  types: readonly AutomationEventType[],
  actions: ReadonlyMap<string, StoredAction>,
): boolean {
  const on = automation.definition.trigger.event;
  if (!types.includes(on.type)) return false;
  // What happened before the automation existed is not its business.
  if (event.at < automation.action.createdAt) return false;
  // Its own writes and runs never trigger it again.
  if (event.actor === automationActor(automation.definition.identifier).id) return false;
  if ('blueprintIdentifier' in on) {
    if (event.blueprint !== on.blueprintIdentifier) return false;
    return on.type !== TIMER_EVENT_TYPE || timerPropertyOf(event) === on.propertyIdentifier;
  }
  const action = runActionOf(event);
  if (action === automation.definition.identifier) return false;
  if (on.actionIdentifier !== undefined) return action === on.actionIdentifier;
  // Without an action named: the runs of every self-service action.
  const runOf = actions.get(action);
  return runOf !== undefined && !isAutomation(runOf.definition);
}

/**
 * Each heard event with its automation's condition evaluated over it. Comparisons of a key path with a
 * literal are answered here; the rest go to jq in one run for the batch (programs × events), or, if that
 * run is stopped (a runaway program), in one run per automation, so that one automation's program does not
 * fail the others'.
 */
async function judge(
  deps: DispatchDeps,
  heard: ReadonlyArray<{ automation: Automation; event: StreamEvent }>,
  actions: ReadonlyMap<string, StoredAction>,
): Promise<AutomationFiring[]> {
  const portEvents = new Map<StreamEvent, PortEvent>();
  for (const { event } of heard)
    if (!portEvents.has(event)) {
      const action = event.resourceType === 'run' ? actions.get(runActionOf(event))?.action : undefined;
      portEvents.set(event, portEventOf(event, action as never));
    }
  // Per heard event, per expression: its answer, once known.
  const answers = heard.map(({ automation, event }) =>
    (automation.definition.trigger.condition?.expressions ?? []).map((expression): JqResult | undefined => {
      const comparison = comparisonOf(expression);
      const value = comparison && compare(portEvents.get(event), comparison);
      return value === undefined ? undefined : { outputs: [value] };
    }),
  );
  await evaluateInJq(deps, heard, portEvents, answers);
  return heard.map(({ automation, event }, index) => {
    const condition = automation.definition.trigger.condition;
    return {
      automation,
      event,
      portEvent: portEvents.get(event)!,
      outcome: condition ? outcomeOf(condition, answers[index] as JqResult[]) : { holds: true },
    };
  });
}

const comparisons = new Map<string, Comparison | undefined>();
function comparisonOf(expression: string): Comparison | undefined {
  if (!comparisons.has(expression)) {
    if (comparisons.size > 10_000) comparisons.clear();
    comparisons.set(expression, simpleComparison(expression));
  }
  return comparisons.get(expression);
}

type Heard = ReadonlyArray<{ automation: Automation; event: StreamEvent }>;

/** Fills in the answers still missing, from jq. */
async function evaluateInJq(
  deps: DispatchDeps,
  heard: Heard,
  portEvents: ReadonlyMap<StreamEvent, PortEvent>,
  answers: Array<Array<JqResult | undefined>>,
) {
  const expressionsOf = (index: number) => heard[index]!.automation.definition.trigger.condition!.expressions;
  /** One run of jq for the answers of `indexes`; false if it was stopped and more than one shared it. */
  const fill = async (indexes: number[]) => {
    const programs = new Set<string>();
    const events = new Set<StreamEvent>();
    for (const index of indexes)
      answers[index]!.forEach((answer, e) => {
        if (answer !== undefined) return;
        programs.add(expressionsOf(index)[e]!);
        events.add(heard[index]!.event);
      });
    if (!programs.size) return true;
    const programList = [...programs];
    const eventList = [...events];
    let results: JqResult[][];
    try {
      results = await deps.jq.evaluateEachAll(
        programList,
        eventList.map((event) => portEvents.get(event)),
        { timeoutMs: deps.jqTimeoutMs },
      );
    } catch (error) {
      if (indexes.length > 1) return false;
      const failure: JqResult = { error: error as never };
      answers[indexes[0]!] = answers[indexes[0]!]!.map((answer) => answer ?? failure);
      return true;
    }
    if (indexes.length > 1 && results.some((perEvent) => perEvent.some(stoppedCall))) return false;
    const eventIndex = new Map(eventList.map((event, i) => [event, i]));
    const programIndex = new Map(programList.map((program, i) => [program, i]));
    for (const index of indexes) {
      const row = results[eventIndex.get(heard[index]!.event)!]!;
      answers[index] = answers[index]!.map(
        (answer, e) => answer ?? row[programIndex.get(expressionsOf(index)[e]!)!]!,
      );
    }
    return true;
  };
  const all = heard.map((_, index) => index).filter((index) => answers[index]!.includes(undefined));
  if (!all.length || (await fill(all))) return;
  const byAutomation = new Map<Automation, number[]>();
  for (const index of all) {
    const { automation } = heard[index]!;
    (byAutomation.get(automation) ?? byAutomation.set(automation, []).get(automation)!).push(index);
  }
  for (const indexes of byAutomation.values())
    if (!(await fill(indexes))) for (const index of indexes) await fill([index]);
}

const stoppedCall = (result: JqResult) => 'error' in result && JQ_STOP_CODES.has(result.error.code);

/** Each expression must answer one boolean; the combinator joins them. */
function outcomeOf(condition: AutomationCondition, results: readonly JqResult[]): ConditionOutcome {
  const values: boolean[] = [];
  for (const [index, result] of results.entries()) {
    const at = `trigger.condition.expressions.${index} (${condition.expressions[index]})`;
    if ('error' in result) return { error: `${at}: ${result.error.message}` };
    const [value, ...more] = result.outputs;
    if (more.length || typeof value !== 'boolean') {
      const got = result.outputs.length === 1 ? JSON.stringify(value) : `${result.outputs.length} values`;
      return { error: `${at} answered ${got?.slice(0, 200)}, not a boolean` };
    }
    values.push(value);
  }
  return { holds: condition.combinator === 'or' ? values.some(Boolean) : values.every(Boolean) };
}
