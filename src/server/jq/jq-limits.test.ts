import { afterAll, describe, expect, it } from 'vitest';
import { createJqPool } from './jq-pool.js';

// One worker, as on the 2-core server: a runaway call holds it until its limit stops it. Calls without a
// limit of their own get a generous one, so that a busy machine does not stop them.
const jq = createJqPool({ workers: 1, timeoutMs: 30_000, maxMemoryMb: 32 });
afterAll(() => jq.close());

// Programs that run forever without filling memory (repeat(.) alone also collects its outputs: see below).
const RUNAWAYS = ['def f: f; f', 'last(range(1e12))', 'repeat(.) | empty'];

describe('time limit', () => {
  it.each(RUNAWAYS)('stops %s with jq_timeout, naming the program', async (program) => {
    await expect(jq.evaluate(program, 1, { timeoutMs: 200 })).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'jq_timeout',
      message: `the jq program ${JSON.stringify(program)} did not finish within 200 ms`,
      details: { program, timeoutMs: 200 },
    });
    expect(await jq.evaluate('.a', { a: 'still working' })).toEqual(['still working']);
  });

  it('stops repeat(.), whose outputs pile up, by whichever limit it reaches first', async () => {
    const error = await jq.evaluate('repeat(.)', 1, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(['jq_timeout', 'jq_memory_limit']).toContain((error as { code?: string }).code);
    expect(await jq.evaluate('.', 'still working')).toEqual(['still working']);
  });

  it('lets the calls queued behind a runaway complete', async () => {
    const runaway = jq.evaluate('def f: f; f', null, { timeoutMs: 200 });
    const queued = Array.from({ length: 10 }, (_, i) => jq.evaluate('. * 2', i));
    await expect(runaway).rejects.toMatchObject({ code: 'jq_timeout' });
    expect(await Promise.all(queued)).toEqual(Array.from({ length: 10 }, (_, i) => [i * 2]));
  });

  it('names the programs that ran together when one of them runs away', async () => {
    await expect(jq.evaluateAll(['.a | 1', 'def f: f; f'], {}, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'jq_timeout',
      message: 'one of the jq programs ".a | 1", "def f: f; f" did not finish within 200 ms',
    });
    // A plain walk of keys is answered without jq, so it is not among them.
    await expect(jq.evaluateAll(['.a', 'def f: f; f'], {}, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'jq_timeout',
      message: 'the jq program "def f: f; f" did not finish within 200 ms',
    });
  });

  it('keeps the event loop free while jq runs', async () => {
    const order: string[] = [];
    const runaway = jq.evaluate('def f: f; f', null, { timeoutMs: 1_000 }).catch(() => order.push('jq'));
    await new Promise((resolve) => setTimeout(resolve, 1));
    order.push('timer');
    await runaway;
    expect(order).toEqual(['timer', 'jq']);
  });
});

describe('memory and output limits', () => {
  it('stops a program that needs more memory than jq may use with jq_memory_limit', async () => {
    await expect(jq.evaluate('[range(1e9)] | length', null)).rejects.toMatchObject({
      code: 'jq_memory_limit',
      message: 'the jq program "[range(1e9)] | length" needed more memory than jq may use',
    });
    await expect(jq.evaluate('def f: 1 + f; f', null)).rejects.toMatchObject({ code: 'jq_memory_limit' });
    expect(await jq.evaluate('[range(10)] | length', null)).toEqual([10]);
  });

  it('stops a program whose output passes the limit with jq_output_too_large', async () => {
    await expect(jq.evaluate('"x" * 20000', null, { maxOutputBytes: 10_000 })).rejects.toMatchObject({
      code: 'jq_output_too_large',
      message: 'the jq program "\\"x\\" * 20000" wrote more than 10000 bytes of output',
      details: { maxOutputBytes: 10_000 },
    });
    const results = await jq.evaluateEach('tojson', ['a', 'b'], { maxOutputBytes: 10_000 });
    expect(results).toEqual([{ outputs: ['"a"'] }, { outputs: ['"b"'] }]);
  });
});

describe('close', () => {
  it('rejects the calls still waiting, and later calls', async () => {
    const pool = createJqPool({ timeoutMs: 30_000 });
    const running = pool.evaluate('.', 1).catch((error: unknown) => error);
    const waiting = pool.evaluate('.', 2).catch((error: unknown) => error);
    await pool.close();
    expect(await running).toMatchObject({ message: 'the jq pool is closed' });
    expect(await waiting).toMatchObject({ message: 'the jq pool is closed' });
    await expect(pool.evaluate('.', 3)).rejects.toThrow('the jq pool is closed');
  });
});
