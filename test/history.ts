import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { createPerson } from './people.js';

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

/** Creates each blueprint of `bodies` through the API (its title its identifier). */
export async function createBlueprints(
  api: TestApp,
  bodies: ReadonlyArray<{ identifier: string } & Record<string, unknown>>,
) {
  for (const body of bodies) {
    const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
}

/**
 * The catalog of the Member tests: `bodies` created, a Member in a new `team` who reads only what its
 * teams own in them, and `as`, a request made by that Member (GET without a body, POST with one).
 */
export async function catalogReadByTeam(
  api: TestApp,
  team: string,
  bodies: ReadonlyArray<{ identifier: string } & Record<string, unknown>>,
) {
  await createBlueprints(api, bodies);
  expect((await api.post('/v1/teams', { name: team })).status).toBeLessThan(300);
  const member = await createPerson(api, { teams: [team] });
  await readOwnedByTeam(
    api,
    bodies.map((b) => b.identifier),
  );
  const as = (path: string, body?: unknown) =>
    api.request(body === undefined ? 'GET' : 'POST', path, body, member.headers);
  return { member, as };
}
