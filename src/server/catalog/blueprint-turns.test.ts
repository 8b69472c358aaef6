import { describe, expect, it } from 'vitest';
import { blueprintTurns } from './blueprint-turns.js';

const held = () => {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('blueprint turns', () => {
  it('runs shared turns together, a change alone, each in the order asked for', async () => {
    const turns = blueprintTurns({});
    const log: string[] = [];
    const step = (name: string, gate: { done: Promise<void> }) => async () => {
      log.push(`${name} starts`);
      await gate.done;
      log.push(`${name} ends`);
    };
    const [w1, w2, change, w3] = [held(), held(), held(), held()];
    const runs = [
      turns.shared('service', step('w1', w1)),
      turns.shared('service', step('w2', w2)),
      turns.alone('service', step('change', change)),
      // Asked for after the change: waits for it although only writes run now.
      turns.shared('service', step('w3', w3)),
      // Another blueprint waits for nobody.
      turns.alone('system', step('other', { done: Promise.resolve() })),
    ];
    await settle();
    expect(log).toEqual(['w1 starts', 'w2 starts', 'other starts', 'other ends']);
    w2.release();
    await settle();
    expect(log.slice(4)).toEqual(['w2 ends']);
    w1.release();
    await settle();
    expect(log.slice(5)).toEqual(['w1 ends', 'change starts']);
    change.release();
    await settle();
    expect(log.slice(7)).toEqual(['change ends', 'w3 starts']);
    w3.release();
    await Promise.all(runs);
    expect(log.at(-1)).toBe('w3 ends');
  });

  it('goes on after a turn that failed', async () => {
    const turns = blueprintTurns({});
    const failing = turns.alone('service', () => Promise.reject(new Error('refused')));
    await expect(failing).rejects.toThrow('refused');
    await expect(turns.shared('service', async () => 'written')).resolves.toBe('written');
    await expect(turns.alone('service', async () => 'changed')).resolves.toBe('changed');
  });

  it('keeps the turns of one database apart from another’s', async () => {
    const [mine, other] = [blueprintTurns({}), blueprintTurns({})];
    const change = held();
    const running = mine.alone('service', () => change.done);
    await expect(other.alone('service', async () => 'not waiting')).resolves.toBe('not waiting');
    change.release();
    await running;
  });
});
