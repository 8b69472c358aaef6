/** One typed view of the environment, parsed once at start and passed down. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  demo: boolean;
  adminClientId?: string;
  adminClientSecret?: string;
  /** The first admin's sign-in: PORTICO_ADMIN_EMAIL, and PORTICO_ADMIN_PASSWORD or one generated once. */
  adminEmail: string;
  adminPassword?: string;
  /** Session cookies marked Secure: set it when users reach Portico over HTTPS (e.g. behind a proxy). */
  secureCookies: boolean;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  bodyLimit: number;
  tokenTtlSeconds: number;
  logLevel: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env, 'PORTICO_PORT', 7070),
    host: env.PORTICO_HOST ?? '127.0.0.1',
    databaseUrl: env.PORTICO_DATABASE_URL ?? 'sqlite:./data/portico.db',
    demo: bool(env, 'PORTICO_DEMO', true),
    adminClientId: env.PORTICO_ADMIN_CLIENT_ID || undefined,
    adminClientSecret: env.PORTICO_ADMIN_CLIENT_SECRET || undefined,
    adminEmail: env.PORTICO_ADMIN_EMAIL || 'admin@portico.local',
    adminPassword: env.PORTICO_ADMIN_PASSWORD || undefined,
    secureCookies: bool(env, 'PORTICO_SECURE_COOKIES', false),
    sessionIdleSeconds: int(env, 'PORTICO_SESSION_IDLE_HOURS', 72) * 3600,
    sessionAbsoluteSeconds: int(env, 'PORTICO_SESSION_MAX_HOURS', 168) * 3600,
    bodyLimit: int(env, 'PORTICO_BODY_LIMIT', 10 * 1024 * 1024),
    tokenTtlSeconds: int(env, 'PORTICO_TOKEN_TTL_SECONDS', 3 * 60 * 60),
    logLevel: env.PORTICO_LOG_LEVEL ?? 'info',
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be "true" or "false", got "${raw}"`);
}
