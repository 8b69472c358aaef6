import { describe, expect, it } from 'vitest';
import type { ActionOperation } from '../../../core/action';
import type { SelfServiceAction } from '../../api/action.queries';
import { actionMatches, groupActions } from './action-groups';

const action = (
  identifier: string,
  operation: ActionOperation,
  blueprint?: string,
  extra: Partial<SelfServiceAction> = {},
) =>
  ({
    identifier,
    title: identifier,
    trigger: {
      type: 'self-service',
      operation,
      ...(blueprint ? { blueprintIdentifier: blueprint } : {}),
      userInputs: { properties: {}, required: [] },
    },
    ...extra,
  }) as SelfServiceAction;

const titles: Record<string, string> = { service: 'Service', cluster: 'Cluster' };

describe('groupActions', () => {
  it('groups by blueprint title, CREATE first, and puts actions of no blueprint last', () => {
    const groups = groupActions(
      [
        action('restart', 'DAY-2', 'service'),
        action('scaffold', 'CREATE', 'service'),
        action('retire', 'DELETE', 'service'),
        action('ping', 'CREATE'),
        action('provision', 'CREATE', 'cluster'),
      ],
      '',
      (id) => titles[id] ?? id,
    );
    expect(groups.map((g) => [g.title, g.actions.map((a) => a.identifier)])).toEqual([
      ['Cluster', ['provision']],
      ['Service', ['scaffold', 'restart', 'retire']],
      ['Not tied to a blueprint', ['ping']],
    ]);
  });

  it('keeps the actions whose title, identifier or description holds the text', () => {
    const described = action('x1', 'CREATE', 'service', { title: 'Deploy', description: 'Ships to Prod' });
    expect(actionMatches(described, 'prod')).toBe(true);
    expect(actionMatches(described, 'DEPL')).toBe(true);
    expect(actionMatches(described, 'x1')).toBe(true);
    expect(actionMatches(described, 'nope')).toBe(false);
    expect(groupActions([described], 'nope', String)).toEqual([]);
  });
});
