import { describe, expect, it } from 'vitest';
import { levelsFrom, parseIntegrationSearch } from './integration-search';
import { everyText, isOver, resyncOf, stateColor } from './integration-status';
import { metricLines } from './sync-metrics';

describe("an integration's page", () => {
  it('keeps a known level and a sync from the URL, and nothing else', () => {
    expect(parseIntegrationSearch({ sync: 'e1', level: 'ERROR' })).toEqual({ sync: 'e1', level: 'ERROR' });
    expect(parseIntegrationSearch({ sync: '', level: 'LOUD' })).toEqual({
      sync: undefined,
      level: undefined,
    });
    expect(parseIntegrationSearch({ sync: 'x'.repeat(201), level: 3 })).toEqual({
      sync: undefined,
      level: undefined,
    });
  });

  it('asks for a level and those above it, or every line', () => {
    expect(levelsFrom(undefined)).toEqual([]);
    expect(levelsFrom('ERROR')).toEqual(['ERROR', 'CRITICAL', 'FATAL']);
    expect(levelsFrom('WARNING')).toContain('ERROR');
    expect(levelsFrom('WARNING')).not.toContain('INFO');
    // The server takes at most 10 levels.
    expect(levelsFrom('DEBUG').length).toBeLessThanOrEqual(10);
  });
});

describe("a sync's state", () => {
  it('is coloured and read as over only when it is text', () => {
    expect(stateColor('COMPLETED')).toBe('teal');
    expect(stateColor(5 as unknown as string)).toBe('gray');
    expect(isOver({ done: true } as unknown as string)).toBe(false);
  });
});

describe("an integration's resync", () => {
  it('is none until Ocean records one', () => {
    expect(resyncOf({})).toBeUndefined();
    expect(resyncOf({ resyncState: { updatedAt: '2026-12-04T10:00:00Z' } })).toBeUndefined();
  });

  it('ended when it is over, began while it runs', () => {
    const state = {
      lastResyncStart: '2026-12-04T10:00:00Z',
      lastResyncEnd: '2026-12-04T10:05:00Z',
      nextResync: null,
      intervalInMinuets: 120,
    };
    expect(resyncOf({ resyncState: { ...state, status: 'completed' } })).toEqual({
      status: 'completed',
      at: '2026-12-04T10:05:00Z',
      ended: true,
      next: undefined,
      intervalMinutes: 120,
    });
    // Ocean keeps the last end while the next one runs.
    expect(resyncOf({ resyncState: { ...state, status: 'running' } })).toMatchObject({
      at: '2026-12-04T10:00:00Z',
      ended: false,
    });
    expect(everyText(120)).toBe('every 2 hours');
    expect(everyText(1440)).toBe('every 1 day');
    expect(everyText(90)).toBe('every 90 minutes');
  });

  it("says a sync's state in words and colour", () => {
    expect(isOver('completed')).toBe(true);
    expect(isOver('FAILED')).toBe(true);
    expect(isOver('syncing')).toBe(false);
    expect(isOver(null)).toBe(false);
    expect(stateColor('completed')).toBe('teal');
    expect(stateColor('failed')).toBe('red');
    expect(stateColor('something else')).toBe('gray');
  });
});

describe("a sync's metrics", () => {
  it("reads Ocean's nesting as phases and counts", () => {
    const metrics = {
      phase: {
        extract: { object_count_type: { raw_extracted: { object_count: 12 } }, duration: 1.23456 },
        load: { object_count_type: { loaded: { object_count: 11 }, failed: { object_count: 1 } } },
      },
    };
    expect(metricLines(metrics)).toEqual([
      { label: 'extract · raw extracted', value: '12' },
      { label: 'extract · duration', value: '1.23' },
      { label: 'load · loaded', value: '11' },
      { label: 'load · failed', value: '1' },
    ]);
  });

  it('reads any other shape key by key, a bounded number of lines', () => {
    expect(metricLines({ a: 'x', b: [1, 2], c: null })).toEqual([
      { label: 'a', value: 'x' },
      { label: 'b', value: '[1,2]' },
      { label: 'c', value: 'null' },
    ]);
    expect(metricLines(undefined)).toEqual([]);
    expect(metricLines(3)).toEqual([{ label: 'value', value: '3' }]);
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i]));
    expect(metricLines(many)).toHaveLength(50);
  });
});
