import { describe, expect, it } from 'vitest';
import { diffChanges, listChange, plainValue } from './diff-changes';

describe('diffChanges', () => {
  it('lists only the fields that changed, by their nested path', () => {
    const before = { identifier: 'api', team: ['a'], properties: { tier: 'gold', port: 80, tags: ['x'] } };
    const after = {
      identifier: 'api',
      team: ['a', 'b'],
      properties: { tier: 'silver', port: 80, owner: 'ann' },
    };
    expect(diffChanges(before, after)).toEqual([
      { path: 'team', kind: 'changed', before: ['a'], after: ['a', 'b'] },
      { path: 'properties.tier', kind: 'changed', before: 'gold', after: 'silver' },
      { path: 'properties.owner', kind: 'added', after: 'ann' },
      { path: 'properties.tags', kind: 'removed', before: ['x'] },
    ]);
  });

  it('lists every field of a created or deleted record, leaving out empty ones', () => {
    const entity = { identifier: 'api', title: null, team: [], properties: { tier: 'gold' }, relations: {} };
    expect(diffChanges(null, entity)).toEqual([
      { path: 'identifier', kind: 'added', after: 'api' },
      { path: 'properties.tier', kind: 'added', after: 'gold' },
    ]);
    expect(diffChanges(entity, null).map((c) => [c.path, c.kind])).toEqual([
      ['identifier', 'removed'],
      ['properties.tier', 'removed'],
    ]);
  });

  it('finds nothing between equal records, whatever the order of their keys', () => {
    expect(diffChanges({ a: 1, b: { c: [1, { d: 2 }] } }, { b: { c: [1, { d: 2 }] }, a: 1 })).toEqual([]);
  });

  it('sees a value that became an object, or a list of objects that changed', () => {
    expect(diffChanges({ a: 'x' }, { a: { b: 1 } })).toEqual([
      { path: 'a', kind: 'changed', before: 'x', after: { b: 1 } },
    ]);
    expect(diffChanges({ a: [{ b: 1 }] }, { a: [{ b: 2 }] })).toHaveLength(1);
  });
});

describe('listChange and plainValue', () => {
  it('says what a list of plain values gained and lost', () => {
    expect(listChange(['a', 'b'], ['b', 'c'])).toEqual({ added: ['c'], removed: ['a'] });
    expect(listChange(undefined, ['a'])).toEqual({ added: ['a'], removed: [] });
    expect(listChange([{ a: 1 }], [])).toBeUndefined();
  });

  it('shows values as a person reads them', () => {
    expect(plainValue('gold')).toBe('gold');
    expect(plainValue(['a', 'b'])).toBe('a, b');
    expect(plainValue(false)).toBe('false');
    expect(plainValue({ a: 1 })).toBe('{"a":1}');
  });
});
