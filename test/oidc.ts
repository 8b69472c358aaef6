import type { OidcConfig } from '../src/server/config.js';

/** Single sign-on configured against a provider nobody listens for (port 1). */
export const UNREACHABLE_OIDC: OidcConfig = {
  issuer: 'http://127.0.0.1:1',
  clientId: 'portico',
  clientSecret: 'secret',
  publicUrl: 'http://127.0.0.1:7070',
  allowedDomains: [],
  scopes: 'openid email',
  name: 'Nowhere',
};
