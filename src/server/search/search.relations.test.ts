import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, uniqueId } from '../../../test/databases.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { DomainError } from '../errors.js';
import type { Database } from '../storage/database.js';
import { compileSearchQuery } from './search.compiler.js';
import {
  blueprintDefinition,
  insertBlueprints,
  insertEntity,
  insertRelation,
  matchingIdentifiers,
} from './search.fixtures.js';
import type { Visibility } from '../catalog/entity.repo.js';
import { sql } from 'kysely';

const and = (...rules: unknown[]) => ({ combinator: 'and', rules });

/**
 * Teams: root <- mid <- leaf <- leaf2 (parent, optional).
 * Services: s1 -> s2 -> s3 (dependsOn, optional); each has a required team: s1 leaf, s2 mid, s3 root, s4 leaf2.
 */
describeEachDatabase('search relations', (dialect) => {
  let database: Database;
  let blueprints: Map<string, BlueprintDefinition>;
  let team: string;
  let service: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    team = uniqueId('team');
    service = uniqueId('service');
    blueprints = await insertBlueprints(database, [
      blueprintDefinition(team, {}, { parent: { target: team, required: false, many: false } }),
      blueprintDefinition(
        service,
        { tier: { type: 'number' } },
        {
          team: { target: team, required: true, many: false },
          dependsOn: { target: service, required: false, many: true },
        },
      ),
    ]);
    const id: Record<string, number> = {};
    for (const name of ['root', 'mid', 'leaf', 'leaf2']) id[name] = await insertEntity(database, team, name);
    for (const name of ['s1', 's2', 's3', 's4'])
      id[name] = await insertEntity(database, service, name, { properties: { tier: Number(name[1]) } });
    const edges: Array<[string, string, string]> = [
      ['mid', 'parent', 'root'],
      ['leaf', 'parent', 'mid'],
      ['leaf2', 'parent', 'leaf'],
      ['s1', 'team', 'leaf'],
      ['s2', 'team', 'mid'],
      ['s3', 'team', 'root'],
      ['s4', 'team', 'leaf2'],
      ['s1', 'dependsOn', 's2'],
      ['s2', 'dependsOn', 's3'],
    ];
    for (const [from, relation, to] of edges) await insertRelation(database, id[from]!, relation, id[to]!);
  });
  afterAll(() => database.close());

  const ids = (query: unknown, blueprint?: string, visibility?: Visibility) =>
    matchingIdentifiers(database, query, { blueprints, blueprint, ...(visibility ? { visibility } : {}) });
  const relatedTo = (blueprint: string, value: unknown, extra: Record<string, unknown> = {}) => ({
    operator: 'relatedTo',
    blueprint,
    value,
    ...extra,
  });

  describe('relatedTo', () => {
    it('follows relations from the entity, transitively, for upstream', async () => {
      expect(await ids(and(relatedTo(service, 's1', { direction: 'upstream' })), service)).toEqual([
        's2',
        's3',
      ]);
      expect(await ids(and(relatedTo(service, 's1', { direction: 'upstream' })), team)).toEqual([
        'leaf',
        'mid',
        'root',
      ]);
      expect(await ids(and(relatedTo(team, 'leaf2', { direction: 'upstream' })), team)).toEqual([
        'leaf',
        'mid',
        'root',
      ]);
    });

    it('follows relations to the entity for downstream', async () => {
      expect(await ids(and(relatedTo(service, 's3', { direction: 'downstream' })), service)).toEqual([
        's1',
        's2',
      ]);
      expect(await ids(and(relatedTo(team, 'root', { direction: 'downstream' })), service)).toEqual([
        's1',
        's2',
        's3',
        's4',
      ]);
      expect(await ids(and(relatedTo(team, 'leaf', { direction: 'downstream' })), team)).toEqual(['leaf2']);
    });

    it('goes both ways without a direction, and takes several entities', async () => {
      expect(await ids(and(relatedTo(service, 's2')), service)).toEqual(['s1', 's3']);
      expect(await ids(and(relatedTo(team, ['leaf2', 'root'], { direction: 'upstream' })), team)).toEqual([
        'leaf',
        'mid',
        'root',
      ]);
      expect(await ids(and(relatedTo(service, 's2')))).toEqual(['mid', 'root', 's1', 's3']);
    });

    it('uses only required relations when asked to', async () => {
      expect(await ids(and(relatedTo(service, 's1', { direction: 'upstream', required: true })))).toEqual([
        'leaf',
      ]);
      expect(await ids(and(relatedTo(team, 'root', { direction: 'downstream', required: true })))).toEqual([
        's3',
      ]);
      expect(await ids(and(relatedTo(team, 'mid', { required: true })))).toEqual(['s2']);
    });

    it('walks through and to readable entities only', async () => {
      // Team "mid" hidden: no walk passes through it (leaf and leaf2 are cut off from root).
      const visibility: Visibility = {
        all: [service],
        owned: [],
        teams: [],
        policies: [{ blueprint: team, where: sql`e.identifier <> 'mid'` }],
      };
      expect(
        await ids(and(relatedTo(team, 'root', { direction: 'downstream' })), service, visibility),
      ).toEqual(['s1', 's2', 's3']);
      expect(
        await ids(and(relatedTo(team, 'leaf', { direction: 'upstream' })), undefined, visibility),
      ).toEqual([]);
      expect(await ids(and(relatedTo(service, 's1')), undefined, visibility)).toEqual([
        'leaf',
        'root',
        's2',
        's3',
      ]);
      expect(await ids(and(relatedTo(team, 'mid')), undefined, visibility)).toEqual([]);
    });

    it('combines with other rules and matches nothing for unknown entities', async () => {
      const query = and(relatedTo(team, 'root', { direction: 'downstream' }), {
        property: 'tier',
        operator: '>=',
        value: 3,
      });
      expect(await ids(query, service)).toEqual(['s3', 's4']);
      expect(await ids(and(relatedTo(service, ['nope', "x' or 1=1 --"])), service)).toEqual([]);
    });
  });

  describe('matchAny', () => {
    const matchAny = (path: unknown[], value: unknown, fromBlueprint?: string) => ({
      property: { path, ...(fromBlueprint ? { fromBlueprint } : {}) },
      operator: 'matchAny',
      value,
    });

    it('follows a relation path to the given entities', async () => {
      expect(await ids(and(matchAny(['team'], ['mid', 'root'])), service)).toEqual(['s2', 's3']);
      expect(await ids(and(matchAny(['team', 'parent'], 'mid')), service)).toEqual(['s1']);
      expect(await ids(and(matchAny(['dependsOn', 'dependsOn'], 's3')), service)).toEqual(['s1']);
    });

    it('takes 1 to maxHops hops of a self-relation', async () => {
      const hops = (maxHops: number) => matchAny(['parent', { relation: 'parent', maxHops }], 'root');
      expect(await ids(and(hops(1)), team)).toEqual(['leaf']);
      expect(await ids(and(hops(2)), team)).toEqual(['leaf', 'leaf2']);
      expect(await ids(and(hops(15)), team)).toEqual(['leaf', 'leaf2']);
      const viaTeam = matchAny(['team', { relation: 'parent', maxHops: 3 }], 'root');
      expect(await ids(and(viaTeam), service)).toEqual(['s1', 's2', 's4']);
    });

    it('starts from fromBlueprint in a search across blueprints', async () => {
      expect(await ids(and(matchAny(['parent'], 'root', team)))).toEqual(['mid']);
      expect(await ids(and(matchAny(['team'], 'root')))).toEqual(['s3']);
    });
  });

  describe('bad relation rules', () => {
    const refusal = (query: unknown, blueprint?: string) => {
      try {
        compileSearchQuery(query, { dialect: database.dialect, blueprints, blueprint });
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).kind).toBe('unprocessable');
        return (error as DomainError).message;
      }
      throw new Error('expected the query to be refused');
    };
    const matchAny = (path: unknown) => ({ property: { path }, operator: 'matchAny', value: 'x' });

    it('names the rule and what is wrong', () => {
      expect(refusal(and(relatedTo('nope', 'x')))).toBe('rules[0]: relatedTo names unknown blueprint "nope"');
      expect(refusal(and(relatedTo(team, 1)))).toContain('rules[0]: value (a string or an array) must be');
      expect(refusal(and(relatedTo(team, 'x', { direction: 'sideways' })))).toContain(
        'rules[0]: direction must be',
      );
      expect(refusal(and(relatedTo(team, 'x', { required: 'yes' })))).toContain('rules[0]: required must be');
      expect(refusal(and(matchAny(['nope'])), team)).toBe(
        `rules[0]: property.path[0]: blueprint "${team}" has no relation "nope"`,
      );
      expect(refusal(and(matchAny([{ relation: 'team', maxHops: 2 }])), service)).toContain(
        'property.path[0]: maxHops needs a relation',
      );
      expect(refusal(and(matchAny([{ relation: 'parent', maxHops: 16 }])), team)).toContain(
        'property.path[0] must be',
      );
      const twice = [
        { relation: 'parent', maxHops: 2 },
        { relation: 'parent', maxHops: 2 },
      ];
      expect(refusal(and(matchAny(twice)), team)).toContain('only one {"relation", "maxHops"} step');
      expect(refusal(and(matchAny([])), team)).toContain('rules[0]: matchAny needs property');
      expect(
        refusal(and({ property: { path: ['parent'] }, operator: 'matchAny', value: { context: 'user' } })),
      ).toContain('value {"context": "user" | "userTeams", "property": "<name>"}');
    });
  });
});
