import type { ScorecardDefinition } from '../../core/scorecard.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { DefinedSince } from '../catalog/defined-since.js';
import type { Visibility } from '../catalog/entity.repo.js';
import type { MovedTeamNames } from '../catalog/team-names.repo.js';
import { DomainError } from '../errors.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { RelationGraph } from './search.graph.js';
import { and, isBlueprint, or, type Condition } from './search.targets.js';
import type { UserContext } from './search.user-context.js';
import type { OperatorContext } from './search.operators.js';
import { invalidRule, type RulePath } from './search.values.js';

export interface SearchScope {
  dialect: Dialect;
  blueprints: Map<string, BlueprintDefinition>;
  /** Set for `/v1/blueprints/{bp}/entities/search`. */
  blueprint?: string;
  /** The instant date presets and `isExpired` are relative to; defaults to the time of compiling. */
  now?: Date;
  /** The searcher, for contextual rules; without one they are refused. */
  user?: UserContext;
  /** What the searcher may read, when not everything: relation rules start from and walk through only that. */
  visibility?: Visibility;
  /** Computed properties the searcher does not see, by blueprint: they search and sort as unknown ones. */
  hiddenComputed?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Relation rules walk the catalog as it was at an instant. */
  asOf?: AsOfScope;
  /** The scorecards of each blueprint, for scorecard rules and sorts by level. */
  scorecards?: ReadonlyMap<string, readonly ScorecardDefinition[]>;
}

export interface AsOfScope {
  /** The instant, canonical ISO. */
  at: string;
  /** Since when each blueprint and name has had its definition: a relation defined since is not walked. */
  since: ReadonlyMap<string, DefinedSince>;
  /** Team names that passed to another team (team-names.repo), for judging who may read the past. */
  movedTeams?: MovedTeamNames;
}

export interface CompileContext {
  scope: SearchScope;
  dialect: Dialect;
  clock: SearchClock;
  /** Where relation rules read entities and relation rows. */
  graph: RelationGraph;
  /** The blueprints the query can match. */
  candidates: string[];
  /** True when the WHERE already restricts `e.blueprint` to `candidates`. */
  filtered: boolean;
  rules: number;
  /** relatedTo and matchAny rules so far: each is a subquery, most of them recursive. */
  relationRules: number;
  /** Text-match rules so far (MAX_TEXT_MATCH_RULES). */
  textMatchRules: number;
  names: number;
}

/**
 * The instant date presets and `isExpired` are relative to, with whether any rule read it: a query that
 * never did answers the same at any time, so its page may be kept (search.page-cache.ts).
 */
export interface SearchClock {
  readonly now: Date;
  readonly read: boolean;
}

export function clockAt(at: Date): SearchClock {
  let read = false;
  return {
    get now() {
      read = true;
      return at;
    },
    get read() {
      return read;
    },
  };
}

/** What an operator compiles with: the clock read only if the operator asks for the time. */
export const operatorContextOf = (ctx: CompileContext, path: RulePath): OperatorContext => ({
  dialect: ctx.dialect,
  path,
  get now() {
    return ctx.clock.now;
  },
});

export function uniqueName(ctx: CompileContext, prefix: string): string {
  ctx.names += 1;
  return `${prefix}_${ctx.names}`;
}

/**
 * One condition per blueprint, each behind `e.blueprint = '<bp>'` unless the search is already limited to
 * that single blueprint. A blueprint that can't take the rule (say, a same-named property of another type)
 * is left out; when none can, the first blueprint's error is the answer.
 */
export function perBlueprint(
  ctx: CompileContext,
  blueprints: string[],
  compile: (blueprint: string) => Condition,
): Condition {
  const parts: Array<[string, Condition]> = [];
  let firstError: DomainError | undefined;
  for (const blueprint of blueprints) {
    try {
      parts.push([blueprint, compile(blueprint)]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      firstError ??= error;
    }
  }
  if (parts.length === 0 && firstError) throw firstError;
  const [only] = parts;
  if (
    only &&
    parts.length === 1 &&
    ctx.filtered &&
    ctx.candidates.length === 1 &&
    ctx.candidates[0] === only[0]
  )
    return only[1];
  return or(parts.map(([blueprint, condition]) => and([isBlueprint(blueprint), condition])));
}

/** `unknown <kind> "<name>" on blueprint "<bp>"`, or among the blueprints searched, as a rule's refusal. */
export function unknownOnCandidates(ctx: CompileContext, path: RulePath, kind: string, name: string) {
  return invalidRule(
    path,
    ctx.candidates.length === 1
      ? `unknown ${kind} "${name}" on blueprint "${ctx.candidates[0]}"`
      : `unknown ${kind} "${name}": none of the searched blueprints has it`,
  );
}
