import { describe, expect, it } from 'vitest';
import type { RunLog } from '../../core/action';
import { RunLogBuffer } from './run-stream';

const line = (id: string): RunLog => ({
  id,
  runId: 'r_1',
  message: id,
  createdBy: 'x',
  createdAt: '2026-01-01T00:00:00Z',
});

describe('RunLogBuffer', () => {
  it('keeps each line once, in id order, whether it came from the stream or a catch-up read', () => {
    const buffer = new RunLogBuffer();
    buffer.add([line('log_2'), line('log_1')]);
    let shown = buffer.drain([]);
    expect(shown.map((l) => l.id)).toEqual(['log_1', 'log_2']);
    buffer.add([line('log_2'), line('log_4'), line('log_3'), line('log_1')]);
    shown = buffer.drain(shown);
    expect(shown.map((l) => l.id)).toEqual(['log_1', 'log_2', 'log_3', 'log_4']);
    expect(buffer.lastId).toBe('log_4');
  });

  it('hands back the same list when nothing came, so the page does not redraw', () => {
    const buffer = new RunLogBuffer();
    const shown = [line('log_1')];
    expect(buffer.drain(shown)).toBe(shown);
    expect(buffer.lastId).toBeUndefined();
  });
});
