import { describe, expect, it } from 'vitest';
import { redactedUrl, loggedRequest } from './request-log.js';

describe('request log lines', () => {
  it('keep the query string, so the flags a client sent are seen', () => {
    expect(redactedUrl('/v1/blueprints/svc/entities?upsert=true&merge=true')).toBe(
      '/v1/blueprints/svc/entities?upsert=true&merge=true',
    );
    expect(redactedUrl('/v1/blueprints')).toBe('/v1/blueprints');
    expect(redactedUrl('/v1/x?flag&empty=')).toBe('/v1/x?flag&empty=');
  });

  it('replace the values of parameters that may carry a secret, however their name is written', () => {
    expect(redactedUrl('/auth/oidc/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fidp')).toBe(
      '/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp',
    );
    expect(
      redactedUrl('/x?access_token=t&API_KEY=k&clientSecret=s&pass%77ord=p&X-Amz-Signature=q&limit=5'),
    ).toBe(
      '/x?access_token=[redacted]&API_KEY=[redacted]&clientSecret=[redacted]&pass%77ord=[redacted]&X-Amz-Signature=[redacted]&limit=5',
    );
    expect(redactedUrl('/x?jwt=a&pwd=b&hmac=c&client_assertion=d&X-Amz-Credential=e&page=2')).toBe(
      '/x?jwt=[redacted]&pwd=[redacted]&hmac=[redacted]&client_assertion=[redacted]&X-Amz-Credential=[redacted]&page=2',
    );
    // A malformed escape in a name is judged as written, never a crash.
    expect(redactedUrl('/x?%E0%A4%A=1&token%zz=2')).toBe('/x?%E0%A4%A=1&token%zz=[redacted]');
  });

  it('name the method and the client address', () => {
    expect(loggedRequest({ method: 'GET', url: '/a?token=x', ip: '10.0.0.1' })).toEqual({
      method: 'GET',
      url: '/a?token=[redacted]',
      remoteAddress: '10.0.0.1',
    });
  });
});
