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
  matchingIdentifiers,
} from './search.fixtures.js';

const rule = (property: string, operator: string, value?: unknown) => ({ property, operator, value });
const and = (...rules: unknown[]) => ({ combinator: 'and', rules });
const or = (...rules: unknown[]) => ({ combinator: 'or', rules });

describeEachDatabase('search compiler', (dialect) => {
  let database: Database;
  let blueprints: Map<string, BlueprintDefinition>;
  let app: string;
  let lib: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    app = uniqueId('app');
    lib = uniqueId('lib');
    blueprints = await insertBlueprints(database, [
      blueprintDefinition(
        app,
        {
          tier: { type: 'number' },
          owner: { type: 'string', format: 'user' },
          since: { type: 'string', format: 'date-time' },
        },
        { uses: { target: lib, required: false, many: true } },
      ),
      blueprintDefinition(lib, {
        tier: { type: 'string' },
        lead: { type: 'string', format: 'user' },
        since: { type: 'string' },
        langs: { type: 'array', items: { type: 'string', format: 'user' } },
      }),
    ]);
    blueprints.get(app)!.calculationProperties = { score: { calculation: '1', type: 'number' } };
    await insertEntity(database, app, 'app1', {
      properties: { tier: 1, owner: 'jane@x.io', since: '2024-01-01T00:00:00Z' },
    });
    await insertEntity(database, app, 'app2', {
      properties: { tier: 3, owner: 'joe@x.io', since: '2025-01-01T00:00:00Z' },
    });
    await insertEntity(database, lib, 'lib1', {
      properties: { tier: 'gold', lead: 'jane@x.io', since: 'long ago' },
    });
    await insertEntity(database, lib, 'lib2', { properties: { tier: 'bronze', langs: ['jane@x.io'] } });
  });
  afterAll(() => database.close());

  const ids = (query: unknown, blueprint?: string) =>
    matchingIdentifiers(database, query, { blueprints, blueprint });
  const compile = (query: unknown, blueprint?: string) =>
    compileSearchQuery(query, { dialect: database.dialect, blueprints, blueprint });

  describe('across blueprints', () => {
    it('compiles a property once per blueprint that has it, skipping those of another type', async () => {
      expect(await ids(and(rule('tier', '>', 2)))).toEqual(['app2']);
      expect(await ids(and(rule('tier', '=', 'gold')))).toEqual(['lib1']);
      expect(await ids(or(rule('tier', '<', 2), rule('tier', 'in', ['bronze'])))).toEqual(['app1', 'lib2']);
      expect(await ids(and(rule('owner', '=', 'jane@x.io')))).toEqual(['app1']);
    });

    it('keeps a date-time and a same-named text property apart', async () => {
      expect(await ids(and(rule('since', '<', '2024-06-01')))).toEqual(['app1']);
      expect(await ids(and(rule('since', 'contains', 'ago')))).toEqual(['lib1']);
    });

    it('narrows the blueprints with top-level $blueprint rules', async () => {
      expect(compile(and(rule('$blueprint', '=', lib))).blueprints).toEqual([lib]);
      expect(compile(and(rule('$blueprint', 'in', [lib, app]))).blueprints).toEqual([app, lib].sort());
      expect(compile(or(rule('$blueprint', '=', lib))).blueprints).toEqual([...blueprints.keys()].sort());
      expect(compile(and(rule('$blueprint', '=', app)), lib).blueprints).toEqual([lib]);
      expect(await ids(and(rule('$blueprint', '=', lib), rule('since', 'isNotEmpty')))).toEqual(['lib1']);
      expect(await ids(and(rule('$blueprint', '=', lib), rule('$blueprint', '=', app)))).toEqual([]);
    });

    it('scopes to the route blueprint', async () => {
      expect(await ids(and(), lib)).toEqual(['lib1', 'lib2']);
      expect(await ids(and(rule('tier', 'isNotEmpty')), app)).toEqual(['app1', 'app2']);
    });

    it('matches any property of a schema with propertySchema rules', async () => {
      const user = (operator: string, value: string) => ({
        propertySchema: { type: 'string', format: 'user' },
        operator,
        value,
      });
      expect(await ids(and(user('=', 'jane@x.io')))).toEqual(['app1', 'lib1']);
      expect(await ids(and(user('contains', 'joe')))).toEqual(['app2']);
      expect(await ids(and(user('!=', 'jane@x.io')))).toEqual(['app2', 'lib2']);
      const arrays = {
        propertySchema: { type: 'array', items: { format: 'user' } },
        operator: '=',
        value: 'jane@x.io',
      };
      expect(await ids(and(arrays))).toEqual(['lib2']);
      expect(await ids(and({ propertySchema: { type: 'string' }, operator: '=', value: 'gold' }))).toEqual([
        'lib1',
      ]);
    });
  });

  describe('bad queries', () => {
    const failure = (query: unknown, blueprint?: string) => {
      try {
        compile(query, blueprint);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return error as DomainError;
      }
      throw new Error('expected the query to be refused');
    };
    const deep = (levels: number): unknown => (levels === 1 ? and() : and(deep(levels - 1)));
    const many = (n: number) => and(...Array.from({ length: n }, () => rule('$identifier', '=', 'x')));
    // relatedTo and matchAny alternately, each starting from an entity that does not exist.
    const relationRules = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        i % 2
          ? { operator: 'relatedTo', blueprint: lib, value: `none${i}` }
          : { property: { path: ['uses'] }, operator: 'matchAny', value: `none${i}` },
      );

    const refusals: Array<[unknown, 'app' | 'lib' | undefined, string]> = [
      [and(rule('nope', '=', 1)), 'app', 'rules[0]: unknown property "nope" on blueprint "APP"'],
      [
        and(rule('tier', '>', 1), or(rule('nope', '=', 1))),
        'app',
        'rules[1].rules[0]: unknown property "nope"',
      ],
      [and(rule('nope', '=', 1)), undefined, 'rules[0]: unknown property "nope": none of the blueprints'],
      [and(rule('uses', '=', 'x')), 'app', 'rules[0]: "uses" is a relation'],
      [and(rule('$nope', '=', 1)), 'app', 'rules[0]: unknown meta-property "$nope"'],
      [and(rule('tier', '~', 1)), 'app', 'rules[0]: unknown operator "~"'],
      [and({ property: 'tier', value: 1 }), 'app', 'rules[0]: unknown operator (missing)'],
      [
        and(rule('tier', '>', '1')),
        'app',
        'rules[0]: value of ">" on property "tier" of blueprint "APP" must be a finite number',
      ],
      [and(rule('tier', 'in', 1)), 'app', 'rules[0]: value of "in" on property "tier"'],
      [and(rule('tier', 'contains', 'x')), 'app', 'rules[0]: operator "contains" does not apply to number'],
      [
        and(rule('tier', '>', 'x')),
        undefined,
        'rules[0]: value of ">" on property "tier" of blueprint "APP"',
      ],
      [
        and(rule('since', 'between', { from: '2024-01-01' })),
        'app',
        'rules[0]: value needs both "from" and "to"',
      ],
      [and(rule('since', 'between', { preset: 'someday' })), 'app', 'rules[0]: value.preset must be one of'],
      [and(rule('since', '>', 'yesterday')), 'app', 'rules[0]: value of ">" on property "since"'],
      [and(rule('since', 'isExpired')), 'lib', 'rules[0]: operator "isExpired" does not apply to string'],
      [and(rule('$team', '>', 1)), 'app', 'rules[0]: operator ">" does not apply to array "$team"'],
      [and(rule('$title', '=', 1)), 'app', 'rules[0]: value of "=" on "$title" must be a string'],
      [
        and(rule('$team', 'in', { context: 'userTeams', property: '$identifier' })),
        'app',
        'rules[0]: contextual values',
      ],
      [and(rule('$team', 'in', ['My Teams'])), 'app', 'rules[0]: contextual values'],
      [
        and({ property: { context: 'user', property: 'x' }, operator: '=', value: 1 }),
        'app',
        'rules[0]: contextual properties',
      ],
      [{ combinator: 'xor', rules: [] }, 'app', 'query: combinator must be "and" or "or"'],
      [and(rule('tier', '>', 1), { combinator: 'nand', rules: [] }), 'app', 'rules[1]: combinator must be'],
      [{ combinator: 'and', rules: {} }, 'app', 'query: rules must be an array'],
      ['select 1', 'app', 'query: a query must be an object'],
      [and('tier > 1'), 'app', 'rules[0]: a rule must be an object'],
      [deep(21), 'app', 'queries nest at most 20 levels deep'],
      [many(201), 'app', 'rules[200]: a query has at most 200 rules'],
      [
        and(
          ...Array.from({ length: 21 }, (_, i) =>
            rule('$title', i % 2 ? 'contains' : 'doesNotEndsWith', 'x'),
          ),
        ),
        'app',
        'rules[20]: a query has at most 20 contains, beginsWith and endsWith rules',
      ],
      [and(rule('$blueprint', '=', 'nope')), undefined, 'rules[0]: unknown blueprint "nope"'],
      [and({ relation: 'nope', operator: '=', value: 'x' }), 'app', 'rules[0]: unknown relation "nope"'],
      [and({ scorecard: 'nope', operator: '=', value: 'Gold' }), 'app', 'rules[0]: unknown scorecard "nope"'],
      [
        and({ propertySchema: { type: 'object' }, operator: '=', value: 1 }),
        'app',
        'rules[0]: propertySchema needs',
      ],
      [
        and({ propertySchema: { type: 'string' }, operator: '>', value: 1 }),
        'app',
        'rules[0]: a propertySchema rule',
      ],
    ];
    it.each(refusals.map(([query, blueprint, message]) => [message, query, blueprint] as const))(
      'refuses: %s',
      (message, query, blueprint) => {
        const scope = blueprint === 'app' ? app : blueprint === 'lib' ? lib : undefined;
        const error = failure(query, scope);
        expect(error.kind).toBe('unprocessable');
        expect(error.code).toBe('invalid_search_query');
        expect(error.message).toContain(message.replace('"APP"', `"${app}"`));
      },
    );

    it('refuses an eleventh relatedTo or matchAny rule, wherever it is nested', () => {
      const error = failure(and(...relationRules(6), or(...relationRules(5))), app);
      expect(error.kind).toBe('unprocessable');
      expect(error.message).toBe('rules[6].rules[4]: a query has at most 10 relatedTo and matchAny rules');
    });

    it('accepts queries at the limits', async () => {
      expect(() => compile(deep(20), app)).not.toThrow();
      expect(await ids(many(200), app)).toEqual([]);
      expect(
        await ids(and(...Array.from({ length: 20 }, () => rule('$title', 'contains', 'zz'))), app),
      ).toEqual([]);
      expect(await ids(and(...relationRules(10)), app)).toEqual([]);
    });

    it('answers 404 for a route blueprint that does not exist', () => {
      expect(failure(and(), 'nope').kind).toBe('not_found');
    });
  });
});
