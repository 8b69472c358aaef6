import { levelIndexOf, type InitiativeDefinition, type TeamProgress } from '../../core/scorecard.js';
import { changeRecord, insertAuditRecords, type AuditRecord } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../catalog/access.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Database } from '../storage/database.js';
import * as repo from './initiative.repo.js';
import { instantOf, type ScorecardInsights } from './scorecard-insights.service.js';
import type { ScorecardService } from './scorecard.service.js';

export type InitiativeService = ReturnType<typeof createInitiativeService>;

export type Initiative = InitiativeDefinition & {
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

const FIELDS = new Set([
  'identifier',
  'title',
  'description',
  'blueprint',
  'scorecard',
  'level',
  'dueDate',
  'teams',
]);
const META = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
const BEHIND_LISTED = 100;

const invalid = (field: string, message: string) =>
  unprocessable('invalid_initiative', `${field}: ${message}`, { field });

function checkDefinition(input: unknown): InitiativeDefinition {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw invalid('body', 'an initiative must be an object');
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body))
    if (!FIELDS.has(key) && !META.has(key)) throw invalid(key, 'is not a field of an initiative');
  const text = (field: string, max = 200) => {
    const value = body[field];
    if (typeof value !== 'string' || !value.trim() || value.length > max)
      throw invalid(field, `must be a non-empty string of at most ${max} characters`);
    return value;
  };
  const identifier = text('identifier', 100);
  if (!/^[A-Za-z0-9@_.+:=-]+$/.test(identifier))
    throw invalid('identifier', 'may hold letters, digits and @_.+:=- only');
  const dueDate = text('dueDate', 40);
  instantOf(dueDate, 'dueDate');
  const definition: InitiativeDefinition = {
    identifier,
    title: text('title'),
    blueprint: text('blueprint'),
    scorecard: text('scorecard'),
    level: text('level', 100),
    dueDate,
  };
  if (body.description !== undefined) {
    if (typeof body.description !== 'string' || body.description.length > 2_000)
      throw invalid('description', 'must be a string of at most 2,000 characters');
    definition.description = body.description;
  }
  if (body.teams !== undefined) {
    if (
      !Array.isArray(body.teams) ||
      body.teams.some((t) => typeof t !== 'string' || !t) ||
      body.teams.length > 500
    )
      throw invalid('teams', 'must be a list of up to 500 team names');
    definition.teams = [...new Set(body.teams as string[])];
  }
  return definition;
}

/**
 * Initiatives (beyond Port's API, where they are a dashboard's experience): a scorecard level that some
 * teams' entities are to reach by a date, and how far each team is. An Admin or a moderator of the
 * blueprint changes them; anyone signed in reads them, and progress counts the entities the reader may read.
 */
export function createInitiativeService(deps: {
  database: Database;
  access: AccessPolicy;
  scorecards: ScorecardService;
  insights: ScorecardInsights;
  now(): string;
}) {
  const { db, dialect } = deps.database;

  const answer = (row: repo.InitiativeRow): Initiative => ({
    ...dialect.fromJson<InitiativeDefinition>(row.definition),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  });

  const audit = (
    actor: Actor,
    at: string,
    action: AuditRecord['action'],
    identifier: string,
    before: Initiative | null,
    after: Initiative | null,
  ) =>
    changeRecord(
      actor,
      at,
      {
        resourceType: 'initiative',
        action,
        identifier,
        blueprint: (after ?? before)?.blueprint ?? null,
        context: { initiative: identifier },
      },
      before,
      after,
    );

  /** The definition checked against its scorecard (which must have the level), as `actor` may write it. */
  async function checked(actor: Actor, input: unknown) {
    const definition = checkDefinition(input);
    deps.access.checkModelChange(actor, definition.blueprint);
    const scorecard = await deps.scorecards
      .get(actor, definition.blueprint, definition.scorecard)
      .catch((error) => {
        if (error?.kind !== 'not_found') throw error;
        throw invalid(/^Blueprint /.test(error.message) ? 'blueprint' : 'scorecard', error.message);
      });
    if (levelIndexOf(scorecard.levels, definition.level) < 0)
      throw invalid('level', `scorecard "${definition.scorecard}" has no level "${definition.level}"`);
    return definition;
  }

  async function get(_actor: Actor, identifier: string): Promise<Initiative> {
    const row = await repo.findInitiative(db, dialect, identifier);
    if (!row) throw notFound(`Initiative "${identifier}" was not found`);
    return answer(row);
  }

  return {
    async list(_actor: Actor): Promise<Initiative[]> {
      return (await repo.listInitiatives(db)).map(answer);
    },
    get,

    async create(actor: Actor, input: unknown): Promise<Initiative> {
      const definition = await checked(actor, input);
      const at = deps.now();
      return db.transaction().execute(async (trx) => {
        if (!(await repo.insertInitiative(trx, dialect, definition.identifier, definition, at, actor.id)))
          throw conflict(
            'initiative_exists',
            `identifier: initiative "${definition.identifier}" already exists`,
            {
              field: 'identifier',
            },
          );
        const created = answer((await repo.findInitiative(trx, dialect, definition.identifier))!);
        await insertAuditRecords(trx, dialect, [
          audit(actor, at, 'CREATE', definition.identifier, null, created),
        ]);
        return created;
      });
    },

    async update(actor: Actor, identifier: string, input: unknown): Promise<Initiative> {
      const body =
        typeof input === 'object' && input !== null && !Array.isArray(input)
          ? { identifier, ...input }
          : input;
      const definition = await checked(actor, body);
      if (definition.identifier !== identifier)
        throw invalid('identifier', `an initiative's identifier cannot change ("${identifier}" in the path)`);
      const at = deps.now();
      return db.transaction().execute(async (trx) => {
        const row = await repo.findInitiative(trx, dialect, identifier, true);
        if (!row) throw notFound(`Initiative "${identifier}" was not found`);
        const before = answer(row);
        deps.access.checkModelChange(actor, before.blueprint);
        await repo.updateInitiative(trx, dialect, identifier, definition, at, actor.id);
        const after = answer((await repo.findInitiative(trx, dialect, identifier))!);
        await insertAuditRecords(trx, dialect, [audit(actor, at, 'UPDATE', identifier, before, after)]);
        return after;
      });
    },

    async remove(actor: Actor, identifier: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await repo.findInitiative(trx, dialect, identifier, true);
        if (!row) throw notFound(`Initiative "${identifier}" was not found`);
        const before = answer(row);
        deps.access.checkModelChange(actor, before.blueprint);
        await repo.deleteInitiative(trx, identifier);
        await insertAuditRecords(trx, dialect, [
          audit(actor, deps.now(), 'DELETE', identifier, before, null),
        ]);
      });
    },

    /** How far the initiative is: overall and per team, and which entities are behind. */
    async progress(actor: Actor, identifier: string) {
      const initiative = await get(actor, identifier);
      const { scorecard, target, rows } = await deps.insights.standing(
        actor,
        initiative.blueprint,
        initiative.scorecard,
        initiative.level,
      );
      const wanted = initiative.teams ? new Set(initiative.teams) : undefined;
      const teams = new Map<string, TeamProgress>();
      for (const team of initiative.teams ?? [])
        teams.set(team, { team, total: 0, reached: 0, percent: 0, behind: [] });
      let total = 0;
      let reached = 0;
      const levelOf = (title: string) => levelIndexOf(scorecard.levels, title);
      for (const row of rows) {
        const owners = (row.team.length ? row.team : ['']).filter((t) => !wanted || wanted.has(t));
        if (!owners.length) continue;
        const done = levelOf(row.level) >= target;
        total++;
        if (done) reached++;
        for (const name of owners) {
          const progress =
            teams.get(name) ??
            teams.set(name, { team: name, total: 0, reached: 0, percent: 0, behind: [] }).get(name)!;
          progress.total++;
          if (done) progress.reached++;
          else progress.behind.push({ identifier: row.identifier, title: row.title, level: row.level });
        }
      }
      const percent = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 100);
      const byTeam = [...teams.values()].map((t) => ({
        ...t,
        percent: percent(t.reached, t.total),
        behind: t.behind
          .sort((a, b) => levelOf(a.level) - levelOf(b.level) || a.identifier.localeCompare(b.identifier))
          .slice(0, BEHIND_LISTED),
      }));
      const due = instantOf(initiative.dueDate, 'dueDate');
      const daysLeft = Math.ceil((due - Date.parse(deps.now())) / 86_400_000);
      return {
        initiative: initiative.identifier,
        level: initiative.level,
        dueDate: initiative.dueDate,
        daysLeft,
        overdue: daysLeft < 0 && reached < total,
        total,
        reached,
        percent: percent(reached, total),
        teams: byTeam.sort((a, b) => a.percent - b.percent || a.team.localeCompare(b.team)),
      };
    },
  };
}
