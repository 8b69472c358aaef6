import { expect, it } from 'vitest';
import type { CatalogChange } from '../catalog/catalog-changes.js';
import { MAX_CHANGE_PAYLOAD_BYTES } from '../storage/change-channel.js';
import { decodeChanges, encodeChanges } from './change-bus.js';

const entity = (identifier: string, teamsBefore?: string[]): CatalogChange => ({
  kind: 'entity',
  blueprint: 'service',
  identifier,
  action: teamsBefore ? 'updated' : 'created',
  ...(teamsBefore ? { teamsBefore } : {}),
});

it('splits changes into payloads NOTIFY takes, in order, and reads them back', () => {
  const changes = Array.from({ length: 60 }, (_, i) => entity(`${i}-${'é'.repeat(500)}`, ['a', 'b']));
  const payloads = encodeChanges(changes);
  expect(payloads.length).toBeGreaterThan(7);
  for (const payload of payloads)
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_CHANGE_PAYLOAD_BYTES);
  expect(payloads.flatMap((payload) => decodeChanges(payload) ?? [])).toEqual(changes);
});

it('tells an entity too large for one payload as a change of its blueprint, naming no entity', () => {
  const teams = Array.from({ length: 100 }, (_, i) => `team-${i}-${'x'.repeat(80)}`);
  const payloads = encodeChanges([entity('huge', teams), entity('small')]);
  expect(payloads.flatMap((payload) => decodeChanges(payload) ?? [])).toEqual([
    { kind: 'entities', blueprint: 'service', action: 'changed' },
    entity('small'),
  ]);
});

it('ignores payloads it does not understand', () => {
  expect(decodeChanges('not json')).toBeUndefined();
  expect(decodeChanges('{"v":2,"changes":[]}')).toBeUndefined();
  expect(
    decodeChanges(
      JSON.stringify({
        v: 1,
        changes: [
          { kind: 'entity', blueprint: 'b', action: 'created' },
          { kind: 'entity', blueprint: 'b', identifier: 'e', action: 'dropped' },
          { kind: 'toString', blueprint: 'b', action: 'created' },
          { kind: 'blueprint', blueprint: 'b', action: 'deleted' },
        ],
      }),
    ),
  ).toEqual([{ kind: 'blueprint', blueprint: 'b', action: 'deleted' }]);
});
