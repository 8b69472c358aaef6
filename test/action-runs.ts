import { createAction } from './actions.js';
import { expect } from 'vitest';
import { uniqueId } from './databases.js';
import type { ServerProcess } from './server-process.js';

export interface HttpAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

/** JSON over real HTTP to a server process, as its admin. */
export interface ServerClient {
  get(path: string): Promise<HttpAnswer>;
  post(path: string, body: unknown): Promise<HttpAnswer>;
  delete(path: string): Promise<HttpAnswer>;
}

export async function serverClient(server: ServerProcess): Promise<ServerClient> {
  const token = await server.accessToken();
  const call = async (method: string, path: string, body?: unknown): Promise<HttpAnswer> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    delete: (path) => call('DELETE', path),
  };
}

/**
 * A CREATE action whose synchronized webhook (the run ends SUCCESS once delivered) posts the run's id
 * and its `n` input to `url`; its identifier.
 */
export function createWebhookAction(client: ServerClient, url: string): Promise<string> {
  return createAction(client, {
    identifier: uniqueId('hook'),
    title: 'Deliver',
    trigger: { userInputs: { properties: { n: { type: 'number' } }, required: ['n'] } },
    invocationMethod: {
      type: 'WEBHOOK',
      url,
      synchronized: true,
      body: { runId: '{{ .run.id }}', n: '{{ .inputs.n }}' },
    },
  });
}

/** Runs the action with input `n`; the run's id, once the server has answered 202. */
export async function startRun(client: ServerClient, action: string, n: number): Promise<string> {
  const started = await client.post(`/v1/actions/${action}/runs`, { properties: { n } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return started.body.run.id as string;
}
