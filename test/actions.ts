import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { uniqueId } from './databases.js';

/** What createAction needs of a client: a POST that answers a status and a body. */
export interface Poster {
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

/** Creates an action through the API (a CREATE action with one `name` input unless told otherwise). */
export async function createAction(api: Poster, action: Record<string, unknown> & { trigger?: object }) {
  const identifier = (action.identifier as string | undefined) ?? uniqueId('action');
  const body = {
    identifier,
    title: identifier,
    invocationMethod: { type: 'WEBHOOK', url: 'https://backend.example.com/hook' },
    ...action,
    trigger: {
      type: 'self-service',
      operation: 'CREATE',
      userInputs: { properties: { name: { type: 'string' } }, required: [] },
      ...action.trigger,
    },
  };
  const created = await api.post('/v1/actions', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return identifier;
}

/** A blueprint through the API, with the given properties. */
export async function createBlueprint(api: Poster, properties: Record<string, unknown> = {}) {
  const identifier = uniqueId('bp');
  const created = await api.post('/v1/blueprints', {
    identifier,
    title: identifier,
    schema: { properties, required: [] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return identifier;
}

/** Waits until the run has the status. */
export async function runReaches(api: TestApp, runId: string, status: string) {
  await expect
    .poll(async () => (await api.get(`/v1/actions/runs/${runId}`)).body.run?.status, { timeout: 20_000 })
    .toBe(status);
  return (await api.get(`/v1/actions/runs/${runId}`)).body.run;
}
