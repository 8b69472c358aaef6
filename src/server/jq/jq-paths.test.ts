import { afterAll, describe, expect, it } from 'vitest';
import { createJqPool, type JqResult } from './jq-pool.js';
import { plainPath } from './jq-paths.js';

const jq = createJqPool({ workers: 1, timeoutMs: 30_000 });
afterAll(() => jq.close());

const shown = (result: JqResult) => ('outputs' in result ? result.outputs : `error: ${result.error.message}`);

describe('plain key paths', () => {
  it('are recognised only when the program does nothing but follow keys', () => {
    expect(plainPath('.run.id')).toEqual(['run', 'id']);
    expect(plainPath(' .inputs.service_2 ')).toEqual(['inputs', 'service_2']);
    for (const program of [
      '.',
      '.a[0]',
      '.a | .b',
      '.a?',
      '."a"',
      '.a.if',
      '(.a)',
      '.a # c',
      '.a .b',
      '$x',
      '..',
    ])
      expect(plainPath(program), program).toBeUndefined();
  });

  it("answer exactly what jq answers, over inputs where a walk is and is not jq's", async () => {
    const inputs: unknown[] = [
      {
        run: { id: 'r_1' },
        inputs: { service: 'api', n: 2, big: 1e300, z: -0, ok: false, nested: { a: [1, { b: null }] } },
      },
      { run: null, inputs: { service: ['x'], n: 'two' } },
      { run: 'text', inputs: { service: { b: undefined, c: () => 1, d: new Date(0) } } },
      { run: [{ id: 1 }], inputs: { service: '\uD800 lone', n: { toJSON: () => 'j' } } },
      { run: new Date(0), inputs: Object.create(null) as object },
      null,
      'a string',
      [1, 2],
      { run: { id: Number.NaN }, inputs: { service: { s: 'pair \uD83D\uDE00 and lone \uDC00' } } },
    ];
    const programs = [
      '.run.id',
      '.run',
      '.inputs.service',
      '.inputs.n',
      '.inputs.missing.deeper',
      '.inputs.big',
      '.inputs.z',
      '.inputs.ok',
      '.inputs.nested',
      '.constructor',
      '.__proto__',
      '.toString',
    ];
    for (const input of inputs) {
      // In parentheses the same program is not a plain path: jq itself answers it.
      const walked = await jq.evaluateAll(programs, input);
      const byJq = await jq.evaluateAll(
        programs.map((program) => `(${program})`),
        input,
      );
      programs.forEach((program, i) => {
        const a = shown(walked[i]!);
        const b = shown(byJq[i]!);
        // jq names the program in its errors; the same error for `.x` and `(.x)` differs only there.
        if (typeof b === 'string')
          expect(typeof a, `${program} over ${JSON.stringify(input)}`).toBe('string');
        else expect(a, `${program} over ${JSON.stringify(input)}`).toStrictEqual(b);
      });
    }
  });

  it('answer copies: changing an answer does not change the input', async () => {
    const input = { inputs: { tags: { a: 1 } } };
    const [result] = await jq.evaluateAll(['.inputs.tags'], input);
    (result as { outputs: Array<Record<string, number>> }).outputs[0]!.a = 2;
    expect(input.inputs.tags.a).toBe(1);
  });
});
