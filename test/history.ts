import { expect } from 'vitest';
import type { TestApp } from './app.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** An instant strictly between what was written before and what is written after. */
export async function moment(): Promise<string> {
  await tick();
  const at = new Date().toISOString();
  await tick();
  return at;
}

/** Lets Members read only the entities their teams own, in each of `blueprints` (an Admin reads all). */
export async function readOwnedByTeam(api: TestApp, blueprints: readonly string[]) {
  const read = { roles: ['Admin'], ownedByTeam: true };
  for (const blueprint of blueprints)
    expect((await api.patch(`/v1/blueprints/${blueprint}/permissions`, { entities: { read } })).status).toBe(
      200,
    );
}
