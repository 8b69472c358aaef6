import { describe, expect, it } from 'vitest';
import { parseRunFilter, RUN_FILTERS } from './run-statuses';

describe('run filters', () => {
  it('reads a status filter from the URL, and all runs for anything else', () => {
    expect(parseRunFilter('SUCCESS')).toBe('SUCCESS');
    expect(parseRunFilter('active')).toBe('active');
    expect(parseRunFilter('all')).toBeUndefined();
    expect(parseRunFilter('constructor')).toBeUndefined();
    expect(parseRunFilter(['SUCCESS'])).toBeUndefined();
  });

  it('asks the server for runs under way, and matches the status itself', () => {
    expect(RUN_FILTERS.WAITING_FOR_APPROVAL.active).toBe(true);
    expect(RUN_FILTERS.DECLINED.active).toBe(false);
    expect(RUN_FILTERS.DECLINED.matches('DECLINED')).toBe(true);
    expect(RUN_FILTERS.DECLINED.matches('FAILURE')).toBe(false);
    expect(RUN_FILTERS.all.active).toBeUndefined();
  });
});
