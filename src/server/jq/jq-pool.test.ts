import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { createJqPool, type JqResult } from './jq-pool.js';

// Generous limits: these tests are about answers, not limits, on a machine shared with other work.
const jq = createJqPool({ workers: 2, timeoutMs: 30_000 });
afterAll(() => jq.close());

const outputsOf = (results: JqResult[]) => results.map((r) => ('outputs' in r ? r.outputs : r.error.message));

describe('evaluate', () => {
  it('gives every output of the program, in order, and [] for none', async () => {
    expect(await jq.evaluate('.a', { a: 1 })).toEqual([1]);
    expect(await jq.evaluate('.items[] | .name', { items: [{ name: 'x' }, { name: 'y' }] })).toEqual([
      'x',
      'y',
    ]);
    expect(await jq.evaluate('empty', null)).toEqual([]);
  });

  it('reads a string input as a JSON string, and an undefined one as null', async () => {
    expect(await jq.evaluate('. + "!"', 'hello')).toEqual(['hello!']);
    expect(await jq.evaluate('.', undefined)).toEqual([null]);
  });

  it('keeps strings with line breaks and quotes whole', async () => {
    const text = 'line 1\nline "2"\n';
    expect(await jq.evaluate('.', { text })).toEqual([{ text }]);
  });

  it("speaks Port's dialect: single quotes around words, empty env and $ENV", async () => {
    expect(await jq.evaluate("'https://' + .host", { host: 'x.io' })).toEqual(['https://x.io']);
    expect(await jq.evaluate('[env, $ENV]', null)).toEqual([[{}, {}]]);
    expect(await jq.evaluate('.secrets["my-name"]', { secrets: { 'my-name': 's' } })).toEqual(['s']);
  });

  it('answers a program that does not compile with jq_error, naming the program and where', async () => {
    const error = await jq.evaluate('.a |||', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'unprocessable',
      code: 'jq_error',
      message: `the jq program ".a |||" does not compile: syntax error, unexpected '|' at column 5`,
      details: { program: '.a |||', phase: 'compile' },
    });
    await expect(jq.evaluate('foo', {})).rejects.toThrow('foo/0 is not defined at column 1');
  });

  it("answers a failing program with jq_error and jq's message", async () => {
    await expect(jq.evaluate('.a + 1', { a: 'x' })).rejects.toMatchObject({
      code: 'jq_error',
      message: 'the jq program ".a + 1" failed: string ("x") and number (1) cannot be added',
      details: { phase: 'run' },
    });
    await expect(jq.evaluate('error({reason: 1})', null)).rejects.toThrow('failed: {"reason":1}');
  });

  it('keeps input, inputs and halt from reaching past the one evaluation', async () => {
    await expect(jq.evaluate('input', null)).rejects.toThrow('input and inputs are not available');
    await expect(jq.evaluate('halt_error', null)).rejects.toThrow('halt and halt_error are not available');
  });

  it('rejects a program that would close the brackets around it, and one that is not a string', async () => {
    await expect(jq.evaluate('1]} catch {error:.}), (try ({ok:[2', null)).rejects.toThrow(
      '"]" at column 2 has no matching opening bracket',
    );
    const hidden = '1 # \\\r\n"\n]}) catch {error: .}), (try ({ok: [1, "x\\""';
    await expect(jq.evaluate(hidden, null)).rejects.toThrow(
      '"]" at line 3, column 1 has no matching opening bracket',
    );
    await expect(jq.evaluate(42 as unknown as string, null)).rejects.toThrow('a jq program must be a string');
  });
});

describe('evaluateEach', () => {
  it('answers each input in order; a failing input fails alone', async () => {
    const results = await jq.evaluateEach('.a + 1', [{ a: 1 }, { a: 'x' }, { a: 3 }, {}]);
    expect(outputsOf(results)).toEqual([
      [2],
      'the jq program ".a + 1" failed: string ("x") and number (1) cannot be added',
      [4],
      [1],
    ]);
  });

  it('answers an input that jq cannot read, or that is no JSON, with an error of its own', async () => {
    const loneSurrogate = '\ud800'; // JSON.parse accepts it in a client's body; jq's parser does not
    const tooDeep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
    const results = await jq.evaluateEach('length', [
      'a',
      loneSurrogate,
      'bb',
      tooDeep,
      loneSurrogate,
      'ccc',
    ]);
    expect(outputsOf(results)).toEqual([
      [1],
      'the jq program "length" failed: jq could not read the input: Invalid \\uXXXX\\uXXXX surrogate pair escape',
      [2],
      'the jq program "length" failed: its input cannot be written as JSON: Maximum call stack size exceeded',
      expect.stringContaining('jq could not read the input'),
      [3],
    ]);
    await expect(jq.evaluate('.', loneSurrogate)).rejects.toThrow('jq could not read the input');
  });

  it('answers many inputs, in order, however many runs of jq they take', async () => {
    // About 3 MB of JSON: more than one chunk, so more than one run of jq.
    const inputs: unknown[] = Array.from({ length: 6_000 }, (_, i) => ({ i, padding: 'p'.repeat(500) }));
    inputs[4_321] = { i: true };
    const results = await jq.evaluateEach('.i * 2', inputs);
    expect(results).toHaveLength(6_000);
    results.forEach((result, i) => {
      if (i === 4_321) expect(result).toMatchObject({ error: { code: 'jq_error' } });
      else expect(result).toEqual({ outputs: [i * 2] });
    });
  });

  it('throws when the program does not compile, and answers [] for no inputs', async () => {
    await expect(jq.evaluateEach('.a |', [1, 2])).rejects.toMatchObject({ code: 'jq_error' });
    expect(await jq.evaluateEach('.', [])).toEqual([]);
  });

  it('does not let one input see another', async () => {
    const results = await jq.evaluateEach('[., input_line_number]', [1, 2]);
    expect(outputsOf(results).map((outputs) => (outputs as unknown[][])[0]![0])).toEqual([1, 2]);
    expect(outputsOf(await jq.evaluateEach('[inputs]', [1, 2]))).toEqual([
      expect.stringContaining('not available'),
      expect.stringContaining('not available'),
    ]);
  });
});

describe('evaluateAll', () => {
  it('answers each program in order; a program that fails or does not compile fails alone', async () => {
    const results = await jq.evaluateAll(['.a', '.b |||', '.c[]', 'error("boom")', 'empty', '.a]'], {
      a: 1,
      c: [3, 4],
    });
    expect(outputsOf(results)).toEqual([
      [1],
      expect.stringContaining('".b |||" does not compile'),
      [3, 4],
      'the jq program "error(\\"boom\\")" failed: boom',
      [],
      expect.stringContaining('no matching opening bracket'),
    ]);
  });

  it('scopes each program: definitions and comments stay inside it', async () => {
    const results = await jq.evaluateAll(['def f: 1; f # a comment \\', 'def f: 2; f', '.x # ]'], { x: 3 });
    expect(outputsOf(results)).toEqual([[1], [2], [3]]);
  });
});

describe('many callers at once', () => {
  it('gives each caller its own answers', async () => {
    const calls = Array.from({ length: 60 }, async (_, i) => {
      if (i % 3 === 0) return expect(await jq.evaluate('.n * 10', { n: i })).toEqual([i * 10]);
      if (i % 3 === 1) {
        const results = await jq.evaluateEach('.n + $__loc__.line * 0', [{ n: i }, { n: -i }]);
        return expect(results).toEqual([{ outputs: [i] }, { outputs: [-i] }]);
      }
      const results = await jq.evaluateAll(['.n', '.n | tostring', '.n |||'], { n: i });
      expect(outputsOf(results).slice(0, 2)).toEqual([[i], [String(i)]]);
    });
    await Promise.all(calls);
  });

  // Calls of one program that wait together share a run of jq: each is still answered as if alone.
  it('answers callers of one program at once each alone: its input, its error', async () => {
    const calls = Array.from({ length: 40 }, (_, i) =>
      jq.evaluate('if .n == 7 then error("seven") else [.n, input_line_number] end', { n: i }).then(
        (outputs) => outputs,
        (error: DomainError) => error.message,
      ),
    );
    const answers = await Promise.all(calls);
    answers.forEach((answer, i) =>
      expect(answer).toEqual(i === 7 ? expect.stringContaining('seven') : [[i, 0]]),
    );
  });

  it('stops only the caller whose input breaks a limit, when callers of one program wait together', async () => {
    const limited = createJqPool({ workers: 1, timeoutMs: 2_000, maxOutputBytes: 1_000 });
    try {
      const program = 'if .loop then (repeat(1) | empty) else [range(.n)] end';
      const inputs = [{ n: 3 }, { n: 100_000 }, { n: 4 }, { loop: true }, { n: 5 }, { n: 6 }];
      const answers = await Promise.all(
        inputs.map((input) =>
          limited.evaluate(program, input).then(
            (outputs) => outputs,
            (error: DomainError) => error.code,
          ),
        ),
      );
      expect(answers).toEqual([
        [[0, 1, 2]],
        'jq_output_too_large',
        [[0, 1, 2, 3]],
        'jq_timeout',
        [[0, 1, 2, 3, 4]],
        [[0, 1, 2, 3, 4, 5]],
      ]);
    } finally {
      await limited.close();
    }
  });
});

describe('evaluateEachAll', () => {
  it('runs every program over every input, per input one result per program', async () => {
    const inputs = Array.from({ length: 3_000 }, (_, i) => ({ n: i, pad: 'x'.repeat(400) }));
    const results = await jq.evaluateEachAll(
      ['.n * 2', "'n=' + (.n | tostring)", '.n | error("no")'],
      inputs,
    );
    expect(results).toHaveLength(3_000);
    expect(results[2_999]![0]).toEqual({ outputs: [5_998] });
    expect(results[7]![1]).toEqual({ outputs: ['n=7'] });
    expect(results[7]![2]).toMatchObject({ error: { code: 'jq_error' } });
  });

  it('names the program that does not compile', async () => {
    await expect(jq.evaluateEachAll(['.a', '.b | (', '.c'], [{}])).rejects.toMatchObject({
      code: 'jq_error',
      message: expect.stringContaining('".b | ("'),
    });
  });
});
