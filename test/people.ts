import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { uniqueId } from './databases.js';

/** A user invited by the test app's admin, with credentials and a bearer token of its own. */
export async function createPerson(api: TestApp, invitee: { roles?: string[]; teams?: string[] } = {}) {
  const email = `${uniqueId('person')}@example.com`;
  const invited = await api.post('/v1/users/invite', { invitee: { email, ...invitee } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(200);
  const app = await api.post('/v1/apps', { name: 'test', user: email });
  const token = await tokenOf(api, { clientId: app.body.app.id, clientSecret: app.body.app.secret });
  return { email, token, headers: { authorization: `Bearer ${token}` } };
}

export async function tokenOf(api: TestApp, credentials: { clientId: string; clientSecret: string }) {
  const response = await api.post('/v1/auth/access_token', credentials);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.accessToken as string;
}
