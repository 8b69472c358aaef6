import { describe, expect, it } from 'vitest';
import { conditionErrorOf, firingEventOf } from './firing-event';

describe('a firing’s event, from its first log line', () => {
  it('reads an entity’s event, quotes in its identifier included', () => {
    expect(firingEventOf('Triggered by event_12 (UPDATE of entity "a" of blueprint "service")')).toEqual({
      kind: 'entity',
      id: 'event_12',
      action: 'UPDATE',
      entity: 'a',
      blueprint: 'service',
    });
    expect(
      firingEventOf('Triggered by event_3_0 (TIMER_EXPIRED of entity "say "hi"" of blueprint "env")'),
    ).toMatchObject({ id: 'event_3_0', action: 'TIMER_EXPIRED', entity: 'say "hi"', blueprint: 'env' });
  });

  it('reads a run’s event', () => {
    expect(firingEventOf('Triggered by event_7 (CREATE of run r_abc123)')).toEqual({
      kind: 'run',
      id: 'event_7',
      action: 'CREATE',
      runId: 'r_abc123',
    });
  });

  it('knows no other line', () => {
    expect(firingEventOf(undefined)).toBeUndefined();
    expect(firingEventOf('Sent POST https://example.com')).toBeUndefined();
  });

  it('finds jq’s message when the condition could not be evaluated', () => {
    const lines = [
      'Triggered by event_1 (CREATE of entity "a" of blueprint "b")',
      'The condition could not be evaluated: string ("ok") has no length: not a boolean',
    ];
    expect(conditionErrorOf(lines)).toBe('string ("ok") has no length: not a boolean');
    expect(conditionErrorOf(lines.slice(0, 1))).toBeUndefined();
  });
});
