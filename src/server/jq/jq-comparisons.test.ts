import { afterAll, describe, expect, it } from 'vitest';
import { createJqPool } from './jq-pool.js';
import { compare, simpleComparison } from './jq-comparisons.js';

const jq = createJqPool();
afterAll(() => jq.close());

const inputs: unknown[] = [
  null,
  {},
  { a: null },
  { a: 1 },
  { a: 1.0 },
  { a: -2.5 },
  { a: '1' },
  { a: 'down' },
  { a: 'Down' },
  { a: 'é' },
  { a: true },
  { a: false },
  { a: [1] },
  { a: { b: 'x' } },
  { a: { b: null } },
  { a: 'str', b: 1 },
  'text',
  [1, 2],
  5,
];
const programs = [
  '.a == 1',
  '.a != 1',
  '.a == "down"',
  '.a != "down"',
  '.a >= 1',
  '.a < 1',
  '.a > "a"',
  '.a <= "é"',
  '.a == null',
  '.a != null',
  '.a == true',
  '.a > false',
  '.a.b == "x"',
  '.a.b < 0',
  '.a >= -2.5e0',
  '.missing == null',
];

describe('comparisons answered without jq', () => {
  it('recognises a key path compared with a literal, and nothing else', () => {
    expect(simpleComparison('.diff.after.properties.status == "down"')).toEqual({
      keys: ['diff', 'after', 'properties', 'status'],
      operator: '==',
      literal: 'down',
    });
    for (const other of [
      '.a == .b',
      '.a | length == 1',
      '.a == "x\\(.b)"',
      '.if == 1',
      '.a == 1 and .b == 2',
      '.a[0] == 1',
      '(.a) == 1',
    ])
      expect(simpleComparison(other), other).toBeUndefined();
  });

  it('answers as jq does wherever it answers', async () => {
    let answered = 0;
    for (const program of programs) {
      const comparison = simpleComparison(program)!;
      expect(comparison, program).toBeDefined();
      const results = await jq.evaluateEach(program, inputs);
      inputs.forEach((input, i) => {
        const ours = compare(input, comparison);
        if (ours === undefined) return;
        answered++;
        expect(results[i], `${program} over ${JSON.stringify(input)}`).toEqual({ outputs: [ours] });
      });
    }
    expect(answered).toBeGreaterThan(programs.length * inputs.length * 0.6);
  });
});
