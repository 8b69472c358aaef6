import { describe, expect, it } from 'vitest';
import { ruleOnTheUser, type UserContext } from './search.user-context.js';

const context: UserContext = {
  user: {
    $identifier: 'ada@example.com',
    $title: 'Ada Lovelace',
    $team: ['Platform', 'Payments'],
    company_role: 'Staff Engineer',
    level: 7,
    levelText: '7',
    startedAt: '2021-03-01T09:00:00Z',
    nickname: '',
  },
  teams: [{ $identifier: 'Platform' }, { $identifier: 'Payments' }],
  teamNames: ['Platform', 'Payments'],
};

const onUser = (property: string, operator: string, value?: unknown) =>
  ruleOnTheUser({ property: { context: 'user', property }, operator, value }, context, 'rules[0]');

describe("rules on the searcher's own properties", () => {
  it.each([
    ['company_role', 'contains', 'engineer', true],
    ['company_role', 'contains', 'manager', false],
    ['company_role', 'doesNotContains', 'manager', true],
    ['company_role', 'doesNotContains', 'ENGINEER', false],
    ['company_role', 'beginsWith', 'staff', true],
    ['company_role', 'doesNotBeginsWith', 'Staff', false],
    ['company_role', 'endsWith', 'Engineer', true],
    ['company_role', 'doesNotEndsWith', 'Manager', true],
    ['$team', 'contains', 'pay', true],
    ['$team', 'beginsWith', 'Sec', false],
    ['nickname', 'contains', 'a', false],
    ['nickname', 'doesNotContains', 'a', true],
    ['missing', 'doesNotBeginsWith', 'a', true],
  ])('%s %s %j is %s', (property, operator, value, expected) => {
    expect(onUser(property, operator, value)).toBe(expected);
  });

  it.each([
    ['level', '>', 5, true],
    ['level', '>', 7, false],
    ['level', '>=', 7, true],
    ['level', '<', 10, true],
    ['level', '<=', 6, false],
    ['levelText', '>', 6, true],
    ['startedAt', '<', '2022-01-01', true],
    ['startedAt', '>=', '2021-03-01T09:00:00Z', true],
    ['startedAt', '>', '2021-03-02', false],
    ['missing', '>', 1, false],
    ['company_role', '>', 1, false],
    ['$team', '>', 1, false],
  ])('%s %s %j is %s', (property, operator, value, expected) => {
    expect(onUser(property, operator, value)).toBe(expected);
  });

  it('still answers =, in and the emptiness tests as before', () => {
    expect(onUser('company_role', '=', 'Staff Engineer')).toBe(true);
    expect(onUser('$team', 'containsAny', ['Payments', 'Security'])).toBe(true);
    expect(onUser('$team', 'notIn', ['Security'])).toBe(true);
    expect(onUser('nickname', 'isEmpty')).toBe(true);
    expect(onUser('level', 'isNotEmpty')).toBe(true);
  });

  it('refuses a value an operator cannot use, naming the rule', () => {
    expect(() => onUser('company_role', 'contains', 3)).toThrow(/rules\[0\].*takes a string value/);
    expect(() => onUser('level', '>', 'soon')).toThrow(/rules\[0\].*takes a number or a date/);
    expect(() => onUser('level', 'between', { from: '2020-01-01' })).toThrow(/rules\[0\].*takes/);
  });
});
