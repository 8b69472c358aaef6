import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, uniqueId } from '../../../test/databases.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Database } from '../storage/database.js';
import {
  blueprintDefinition,
  insertBlueprints,
  insertEntity,
  matchingIdentifiers,
} from './search.fixtures.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describeEachDatabase('search operators', (dialect) => {
  let database: Database;
  let blueprints: Map<string, BlueprintDefinition>;
  let bp: string;
  const now = new Date();
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = (offsetDays: number, minutes: number) =>
    new Date(todayStart + offsetDays * DAY + minutes * 60_000);

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    bp = uniqueId('svc');
    blueprints = await insertBlueprints(database, [
      blueprintDefinition(bp, {
        name: { type: 'string' },
        tier: { type: 'number' },
        pii: { type: 'boolean' },
        deployed: { type: 'string', format: 'date-time' },
        expires: { type: 'string', format: 'timer' },
        due: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' } },
        scores: { type: 'array', items: { type: 'number' } },
        meta: { type: 'object' },
      }),
    ]);
    await insertEntity(database, bp, 'a', {
      title: 'Payments',
      icon: 'Go',
      team: ['payments'],
      createdAt: at(-30 * DAY),
      createdBy: 'alice',
      properties: {
        name: 'Payments API',
        tier: 1,
        pii: true,
        deployed: at(-2 * DAY),
        expires: at(DAY),
        due: day(0, 1).toISOString(),
        tags: ['prod', 'eu'],
        scores: [1, 2],
        meta: { x: 1 },
      },
    });
    await insertEntity(database, bp, 'b', {
      title: 'Cart',
      team: ['shop', 'payments'],
      createdAt: at(-20 * DAY),
      updatedBy: 'bob',
      properties: {
        name: 'cart',
        tier: 2,
        pii: false,
        // another zone and more digits than JavaScript keeps: compared as instants, not as text
        deployed: new Date(now.getTime() - 10 * DAY + 2 * HOUR).toISOString().replace('Z', '123+02:00'),
        expires: at(-DAY),
        due: day(-1, 1439).toISOString(),
        tags: ['dev'],
      },
    });
    await insertEntity(database, bp, 'c', {
      title: 'Checkout',
      createdAt: at(-DAY),
      properties: {
        name: 'Checkout',
        tier: 3,
        deployed: at(3 * DAY),
        due: day(1, 0).toISOString(),
        tags: [],
      },
    });
    await insertEntity(database, bp, 'd', { title: null, createdAt: at(-1000) });
    await insertEntity(database, bp, 'f', {
      title: 'Done',
      createdAt: at(-1000),
      properties: { name: '100%_done' },
    });
  });
  afterAll(() => database.close());

  const ids = (rules: unknown[], combinator = 'and') =>
    matchingIdentifiers(database, { combinator, rules }, { blueprints, blueprint: bp, now });
  const rule = (property: string, operator: string, value?: unknown) => ({ property, operator, value });

  it.each([
    ['=', 'cart', ['b']],
    ['!=', 'cart', ['a', 'c', 'd', 'f']],
    ['contains', 'PAY', ['a']],
    ['contains', '%_', ['f']],
    ['contains', '_', ['f']],
    ['doesNotContains', 'a', ['c', 'd', 'f']],
    ['beginsWith', 'ch', ['c']],
    ['beginsWith', '1', ['f']],
    ['doesNotBeginsWith', 'c', ['a', 'd', 'f']],
    ['endsWith', 'out', ['c']],
    ['doesNotEndsWith', 't', ['a', 'd', 'f']],
    ['in', ['cart', 'Checkout'], ['b', 'c']],
    ['in', [], []],
    ['notIn', ['cart'], ['a', 'c', 'd', 'f']],
    ['notIn', [], ['a', 'b', 'c', 'd', 'f']],
    ['containsAny', ['cart', 'nothing'], ['b']],
    ['isEmpty', undefined, ['d']],
    ['isNotEmpty', undefined, ['a', 'b', 'c', 'f']],
  ])('string %s %j', async (operator, value, expected) => {
    expect(await ids([rule('name', operator, value)])).toEqual(expected);
  });

  it.each([
    ['>', 1, ['b', 'c']],
    ['>=', 2, ['b', 'c']],
    ['<', 2, ['a']],
    ['<=', 2, ['a', 'b']],
    ['=', 2, ['b']],
    ['!=', 2, ['a', 'c', 'd', 'f']],
    ['in', [1, 3], ['a', 'c']],
    ['notIn', [1], ['b', 'c', 'd', 'f']],
    ['isEmpty', undefined, ['d', 'f']],
  ])('number %s %j', async (operator, value, expected) => {
    expect(await ids([rule('tier', operator, value)])).toEqual(expected);
  });

  it.each([
    ['=', true, ['a']],
    ['=', false, ['b']],
    ['!=', true, ['b', 'c', 'd', 'f']],
    ['isNotEmpty', undefined, ['a', 'b']],
  ])('boolean %s %j', async (operator, value, expected) => {
    expect(await ids([rule('pii', operator, value)])).toEqual(expected);
  });

  it('compares date-times as instants', async () => {
    expect(await ids([rule('deployed', '>', at(-5 * DAY))])).toEqual(['a', 'c']);
    expect(await ids([rule('deployed', '<', at(0))])).toEqual(['a', 'b']);
    expect(await ids([rule('deployed', '>=', at(-10 * DAY + HOUR))])).toEqual(['a', 'c']);
    expect(await ids([rule('deployed', '<=', at(-10 * DAY + HOUR))])).toEqual(['b']);
    expect(await ids([rule('deployed', 'between', { from: at(-5 * DAY), to: at(0) })])).toEqual(['a']);
    expect(await ids([rule('deployed', 'notBetween', { from: at(-5 * DAY), to: at(0) })])).toEqual([
      'b',
      'c',
      'd',
      'f',
    ]);
    expect(await ids([rule('deployed', '=', at(-2 * DAY))])).toEqual(['a']);
    expect(await ids([rule('deployed', '!=', at(-2 * DAY))])).toEqual(['b', 'c', 'd', 'f']);
    expect(await ids([rule('deployed', '=', at(3 * DAY).slice(0, 10))])).toEqual(['c']);
    expect(await ids([rule('deployed', 'beginsWith', at(3 * DAY).slice(0, 10))])).toEqual(['c']);
  });

  it.each([
    ['lastWeek', ['a']],
    ['last2Weeks', ['a', 'b']],
    ['lastDay', []],
    ['lastMonth', ['a', 'b']],
    ['nextWeek', ['c']],
    ['nextDay', []],
    ['next3Months', ['c']],
  ])('date preset %s', async (preset, expected) => {
    expect(await ids([rule('deployed', 'between', { preset })])).toEqual(expected);
    // Port's date rule takes `=` with a range too.
    expect(await ids([rule('deployed', '=', { preset })])).toEqual(expected);
  });

  it("takes Port's `=` with {from, to}, and `!=` with a range, as between and notBetween", async () => {
    const range = { from: at(-5 * DAY), to: at(0) };
    expect(await ids([rule('deployed', '=', range)])).toEqual(['a']);
    expect(await ids([rule('deployed', '!=', range)])).toEqual(['b', 'c', 'd', 'f']);
    expect(await ids([rule('deployed', '!=', { preset: 'lastWeek' })])).toEqual(['b', 'c', 'd', 'f']);
    await expect(ids([rule('deployed', '=', { preset: 'someday' })])).rejects.toThrow(
      'value.preset must be one of',
    );
  });

  it.each([
    ['today', ['a']],
    ['yesterday', ['b']],
    ['tomorrow', ['c']],
  ])('day preset %s covers the whole UTC day', async (preset, expected) => {
    expect(await ids([rule('due', 'between', { preset })])).toEqual(expected);
    expect(await ids([rule('due', 'notBetween', { preset })])).not.toContain(expected[0]);
  });

  it('tells expired timers and date-times from the others', async () => {
    expect(await ids([rule('expires', 'isExpired')])).toEqual(['b']);
    expect(await ids([rule('expires', 'isNotExpired')])).toEqual(['a']);
    expect(await ids([rule('deployed', 'isExpired')])).toEqual(['a', 'b']);
    expect(await ids([rule('deployed', 'isNotExpired')])).toEqual(['c']);
  });

  it.each([
    ['=', 'prod', ['a']],
    ['!=', 'prod', ['b', 'c', 'd', 'f']],
    ['in', ['eu', 'dev'], ['a', 'b']],
    ['containsAny', ['dev', 'x'], ['b']],
    ['notIn', ['dev'], ['a', 'c', 'd', 'f']],
    ['contains', 'ro', ['a']],
    ['doesNotContains', 'e', ['c', 'd', 'f']],
    ['isEmpty', undefined, ['c', 'd', 'f']],
    ['isNotEmpty', undefined, ['a', 'b']],
  ])('array %s %j', async (operator, value, expected) => {
    expect(await ids([rule('tags', operator, value)])).toEqual(expected);
  });

  it('checks objects for emptiness only', async () => {
    expect(await ids([rule('meta', 'isNotEmpty')])).toEqual(['a']);
    expect(await ids([rule('meta', 'isEmpty')])).toEqual(['b', 'c', 'd', 'f']);
    expect(await ids([rule('scores', 'isNotEmpty')])).toEqual(['a']);
  });

  describe('meta-properties', () => {
    it.each([
      [rule('$identifier', '=', 'a'), ['a']],
      [rule('$identifier', 'in', ['a', 'c', 'zz']), ['a', 'c']],
      [rule('$title', 'beginsWith', 'c'), ['b', 'c']],
      [rule('$title', 'isEmpty'), ['d']],
      [rule('$icon', '=', 'Go'), ['a']],
      [rule('$icon', 'isNotEmpty'), ['a']],
      [rule('$blueprint', '!=', 'other'), ['a', 'b', 'c', 'd', 'f']],
      [rule('$team', '=', 'payments'), ['a', 'b']],
      [rule('$team', 'in', ['shop']), ['b']],
      [rule('$team', 'containsAny', ['shop', 'x']), ['b']],
      [rule('$team', 'notIn', ['payments']), ['c', 'd', 'f']],
      [rule('$team', 'contains', 'pay'), ['a', 'b']],
      [rule('$team', 'isEmpty'), ['c', 'd', 'f']],
      [rule('$createdAt', '<', at(-10 * DAY)), ['a', 'b']],
      [rule('$createdAt', 'between', { preset: 'last2Weeks' }), ['c', 'd', 'f']],
      [rule('$createdAt', 'between', { from: at(-25 * DAY), to: at(-15 * DAY) }), ['b']],
      [rule('$createdAt', '=', at(-30 * DAY)), ['a']],
      [rule('$updatedAt', '>=', at(-2 * DAY)), ['c', 'd', 'f']],
      [rule('$createdBy', '=', 'alice'), ['a']],
      [rule('$updatedBy', '=', 'bob'), ['b']],
    ])('%j', async (r, expected) => {
      expect(await ids([r])).toEqual(expected);
    });
  });

  it('nests combinators', async () => {
    const query = [
      rule('tier', '>=', 1),
      {
        combinator: 'or',
        rules: [
          rule('pii', '=', true),
          { combinator: 'and', rules: [rule('tags', 'isEmpty'), rule('tier', '=', 3)] },
        ],
      },
    ];
    expect(await ids(query)).toEqual(['a', 'c']);
    expect(await ids([rule('$identifier', '=', 'a'), rule('$identifier', '=', 'b')], 'or')).toEqual([
      'a',
      'b',
    ]);
    expect(await ids([], 'or')).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('binds SQL-looking values instead of running them', async () => {
    for (const value of ["x' or 1=1 --", "'); drop table entities; --", "%' or '1'='1", '"a"']) {
      expect(await ids([rule('name', '=', value)])).toEqual([]);
      expect(await ids([rule('name', 'contains', value)])).toEqual([]);
      expect(await ids([rule('$identifier', 'in', [value])])).toEqual([]);
      expect(await ids([rule('$team', 'containsAny', [value])])).toEqual([]);
      expect(await ids([rule('tags', 'contains', value)])).toEqual([]);
    }
    expect(await ids([])).toHaveLength(5);
  });
});
