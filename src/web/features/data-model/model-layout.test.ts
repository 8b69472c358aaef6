import { describe, expect, it } from 'vitest';
import { layeredLayout } from './model-layout';

const rowOf = (placed: ReturnType<typeof layeredLayout>) =>
  Object.fromEntries(placed.map((p) => [p.identifier, p.y]));

describe('layeredLayout', () => {
  it('puts a blueprint below every blueprint that points to it', () => {
    const placed = layeredLayout([
      { identifier: 'domain', targets: [] },
      { identifier: 'system', targets: ['domain'] },
      { identifier: 'service', targets: ['system', 'domain'] },
      { identifier: 'deployment', targets: ['service'] },
    ]);
    const y = rowOf(placed);
    expect(y.deployment).toBeLessThan(y.service!);
    expect(y.service).toBeLessThan(y.system!);
    expect(y.system).toBeLessThan(y.domain!);
  });

  it('places every blueprint once, without overlaps, through cycles and self-relations', () => {
    const placed = layeredLayout([
      { identifier: 'a', targets: ['b', 'a'] },
      { identifier: 'b', targets: ['c'] },
      { identifier: 'c', targets: ['a', 'gone'] },
      ...Array.from({ length: 12 }, (_, i) => ({ identifier: `lone${i}`, targets: [] })),
    ]);
    expect(placed.map((p) => p.identifier).sort()).toHaveLength(15);
    const spots = new Set(placed.map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(15);
    const y = rowOf(placed);
    expect(y.a).toBeLessThan(y.b!);
    expect(y.b).toBeLessThan(y.c!);
  });
});
