import { TEXT_MATCH_OPERATORS } from '../../src/server/search/search.operators.js';
import fc from 'fast-check';
import { GHOST_TAG, HIDDEN_TAG, VISIBLE_TAG, type FuzzCatalog } from './catalog.js';
import {
  DATE_PRESETS,
  HOSTILE_DATES,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  LONG,
  META,
  OPERATORS,
  PROTOTYPE_NAMES,
} from './pools.js';

const TEXT_RULE_OPERATORS = ['=', '!=', 'in', 'notIn', ...TEXT_MATCH_OPERATORS, 'isEmpty'];

export { PROTOTYPE_NAMES } from './pools.js';

/** The pools of names and values, built around the seeded catalog. */
export function fuzzValues(catalog: FuzzCatalog) {
  const hiddenProbes = [
    HIDDEN_TAG,
    ...catalog.hiddenMarkers,
    `${HIDDEN_TAG}-al`,
    `${HIDDEN_TAG}%`,
    `${HIDDEN_TAG}-alpha-nope`,
  ];
  const blueprints = [
    catalog.visibleBlueprint,
    catalog.hiddenBlueprint,
    '_user',
    '_team',
    `${GHOST_TAG}_bp`,
    ...HOSTILE_STRINGS,
  ];
  const entities = [
    ...catalog.visibleEntities,
    ...catalog.hiddenEntities,
    catalog.memberEmail,
    catalog.colleagueEmail,
    catalog.teams.member,
    catalog.teams.other,
    `${VISIBLE_TAG}-missing`,
    ...HOSTILE_STRINGS,
  ];
  const names = [
    ...catalog.propertyNames,
    ...catalog.relationNames,
    ...META,
    '$',
    'a.b',
    'text.x',
    'nope',
    ...PROTOTYPE_NAMES,
    LONG,
  ];
  const emails = [
    catalog.memberEmail,
    catalog.colleagueEmail,
    `${HIDDEN_TAG}0@example.com`,
    'nobody@example.com',
    'NOBODY@EXAMPLE.COM',
    'a@b',
    '@',
    ...HOSTILE_STRINGS,
  ];
  const teams = [catalog.teams.member, catalog.teams.other, 'nobody team', 'My Teams', ...HOSTILE_STRINGS];

  const string = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 3, arbitrary: fc.constantFrom(...hiddenProbes) },
    { weight: 3, arbitrary: fc.constantFrom(...entities.slice(0, 8), `${VISIBLE_TAG} text 1`, 'plain') },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
  const number = fc.oneof(
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const scalar = fc.oneof(string, number, fc.boolean(), fc.constant(null));
  const anyJson = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...names), scalar, { maxKeys: 3 }) },
  );
  const dateValue = fc.oneof(
    fc.constantFrom(...HOSTILE_DATES),
    fc.record({ from: fc.constantFrom(...HOSTILE_DATES), to: fc.constantFrom(...HOSTILE_DATES) }),
    fc.record({ preset: fc.constantFrom(...DATE_PRESETS) }),
  );
  const contextValue = fc.record({
    context: fc.constantFrom('user', 'userTeams', 'nope', ...PROTOTYPE_NAMES),
    property: fc.constantFrom(...names),
  });
  const ruleValue = fc.oneof(
    { weight: 3, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(fc.oneof(string, number), { maxLength: 4 }) },
    { weight: 2, arbitrary: dateValue },
    { weight: 1, arbitrary: contextValue },
    { weight: 1, arbitrary: anyJson },
  );
  const propertyRule = fc.record(
    {
      property: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...names) },
        { weight: 1, arbitrary: contextValue },
        { weight: 1, arbitrary: scalar },
      ),
      operator: fc.constantFrom(...OPERATORS),
      value: ruleValue,
    },
    { requiredKeys: ['property', 'operator'] },
  );
  // Mostly a rule the compiler accepts up to one odd part, so that the odd part reaches the code behind it.
  const textRule = fc.record({
    property: fc.constantFrom('text', 'mail', '$identifier', '$title', '$icon', '$createdBy'),
    operator: fc.constantFrom(...TEXT_RULE_OPERATORS),
    value: fc.oneof(string, fc.array(string, { minLength: 1, maxLength: 3 })),
  });
  const numberRule = fc.record({
    property: fc.constantFrom('count', 'whole'),
    operator: fc.constantFrom('=', '!=', '>', '>=', '<', '<=', 'in', 'notIn', 'between'),
    value: fc.oneof(
      number,
      fc.array(number, { minLength: 1, maxLength: 3 }),
      fc.record({ from: number, to: number }),
    ),
  });
  const dateRule = fc.record({
    property: fc.constantFrom('when', '$createdAt', '$updatedAt'),
    operator: fc.constantFrom(
      '=',
      '>',
      '>=',
      '<',
      '<=',
      'between',
      'notBetween',
      'isExpired',
      'isNotExpired',
    ),
    value: dateValue,
  });
  const listRule = fc.record({
    property: fc.constantFrom('tags', '$team'),
    operator: fc.constantFrom('=', 'containsAny', 'contains', 'isEmpty', 'isNotEmpty'),
    value: fc.oneof(string, fc.array(fc.oneof(string, fc.constantFrom(...teams)), { maxLength: 3 })),
  });
  const relationPath = fc.array(
    fc.oneof(
      fc.constantFrom(...catalog.relationNames, ...PROTOTYPE_NAMES, ''),
      fc.record({
        relation: fc.constantFrom(...catalog.relationNames, 'nope'),
        maxHops: fc.integer({ min: -1, max: 20 }),
      }),
    ),
    { maxLength: 4 },
  );
  const identifierValue = fc.oneof(
    fc.constantFrom(...entities),
    fc.constantFrom(...hiddenProbes),
    fc.array(fc.constantFrom(...entities, ...hiddenProbes), { maxLength: 3 }),
    contextValue,
    fc.constant('My Teams'),
  );
  const relatedTo = fc.record(
    {
      operator: fc.constant('relatedTo'),
      blueprint: fc.constantFrom(...blueprints),
      value: identifierValue,
      direction: fc.constantFrom('upstream', 'downstream', 'sideways', ...PROTOTYPE_NAMES),
      required: fc.oneof(fc.boolean(), scalar),
    },
    { requiredKeys: ['operator', 'blueprint', 'value'] },
  );
  const matchAny = fc.record(
    {
      property: fc.record(
        { path: relationPath, fromBlueprint: fc.constantFrom(...blueprints) },
        { requiredKeys: ['path'] },
      ),
      operator: fc.constant('matchAny'),
      value: identifierValue,
    },
    { requiredKeys: ['property', 'operator', 'value'] },
  );
  const schemaRule = fc.record({
    propertySchema: fc.record(
      {
        type: fc.constantFrom('string', 'number', 'array', 'boolean', 'object', ...PROTOTYPE_NAMES),
        format: fc.constantFrom('email', 'date-time', 'url', ...PROTOTYPE_NAMES),
        items: fc.record({ type: fc.constantFrom('string', 'number', '__proto__') }),
      },
      { requiredKeys: ['type'] },
    ),
    operator: fc.constantFrom(...OPERATORS),
    value: ruleValue,
  });
  const hiddenProbeRule = fc.record({
    property: fc.constantFrom('$identifier', '$title', 'text', 'mail', 'tags', 'meta'),
    operator: fc.constantFrom('=', 'beginsWith', 'contains', 'endsWith', 'in', 'containsAny'),
    value: fc.oneof(
      fc.constantFrom(...hiddenProbes),
      fc.array(fc.constantFrom(...hiddenProbes), { maxLength: 2 }),
    ),
  });
  const { query } = fc.letrec<{ query: unknown; rule: unknown }>((tie) => ({
    query: fc.oneof(
      {
        weight: 9,
        arbitrary: fc.record({
          combinator: fc.constantFrom('and', 'or'),
          rules: fc.array(tie('rule'), { maxLength: 3 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record(
          {
            combinator: fc.constantFrom('and', 'or', 'AND', 'xor', ...PROTOTYPE_NAMES),
            rules: fc.oneof(fc.array(tie('rule'), { maxLength: 4 }), anyJson),
          },
          { requiredKeys: [] },
        ),
      },
    ),
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth: 3 },
      { weight: 3, arbitrary: textRule },
      { weight: 2, arbitrary: numberRule },
      { weight: 3, arbitrary: dateRule },
      { weight: 1, arbitrary: listRule },
      { weight: 2, arbitrary: propertyRule },
      { weight: 3, arbitrary: hiddenProbeRule },
      { weight: 2, arbitrary: relatedTo },
      { weight: 2, arbitrary: matchAny },
      { weight: 1, arbitrary: schemaRule },
      { weight: 2, arbitrary: tie('query') },
      { weight: 1, arbitrary: anyJson },
    ),
  }));
  const sort = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ property: fc.constantFrom(...names), order: fc.constantFrom('ASC', 'DESC') }),
    },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          property: fc.oneof(fc.constantFrom(...names), scalar),
          order: fc.constantFrom('ASC', 'DESC', 'asc', ...PROTOTYPE_NAMES),
        },
        { requiredKeys: [] },
      ),
    },
  );
  const propertyValues = fc.dictionary(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: string }),
    fc.oneof(ruleValue, fc.constantFrom(...HOSTILE_DATES)),
    { maxKeys: 4 },
  );
  const relationValues = fc.dictionary(
    fc.constantFrom(...catalog.relationNames, ...PROTOTYPE_NAMES, 'nope'),
    fc.oneof(identifierValue, query, scalar),
    { maxKeys: 3 },
  );

  // Nearly valid values: what the app accepts, so that the one odd part (a date, a long value, a hidden
  // name) reaches the code behind the checks.
  const plainString = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...entities.slice(0, 8), `${VISIBLE_TAG} text 1`, 'plain', ...hiddenProbes),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, ...HOSTILE_DATES) },
  );
  const plainDate = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom('2026-11-20', '2026-11-21T10:00:00Z', '2024-01-01T08:00:00+02:00'),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
  );
  const knownNames = [...catalog.propertyNames, ...META];
  const typedProperties = fc.record(
    {
      text: plainString,
      count: number,
      whole: fc.integer(),
      when: fc.constantFrom(...HOSTILE_DATES),
      mail: fc.constantFrom(...emails),
      on: fc.boolean(),
      tags: fc.array(plainString, { maxLength: 2 }),
      meta: fc.dictionary(fc.constantFrom(...names), scalar, { maxKeys: 2 }),
    },
    { requiredKeys: [] },
  );
  const validRule = fc.oneof(
    fc.record({
      property: fc.constantFrom('text', 'mail', '$identifier', '$title'),
      operator: fc.constantFrom('=', '!=', 'contains', 'beginsWith', 'doesNotEndsWith'),
      value: plainString,
    }),
    fc.record({
      property: fc.constantFrom('count', 'whole'),
      operator: fc.constantFrom('=', '>', '<='),
      value: number,
    }),
    fc.record({
      property: fc.constantFrom('when', '$createdAt'),
      operator: fc.constantFrom('=', '>', '<=', 'between', 'notBetween'),
      value: fc.oneof(
        plainDate,
        fc.record({ from: plainDate, to: plainDate }),
        fc.record({ preset: fc.constantFrom(...DATE_PRESETS) }),
      ),
    }),
    hiddenProbeRule,
    fc.record({
      operator: fc.constant('relatedTo'),
      blueprint: fc.constantFrom(catalog.visibleBlueprint, catalog.hiddenBlueprint),
      value: fc.constantFrom(...catalog.visibleEntities, ...hiddenProbes),
    }),
    fc.record({
      property: fc.record({ path: fc.constantFrom(['parent'], ['owner'], ['parent', 'owner']) }),
      operator: fc.constant('matchAny'),
      value: fc.constantFrom(...catalog.visibleEntities, ...hiddenProbes),
    }),
  );
  const validQuery = fc.record({
    combinator: fc.constantFrom('and', 'or'),
    rules: fc.array(validRule, { minLength: 1, maxLength: 2 }),
  });
  const valid = {
    fieldValue(name: string): fc.Arbitrary<unknown> | undefined {
      switch (name) {
        case 'query':
          return validQuery;
        case 'sort':
          return fc.record({
            property: fc.oneof(
              {
                weight: 5,
                arbitrary: fc.constantFrom(
                  'text',
                  'count',
                  'when',
                  'mail',
                  'on',
                  '$identifier',
                  '$title',
                  '$createdAt',
                ),
              },
              { weight: 1, arbitrary: fc.constantFrom(...knownNames, ...PROTOTYPE_NAMES) },
            ),
            order: fc.constantFrom('ASC', 'DESC'),
          });
        case 'include':
        case 'exclude':
          return fc.array(fc.constantFrom(...knownNames), { maxLength: 2 });
        case 'properties':
          return typedProperties;
        case 'relations':
          return fc.record(
            {
              parent: fc.oneof(fc.constantFrom(...entities.slice(0, 6), ...hiddenProbes), validQuery),
              owner: fc.array(fc.constantFrom(...catalog.visibleEntities), { maxLength: 2 }),
            },
            { requiredKeys: [] },
          );
        case 'identifier':
        case 'entity':
          return fc.oneof(
            { weight: 1, arbitrary: fc.constantFrom(...entities.slice(0, 6), ...hiddenProbes) },
            // A search query as the identifier: a write resolves it, and must not say what it matched.
            { weight: 1, arbitrary: validQuery },
            {
              weight: 1,
              arbitrary: fc.record({ combinator: fc.constant('and'), rules: fc.tuple(hiddenProbeRule) }),
            },
          );
        case 'team':
          return fc.oneof(
            fc.constantFrom(catalog.teams.member, catalog.teams.other),
            fc.array(fc.constantFrom(...teams), { maxLength: 2 }),
            validQuery,
          );
        case 'from':
          return fc.constant(undefined);
        default:
          return undefined;
      }
    },
    string: plainString,
  };

  return {
    valid,
    string,
    number,
    scalar,
    anyJson,
    query,
    sort,
    propertyValues,
    relationValues,
    identifierValue,
    /** Values for path parameters, by the parameter's name. */
    pathValue(name: string, realOnly = false): fc.Arbitrary<string> {
      const pool =
        name === 'blueprint_identifier' || name === 'identifier'
          ? blueprints
          : name === 'entity_identifier'
            ? [...entities, ...hiddenProbes]
            : name === 'key'
              ? names
              : name === 'user_email'
                ? emails
                : name === 'name'
                  ? teams
                  : [...entities, ...hiddenProbes];
      const real = pool.filter((value) => !HOSTILE_STRINGS.includes(value));
      if (realOnly) {
        if (name === 'blueprint_identifier' || name === 'identifier')
          return fc.constantFrom(
            catalog.visibleBlueprint,
            catalog.hiddenBlueprint,
            catalog.hiddenBlueprint,
            '_user',
          );
        if (name === 'entity_identifier')
          return fc.constantFrom(...catalog.visibleEntities, ...catalog.hiddenEntities, `${HIDDEN_TAG}-nope`);
        return fc.constantFrom(...real);
      }
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...real) },
        { weight: 3, arbitrary: fc.constantFrom(...pool) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
      );
    },
    /** Values for a body field, by its name, when the name says more than its schema does. */
    fieldValue(name: string): fc.Arbitrary<unknown> | undefined {
      switch (name) {
        case 'query':
          return query;
        case 'rules':
          return fc.array(query, { maxLength: 3 });
        case 'sort':
          return sort;
        case 'properties':
          return propertyValues;
        case 'relations':
          return relationValues;
        case 'identifier':
        case 'entity':
          return fc.oneof(identifierValue, query);
        case 'team':
        case 'teams':
          return fc.oneof(
            fc.constantFrom(...teams),
            fc.array(fc.constantFrom(...teams), { maxLength: 3 }),
            query,
          );
        case 'blueprint':
        case 'target':
          return fc.constantFrom(...blueprints);
        case 'email':
        case 'user':
        case 'users':
          return fc.oneof(fc.constantFrom(...emails), fc.array(fc.constantFrom(...emails), { maxLength: 2 }));
        case 'include':
        case 'exclude':
          return fc.array(fc.constantFrom(...names), { maxLength: 3 });
        default:
          return undefined;
      }
    },
    dateString: fc.constantFrom(...HOSTILE_DATES),
    emailString: fc.constantFrom(...emails),
  };
}

export type FuzzValues = ReturnType<typeof fuzzValues>;
