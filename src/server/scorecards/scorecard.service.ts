import type { Scorecard, ScorecardAnswer, ScorecardDefinition } from '../../core/scorecard.js';

export type { ScorecardAnswer } from '../../core/scorecard.js';
import { changeRecord, insertAuditRecords, type AuditRecord } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../catalog/access.js';
import type { ModelChange } from '../catalog/catalog-context.js';
import {
  blueprintDefinitions,
  blueprintModel,
  changeBlueprint,
  findBlueprint,
} from '../catalog/blueprint.repo.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { Database, Db } from '../storage/database.js';
import { isLostRace } from '../storage/database-errors.js';
import * as repo from './scorecard.repo.js';
import { brokenRules, checkScorecardAgainst, normalizeScorecard, renamedIn } from './scorecard.rules.js';

export type ScorecardService = ReturnType<typeof createScorecardService>;

/** Scorecards of one blueprint: each entity written is evaluated under every one. */
export const MAX_SCORECARDS = 20;

export interface ScorecardServiceDeps {
  database: Database;
  access: AccessPolicy;
  now(): string;
  /** Once a change of `blueprint`'s scorecards has committed: the evaluator has entities to evaluate. */
  changed?(blueprint: string): void;
}

export const scorecardAnswer = (stored: repo.StoredScorecard): Scorecard => ({
  ...stored.definition,
  id: `scorecard_${stored.id}`,
  blueprint: stored.blueprint,
  createdAt: stored.createdAt,
  createdBy: stored.createdBy,
  updatedAt: stored.updatedAt,
  updatedBy: stored.updatedBy,
});

const missing = (blueprint: string, identifier: string) =>
  notFound(`Scorecard "${identifier}" was not found in blueprint "${blueprint}"`);

/**
 * Scorecards (port-model §7): Port's definitions of levels and rules on a blueprint's entities. Anyone
 * signed in reads them; an Admin or a moderator of the blueprint changes them. A change is a change of
 * the data model (serialised with the blueprint's), checked against the blueprint as it is, recorded in
 * the audit log, and starts the evaluation of every entity of the blueprint (scorecard-evaluator.ts).
 */
export function createScorecardService(deps: ScorecardServiceDeps) {
  const { database } = deps;
  const { db, dialect } = database;

  /**
   * The scorecards with their evaluation's progress; its counts are of the whole blueprint, so they are
   * answered only to a reader of every entity of it (an Admin, or one whom the blueprint lets read all).
   */
  async function withEvaluation(actor: Actor, list: repo.StoredScorecard[]): Promise<ScorecardAnswer[]> {
    const evaluations = await repo.evaluationsOf(
      db,
      list.map((s) => s.id),
    );
    const readsAll = await readersOfAll(actor, list);
    return list.map((stored) => {
      const row = evaluations.get(stored.id);
      const answer: ScorecardAnswer = scorecardAnswer(stored);
      if (row)
        answer.evaluation = {
          status: row.finished_at === null || row.version !== stored.version ? 'evaluating' : 'done',
          ...(readsAll.has(stored.blueprint) ? { evaluated: row.evaluated, total: row.total } : {}),
          startedAt: row.started_at,
          finishedAt: row.finished_at,
        };
      return answer;
    });
  }

  /** The blueprints of `list` whose every entity `actor` may read. */
  async function readersOfAll(actor: Actor, list: repo.StoredScorecard[]): Promise<Set<string>> {
    const blueprints = new Set(list.map((s) => s.blueprint));
    if (isAdmin(actor) || !blueprints.size) return blueprints;
    const definitions = await blueprintDefinitions(db, dialect);
    const gates = await deps.access.gates(
      actor,
      [...blueprints].flatMap((b) => (definitions.has(b) ? [definitions.get(b)!] : [])),
    );
    return new Set([...gates].filter(([, gate]) => gate.readsAll).map(([blueprint]) => blueprint));
  }

  async function list(actor: Actor, blueprint?: string): Promise<ScorecardAnswer[]> {
    if (blueprint !== undefined && !(await findBlueprint(db, dialect, blueprint)))
      throw notFound(`Blueprint "${blueprint}" was not found`);
    return withEvaluation(actor, await repo.listScorecards(db, dialect, blueprint));
  }

  /** One scorecard as stored and as answered; 404 when its blueprint or it is missing. */
  async function find(actor: Actor, blueprint: string, identifier: string) {
    if (!(await findBlueprint(db, dialect, blueprint)))
      throw notFound(`Blueprint "${blueprint}" was not found`);
    const stored = (await repo.listScorecards(db, dialect, blueprint)).find(
      (s) => s.definition.identifier === identifier,
    );
    if (!stored) throw missing(blueprint, identifier);
    return { stored, answer: (await withEvaluation(actor, [stored]))[0]! };
  }

  async function get(actor: Actor, blueprint: string, identifier: string): Promise<ScorecardAnswer> {
    return (await find(actor, blueprint, identifier)).answer;
  }

  const audit = (
    actor: Actor,
    at: string,
    action: AuditRecord['action'],
    blueprint: string,
    identifier: string,
    before: Scorecard | null,
    after: Scorecard | null,
  ) =>
    changeRecord(
      actor,
      at,
      {
        resourceType: 'scorecard',
        action,
        identifier,
        blueprint,
        context: { blueprint, scorecard: identifier },
      },
      before,
      after,
    );

  /**
   * Runs `work` as a change of the blueprint's scorecards: the blueprint's row locked and the data model
   * read in the transaction, so that no change of the blueprint passes between the check and the write.
   */
  async function change<T>(
    actor: Actor,
    blueprint: string,
    work: (
      trx: Db,
      check: (definition: ScorecardDefinition, at?: string) => void,
      current: repo.StoredScorecard[],
    ) => Promise<T>,
  ): Promise<T> {
    const attempt = () =>
      changeBlueprint(database, blueprint, async (trx) => {
        deps.access.checkModelChange(actor, blueprint);
        const model = await blueprintModel(trx, dialect);
        const check = (definition: ScorecardDefinition, at?: string) =>
          checkScorecardAgainst(definition, blueprint, model.definitions, dialect, at);
        return work(trx, check, await repo.listScorecards(trx, dialect, blueprint));
      });
    // A deletion rewrites every entity row of the blueprint (its results go): against concurrent writes
    // of those rows on PostgreSQL it may lose a deadlock, and is tried again before the caller is told.
    let result: T;
    for (let tries = 1; ; tries++)
      try {
        result = await attempt();
        break;
      } catch (error) {
        if (tries >= 3 || !isLostRace(error)) throw error;
      }
    deps.changed?.(blueprint);
    return result;
  }

  async function insert(
    trx: Db,
    actor: Actor,
    blueprint: string,
    definition: ScorecardDefinition,
    at: string,
  ) {
    const stored = await repo.insertScorecard(trx, dialect, blueprint, definition, at, actor.id);
    await repo.startEvaluation(trx, stored, at);
    const answer = scorecardAnswer(stored);
    await insertAuditRecords(trx, dialect, [
      audit(actor, at, 'CREATE', blueprint, definition.identifier, null, answer),
    ]);
    return stored;
  }

  async function replace(
    trx: Db,
    actor: Actor,
    current: repo.StoredScorecard,
    definition: ScorecardDefinition,
    at: string,
  ) {
    const stored = await repo.updateScorecard(trx, dialect, current.id, definition, at, actor.id);
    await repo.startEvaluation(trx, stored, at);
    await insertAuditRecords(trx, dialect, [
      audit(
        actor,
        at,
        'UPDATE',
        current.blueprint,
        definition.identifier,
        scorecardAnswer(current),
        scorecardAnswer(stored),
      ),
    ]);
    return stored;
  }

  async function remove(actor: Actor, blueprint: string, identifier: string): Promise<void> {
    await change(actor, blueprint, async (trx, _check, current) => {
      const found = current.find((s) => s.definition.identifier === identifier);
      if (!found) throw missing(blueprint, identifier);
      await removeStored(trx, actor, found, deps.now());
    });
  }

  async function removeStored(trx: Db, actor: Actor, stored: repo.StoredScorecard, at: string) {
    await repo.deleteScorecard(trx, dialect, stored);
    await insertAuditRecords(trx, dialect, [
      audit(
        actor,
        at,
        'DELETE',
        stored.blueprint,
        stored.definition.identifier,
        scorecardAnswer(stored),
        null,
      ),
    ]);
  }

  /**
   * In the transaction of a change of blueprints: each scorecard of a changed blueprint follows a renamed
   * key, and one whose filter or rules would no longer work against the blueprint as it will be refuses
   * the change (422 naming the scorecard and rule), or with `force` loses those rules (and that filter).
   */
  async function modelChanged(trx: Db, change: ModelChange): Promise<void> {
    const at = deps.now();
    for (const blueprint of change.changed)
      for (const stored of await repo.listScorecards(trx, dialect, blueprint)) {
        let definition = stored.definition;
        if (change.renamed?.blueprint === blueprint) definition = renamedIn(definition, change.renamed);
        const broken = brokenRules(definition, blueprint, change.all, dialect);
        const first =
          broken.filter !== undefined
            ? { what: 'its filter', problem: broken.filter }
            : broken.rules[0] && {
                what: `rule "${broken.rules[0].identifier}"`,
                problem: broken.rules[0].problem,
              };
        if (first && !change.force)
          throw unprocessable(
            'scorecard_rule_broken',
            `scorecard "${definition.identifier}" of blueprint "${blueprint}": ${first.what} would no longer work (${first.problem}); change the scorecard first, or pass force=true to remove what no longer works`,
            {
              scorecard: definition.identifier,
              ...(broken.rules[0] ? { rule: broken.rules[0].identifier } : {}),
            },
          );
        if (first) {
          const gone = new Set(broken.rules.map((r) => r.identifier));
          const { filter, ...rest } = definition;
          definition = {
            ...rest,
            ...(filter && broken.filter === undefined ? { filter } : {}),
            rules: definition.rules.filter((r) => !gone.has(r.identifier)),
          };
        }
        if (definition !== stored.definition) await replace(trx, change.actor, stored, definition, at);
      }
  }

  return {
    list,
    get,
    find,
    modelChanged,

    /** POST /v1/blueprints/{bp}/scorecards: a new scorecard; 409 when the identifier is taken. */
    async create(actor: Actor, blueprint: string, input: unknown): Promise<ScorecardAnswer> {
      const definition = normalizeScorecard(input);
      const stored = await change(actor, blueprint, async (trx, check, current) => {
        check(definition);
        if (current.length >= MAX_SCORECARDS)
          throw unprocessable(
            'too_many_scorecards',
            `blueprint "${blueprint}" has ${current.length} scorecards, the most it may have`,
            { field: 'identifier' },
          );
        if (current.some((s) => s.definition.identifier === definition.identifier))
          throw conflict(
            'scorecard_exists',
            `identifier: scorecard "${definition.identifier}" already exists in blueprint "${blueprint}"`,
            { field: 'identifier' },
          );
        return insert(trx, actor, blueprint, definition, deps.now());
      });
      return (await withEvaluation(actor, [stored]))[0]!;
    },

    /** PUT /v1/blueprints/{bp}/scorecards/{id}: the scorecard replaced; its identifier cannot change. */
    async update(
      actor: Actor,
      blueprint: string,
      identifier: string,
      input: unknown,
    ): Promise<ScorecardAnswer> {
      // The path names it: a body without an identifier is the scorecard of the path.
      const named =
        input && typeof input === 'object' && !Array.isArray(input) && !('identifier' in input)
          ? { ...input, identifier }
          : input;
      const definition = normalizeScorecard(named);
      if (definition.identifier !== identifier)
        throw unprocessable(
          'invalid_scorecard',
          `identifier: a scorecard's identifier cannot change ("${identifier}" in the path, "${definition.identifier}" in the body)`,
          { field: 'identifier' },
        );
      const stored = await change(actor, blueprint, async (trx, check, current) => {
        const found = current.find((s) => s.definition.identifier === identifier);
        if (!found) throw missing(blueprint, identifier);
        check(definition);
        return replace(trx, actor, found, definition, deps.now());
      });
      return (await withEvaluation(actor, [stored]))[0]!;
    },

    /**
     * PUT /v1/blueprints/{bp}/scorecards: the blueprint's scorecards become `inputs`: those named anew are
     * created, the others replaced (when they changed) and those not named deleted, in one transaction.
     */
    async replaceAll(actor: Actor, blueprint: string, inputs: unknown): Promise<ScorecardAnswer[]> {
      if (!Array.isArray(inputs))
        throw unprocessable('invalid_scorecard', 'body: must be an array of scorecards', { field: 'body' });
      if (inputs.length > MAX_SCORECARDS)
        throw unprocessable(
          'too_many_scorecards',
          `body: a blueprint has at most ${MAX_SCORECARDS} scorecards`,
          {
            field: 'body',
          },
        );
      const definitions = inputs.map((input, i) => normalizeScorecard(input, `[${i}]`));
      const seen = new Set<string>();
      definitions.forEach((d, i) => {
        if (seen.has(d.identifier))
          throw unprocessable(
            'invalid_scorecard',
            `[${i}].identifier: "${d.identifier}" names two scorecards`,
            {
              field: `[${i}].identifier`,
            },
          );
        seen.add(d.identifier);
      });
      const stored = await change(actor, blueprint, async (trx, check, current) => {
        definitions.forEach((d, i) => check(d, `[${i}]`));
        const at = deps.now();
        for (const old of current)
          if (!seen.has(old.definition.identifier)) await removeStored(trx, actor, old, at);
        const result: repo.StoredScorecard[] = [];
        for (const definition of definitions) {
          const old = current.find((s) => s.definition.identifier === definition.identifier);
          if (!old) result.push(await insert(trx, actor, blueprint, definition, at));
          else if (JSON.stringify(old.definition) === JSON.stringify(definition)) result.push(old);
          else result.push(await replace(trx, actor, old, definition, at));
        }
        return result;
      });
      return withEvaluation(actor, stored);
    },

    remove,
  };
}
