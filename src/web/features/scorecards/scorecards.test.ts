import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../core/blueprint';
import { columnsOf, defaultColumnIds, valueOf } from '../catalog/columns';
import { entitySearchOf, isLevelRule, sortOf } from '../catalog/table-search';
import { conditionsOf, valueText } from './conditions';
import { parseScorecardSearch, periodStart } from './scorecard-search';
import { changeSummary, dueText } from './words';

const service = {
  identifier: 'service',
  title: 'Service',
  schema: {
    properties: {
      language: { type: 'string', title: 'Language', enum: ['Go', 'Java'] },
      tier: { type: 'number', title: 'Tier' },
      readme: { type: 'string', format: 'markdown' },
    },
  },
  relations: { system: { title: 'System', target: 'system', required: false, many: false } },
  mirrorProperties: {},
  calculationProperties: {},
  aggregationProperties: {},
} as unknown as Blueprint;

const levels = [
  { title: 'Basic', color: 'paleBlue' },
  { title: 'Gold', color: 'gold' },
] as const;
const scorecard = { identifier: 'prod', title: 'Production readiness', levels: [...levels], rules: [] };

describe("a rule's conditions in words", () => {
  it('names the property or relation by its title and says the operator and value', () => {
    const views = conditionsOf(
      {
        combinator: 'and',
        conditions: [
          { property: 'language', operator: 'in', value: ['Go', 'Java'] },
          { property: 'tier', operator: '<=', value: 2 },
          { property: 'readme', operator: 'isEmpty', not: true },
          { relation: 'system', operator: 'isNotEmpty' },
          { property: '$team', operator: 'isNotEmpty' },
          { property: 'gone', operator: '=', value: 'x' },
        ],
      },
      service,
    );
    expect(views.map((v) => [v.kind, v.id, `${v.subject} ${v.test}`])).toEqual([
      ['property', 'language', 'Language is one of Go, Java'],
      ['property', 'tier', 'Tier ≤ 2'],
      ['property', 'readme', 'readme is not empty'],
      ['relation', 'system', 'System is not empty'],
      ['property', '$team', 'Team is not empty'],
      ['property', 'gone', 'gone is x'],
    ]);
    expect(views[0]!.schema?.enum).toEqual(['Go', 'Java']);
    expect(views[3]!.target).toBe('system');
  });

  it('writes values of every shape', () => {
    expect(valueText(null)).toBe('empty');
    expect(valueText({ preset: 'lastWeek' })).toBe('lastWeek');
    expect(valueText({ from: '2026-01-01', to: '2026-02-01' })).toBe('2026-01-01 – 2026-02-01');
    expect(valueText({ any: 1 })).toBe('{"any":1}');
  });
});

describe('scorecard columns of a table', () => {
  it('adds a level column per scorecard, shown by default before the last change, read from the results', () => {
    const column = columnsOf(service, undefined, [scorecard]).find((c) => c.kind === 'scorecard')!;
    expect(column).toMatchObject({ id: 'scorecards.prod', title: 'Production readiness', sortable: true });
    expect(column.levels?.map((l) => l.title)).toEqual(['Basic', 'Gold']);
    expect(defaultColumnIds(service, [scorecard]).slice(-2)).toEqual(['scorecards.prod', '$updatedAt']);
    const entity = {
      identifier: 'a',
      title: null,
      team: [],
      properties: {},
      relations: {},
      createdAt: '',
      updatedAt: '',
      createdBy: '',
      updatedBy: '',
      scorecards: { prod: { level: 'Gold' } },
    };
    expect(valueOf(entity, 'scorecards.prod')).toBe('Gold');
    expect(valueOf({ ...entity, scorecards: undefined }, 'scorecards.prod')).toBeUndefined();
  });

  it("sorts and groups a scorecard's column by level", () => {
    expect(sortOf('-scorecards.prod')).toEqual({ scorecard: 'prod', order: 'DESC' });
    expect(sortOf('tier')).toEqual({ property: 'tier', order: 'ASC' });
    expect(entitySearchOf('service', { group: 'scorecards.prod', sort: '-tier' }).sort).toEqual({
      scorecard: 'prod',
      order: 'ASC',
    });
  });

  it("tells a rule on a scorecard's level from one on a rule's result", () => {
    expect(isLevelRule({ scorecard: 'prod', operator: '=', value: 'Gold' })).toBe(true);
    expect(isLevelRule({ scorecard: 'prod', scorecardRule: 'r', operator: '=', value: 'FAILURE' })).toBe(
      false,
    );
    expect(isLevelRule({ property: 'tier', operator: '=', value: 1 })).toBe(false);
  });
});

describe("a scorecard page's view", () => {
  it('keeps a team (even "no team") and a known period, nothing else', () => {
    expect(parseScorecardSearch({ team: 'platform', period: '30d' })).toEqual({
      team: 'platform',
      period: '30d',
    });
    expect(parseScorecardSearch({ team: '', period: 'all' })).toEqual({ team: '', period: undefined });
    expect(parseScorecardSearch({ team: 3, period: 'forever' })).toEqual({
      team: undefined,
      period: undefined,
    });
  });

  it('starts a period at midnight UTC, so that its query stays the same all day', () => {
    const now = Date.parse('2026-12-04T15:30:00Z');
    expect(periodStart('7d', now)).toBe('2026-11-27T00:00:00.000Z');
    expect(periodStart(undefined, now)).toBeUndefined();
  });
});

describe('changes and initiatives in words', () => {
  it('says how a level changed', () => {
    expect(changeSummary({ previousLevel: null, level: 'Basic' })).toBe('Entered at Basic');
    expect(changeSummary({ previousLevel: 'Silver', level: 'Gold' })).toBe('Silver → Gold');
    expect(changeSummary({ previousLevel: 'Gold', level: 'Gold' })).toBe('Stayed Gold');
    expect(changeSummary({ previousLevel: 'Gold', level: null })).toContain('Left the scorecard');
  });

  it('says when an initiative is due', () => {
    const progress = { reached: 1, total: 2 };
    expect(dueText({ ...progress, daysLeft: 12 })).toBe('12 days left');
    expect(dueText({ ...progress, daysLeft: 1 })).toBe('1 day left');
    expect(dueText({ ...progress, daysLeft: 0 })).toBe('due today');
    expect(dueText({ ...progress, daysLeft: -1 })).toBe('overdue by 1 day');
    expect(dueText({ ...progress, daysLeft: -3 })).toBe('overdue by 3 days');
    expect(dueText({ reached: 2, total: 2, daysLeft: -3 })).toBe('reached');
  });
});
