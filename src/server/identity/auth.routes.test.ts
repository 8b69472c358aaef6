import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

describeEachDatabase('credentials and tokens', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('exchanges a client id and secret for a bearer token that opens /v1', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/access_token',
      payload: { clientId: api.clientId, clientSecret: api.clientSecret },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ ok: true, expiresIn: 3600, tokenType: 'Bearer' });
    const list = await api.app.inject({
      method: 'GET',
      url: '/v1/blueprints',
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    expect(list.statusCode).toBe(200);
  });

  it('refuses a wrong secret, a missing header, a malformed, forged or expired token with 401', async () => {
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/access_token',
      payload: { clientId: api.clientId, clientSecret: 'wrong' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ ok: false, error: 'unauthorized' });
    expect(wrong.body).not.toContain(api.clientSecret);

    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(api.clientId)
      .setIssuer('portico')
      .setExpirationTime('1h')
      .sign(Buffer.from('another key, not the installation one'));
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(api.clientId)
      .setIssuer('portico')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(Buffer.from('x'));
    for (const authorization of [
      undefined,
      'Basic abc',
      'Bearer not.a.jwt',
      `Bearer ${forged}`,
      `Bearer ${expired}`,
    ]) {
      const response = await api.app.inject({
        method: 'GET',
        url: '/v1/blueprints',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().ok).toBe(false);
    }
    const missingFields = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/access_token',
      payload: { clientId: 'x' },
    });
    expect(missingFields.statusCode).toBe(422);
    expect(missingFields.json().message).toContain('clientSecret');
  });

  it('serves health, readiness and the OpenAPI document without a token', async () => {
    expect((await api.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await api.app.inject({ url: '/readyz' })).json()).toEqual({ ok: true });
    const doc = (await api.app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/blueprints/{blueprint_identifier}/entities/bulk');
  });
});
