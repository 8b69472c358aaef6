import { afterEach, expect, it, vi } from 'vitest';
import { createRunHandoff } from './run-handoff.js';
import type { RunRow } from './run.repo.js';

const run = (id: string) => ({ id, status: 'IN_PROGRESS' }) as RunRow;

afterEach(() => vi.useRealTimers());

it('hands a run over once', () => {
  const handoff = createRunHandoff();
  handoff.put(run('r1'));
  expect(handoff.take('r1')?.id).toBe('r1');
  expect(handoff.take('r1')).toBeUndefined();
  expect(handoff.take('never')).toBeUndefined();
});

it('keeps at most maxRuns, the newest', () => {
  const handoff = createRunHandoff({ maxRuns: 2 });
  for (const id of ['r1', 'r2', 'r3']) handoff.put(run(id));
  expect(['r1', 'r2', 'r3'].map((id) => handoff.take(id)?.id)).toEqual([undefined, 'r2', 'r3']);
});

it('lets runs nobody took age out', () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const handoff = createRunHandoff({ maxAgeMs: 1_000 });
  handoff.put(run('old'));
  vi.advanceTimersByTime(600);
  handoff.put(run('young'));
  vi.advanceTimersByTime(600);
  expect(handoff.take('old')).toBeUndefined();
  expect(handoff.take('young')?.id).toBe('young');
});
