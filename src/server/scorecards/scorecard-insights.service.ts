import type { BlueprintDefinition } from '../../core/blueprint.js';
import { describeDateTimeProblem, parseDateTime } from '../../core/date-time.js';
import { levelIndexOf, type DistributionPoint } from '../../core/scorecard.js';
import type { EntityService } from '../catalog/entity.service.js';
import { unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { Database } from '../storage/database.js';
import { limitQueries } from '../storage/query-limit.js';
import * as history from './scorecard-history.repo.js';
import type { ScorecardService } from './scorecard.service.js';

export type ScorecardInsights = ReturnType<typeof createScorecardInsights>;

export const MAX_POINTS = 200;
export { MAX_TIMELINE } from './scorecard-history.repo.js';

/**
 * What scorecards tell over time (docs/scorecards.md): an entity's changes of level and rule results, and a
 * scorecard's level distribution at points in time, overall and per team. A reader sees only the entities
 * it may read now: an entity it may not read is answered as a missing one, and counts leave it out.
 */
export function createScorecardInsights(
  database: Database,
  scorecards: ScorecardService,
  entities: EntityService,
  now: () => string,
) {
  const { dialect } = database;

  /** What `actor` may read of `blueprint`'s entities, when not all of them. */
  async function visibilityOn(actor: Actor, blueprint: string) {
    if (isAdmin(actor)) return undefined;
    const { blueprint: definition } = await entities.loadBlueprint(database.db, blueprint);
    return entities.readableBy(actor, new Map([[blueprint, definition as BlueprintDefinition]]));
  }

  return {
    /** An entity's changes of results, newest first (404 when the actor may not read the entity). */
    async timeline(
      actor: Actor,
      blueprint: string,
      entity: string,
      options: { scorecard?: string; limit?: number; signal?: AbortSignal },
    ) {
      await entities.getEntity(actor, blueprint, entity);
      if (options.scorecard !== undefined) await scorecards.get(actor, blueprint, options.scorecard);
      const db = limitQueries(database.db, { signal: options.signal });
      return history.entityTimeline(
        db,
        dialect,
        blueprint,
        entity,
        options.scorecard,
        Math.min(options.limit ?? 100, history.MAX_TIMELINE),
      );
    },

    /**
     * The scorecard's level distribution at `points` instants evenly from `from` (by default its
     * creation) to `to` (now), from every change of its results recorded up to `to`.
     */
    async distribution(
      actor: Actor,
      blueprint: string,
      identifier: string,
      options: { from?: string; to?: string; points?: number; team?: string; signal?: AbortSignal },
    ) {
      const { stored, answer: scorecard } = await scorecards.find(actor, blueprint, identifier);
      const to = options.to === undefined ? Date.parse(now()) : instantOf(options.to, 'to');
      // By default from its first results (its creation is before any: a first point of nothing).
      const first =
        options.from === undefined ? await history.firstChangeAt(database.db, stored.id) : undefined;
      const from =
        options.from === undefined
          ? Math.min(Date.parse(first ?? scorecard.createdAt), to)
          : instantOf(options.from, 'from');
      if (from > to) throw unprocessable('invalid_request', 'from: must not be after to', { field: 'from' });
      const count = options.points ?? 30;
      if (!Number.isInteger(count) || count < 1 || count > MAX_POINTS)
        throw unprocessable('invalid_request', `points: must be a whole number from 1 to ${MAX_POINTS}`, {
          field: 'points',
        });
      const db = limitQueries(database.db, { signal: options.signal });
      const step = count === 1 ? 0 : (to - from) / (count - 1);
      const instants = Array.from({ length: count }, (_, i) =>
        new Date(count === 1 ? to : from + step * i).toISOString(),
      );
      const state = new Map<number, { level: string; team: string[] }>();
      const levels = scorecard.levels.map((l) => l.title);
      // Maps while counting: level titles and team names are data, and `__proto__` is a team name too.
      const counts = () => new Map(levels.map((l) => [l, 0]));
      const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
      const pointAt = (at: string): DistributionPoint => {
        let total = 0;
        const overall = counts();
        const teams = new Map<string, { total: number; levels: Map<string, number> }>();
        for (const { level, team } of state.values()) {
          const owners = team.length ? team : [''];
          if (options.team !== undefined && !owners.includes(options.team)) continue;
          total++;
          bump(overall, level);
          for (const name of owners) {
            let group = teams.get(name);
            if (!group) teams.set(name, (group = { total: 0, levels: counts() }));
            group.total++;
            bump(group.levels, level);
          }
        }
        return {
          at,
          total,
          levels: Object.fromEntries(overall),
          teams: Object.fromEntries(
            [...teams].map(([name, group]) => [
              name,
              { total: group.total, levels: Object.fromEntries(group.levels) },
            ]),
          ),
        };
      };
      // The changes are read a page at a time, each instant's counts taken once every change up to it is in.
      const points: DistributionPoint[] = [];
      const visibility = await visibilityOn(actor, blueprint);
      const end = new Date(to).toISOString();
      for await (const page of history.levelChanges(db, dialect, stored.id, end, visibility))
        for (const change of page) {
          while (points.length < count && change.at > instants[points.length]!)
            points.push(pointAt(instants[points.length]!));
          if (change.level === null) state.delete(change.entityId);
          else state.set(change.entityId, { level: change.level, team: change.team });
        }
      while (points.length < count) points.push(pointAt(instants[points.length]!));
      // Each rule's entities passing and failing now (of those the reader may read).
      const rules =
        options.team === undefined
          ? await history.ruleCounts(
              db,
              dialect,
              blueprint,
              identifier,
              scorecard.rules.map((r) => r.identifier),
              visibility,
            )
          : undefined;
      return { scorecard: identifier, blueprint, levels, points, ...(rules ? { rules } : {}) };
    },

    /** Who reached at least `level` of the scorecard now, per team, and who is behind. */
    async standing(
      actor: Actor,
      blueprint: string,
      identifier: string,
      level: string,
      teams?: readonly string[],
    ) {
      const scorecard = await scorecards.get(actor, blueprint, identifier);
      const target = levelIndexOf(scorecard.levels, level);
      if (target < 0)
        throw unprocessable(
          'invalid_initiative',
          `level: scorecard "${identifier}" has no level "${level}"`,
          {
            field: 'level',
          },
        );
      const rows = await history.currentLevels(
        limitQueries(database.db, {}),
        dialect,
        blueprint,
        identifier,
        await visibilityOn(actor, blueprint),
      );
      return { scorecard, target, rows, teams };
    },
  };
}

/** An RFC 3339 date-time (or a day, `YYYY-MM-DD`, its midnight UTC) as its instant in ms; 422 otherwise. */
export function instantOf(value: string, field: string): number {
  const parsed = parseDateTime(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!parsed.ok)
    throw unprocessable('invalid_request', `${field}: ${describeDateTimeProblem(parsed.problem)}`, { field });
  return parsed.ms;
}
