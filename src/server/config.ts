import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_QUERY_TIMEOUT_MS } from './storage/query-limit.js';
import { DEFAULT_SEARCH_CACHE_MB } from './search/search.page-cache.js';

/** Single sign-on with an OpenID Connect provider (Okta, Entra ID, Google, Keycloak, …). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where people reach Portico; the provider sends them back to <publicUrl>/auth/sso/callback. */
  publicUrl: string;
  /** Email domains allowed to sign in; empty allows any. */
  allowedDomains: string[];
  /** The claim listing a person's teams (e.g. "groups"); their Portico teams follow it at every sign-in. */
  teamsClaim?: string;
  scopes: string;
  /** The button's label. */
  name: string;
}

/** One typed view of the environment, parsed once at start and passed down. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  demo: boolean;
  /** Keep every version of every entity (history, as_of reads): PORTICO_ENTITY_HISTORY, on by default. */
  entityHistory: boolean;
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
  /** How long a search (any read outside a transaction) may run before it is cancelled: 503 query_timeout. */
  queryTimeoutMs: number;
  /** Search pages kept between requests, per process, in bytes (PORTICO_SEARCH_CACHE_MB; 0: none). */
  searchCacheBytes: number;
  logLevel: string;
  /** Where the built web app is (default dist/web): PORTICO_WEB_DIR. */
  webDir?: string;
  oidc?: OidcConfig;
  /**
   * Which proxies in front of Portico to believe about the client's address (X-Forwarded-For), as
   * Fastify's trustProxy: none (false), all (true), this many hops, or these addresses and CIDR ranges.
   * The address is what sign-in and token throttles count by.
   */
  trustProxy: TrustProxy;
  /** The master key of organisation secrets (docs/secrets.md). */
  secrets: SecretsKeyConfig;
  /** How actions' webhooks are sent (docs/actions.md). */
  webhooks: WebhookConfig;
  /** How the job queue takes over the work of a process that died. */
  jobs: JobsConfig;
}

export interface JobsConfig {
  /**
   * PORTICO_JOBS_LEASE_GRACE_MS: how long past its time limit an attempt stays with its process; after
   * that, a process that died or hangs holding it is presumed gone and another runs it again.
   */
  leaseGraceMs: number;
  /** PORTICO_JOBS_UPKEEP_MS: how often one process looks for such attempts (and prunes old jobs). */
  upkeepMs: number;
}

export interface WebhookConfig {
  /** PORTICO_WEBHOOK_SECRET: the key of x-port-signature (default: the admin client secret). */
  secret?: string;
  /** PORTICO_WEBHOOK_ALLOW_PRIVATE: `true`, or CIDRs of private addresses webhooks may call. */
  allowPrivate: PrivateTargets;
  /** PORTICO_WEBHOOK_TIMEOUT_MS: how long one delivery attempt may take. */
  timeoutMs: number;
  /** PORTICO_WEBHOOK_MAX_ATTEMPTS: attempts before a run ends FAILURE. */
  maxAttempts: number;
  /** PORTICO_PUBLIC_URL: where people reach Portico, for links sent to approvers. */
  portalUrl: string;
  /** PORTICO_WEBHOOK_CONCURRENCY: deliveries under way at once in each process. */
  concurrency: number;
}

/**
 * PORTICO_SECRETS_KEY (32 bytes as base64 or 64 hex digits), else the key file PORTICO_SECRETS_KEY_FILE,
 * which Portico creates with a new key at first start; by default `secrets.key` beside the SQLite file
 * (./data/secrets.key on PostgreSQL).
 */
export interface SecretsKeyConfig {
  key?: Uint8Array;
  /** An absolute path; used only without `key`. */
  keyFile: string;
}

export type TrustProxy = boolean | number | string[];

export class ConfigError extends Error {}

/**
 * Where actions' webhooks may go besides public addresses: loopback, private, link-local and other special
 * ranges only when PORTICO_WEBHOOK_ALLOW_PRIVATE says so (`true`, or a list of CIDRs), so an action cannot
 * be aimed at the portal's own network by default.
 */
export type PrivateTargets = boolean | readonly string[];

/** Parses `true`/`false` or a comma-separated list of CIDRs (PORTICO_WEBHOOK_ALLOW_PRIVATE). */
export function parsePrivateTargets(value: string | undefined): PrivateTargets {
  if (value === undefined || value.trim() === '' || value.trim() === 'false') return false;
  if (value.trim() === 'true') return true;
  const cidrs = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const cidr of cidrs) {
    const [address, prefix] = cidr.split('/');
    const family = isIP(address ?? '');
    const bits = Number(prefix ?? (family === 6 ? 128 : 32));
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32))
      throw new Error(`"${cidr}" is not a CIDR (like 10.0.0.0/8 or fd00::/8)`);
  }
  return cidrs;
}

/**
 * PORTICO_CONFIG_FILE names a JSON file of the same PORTICO_* keys (handy for secrets mounted as files);
 * the environment wins over the file.
 */
export function readConfig(processEnv: NodeJS.ProcessEnv = process.env): Config {
  const env = { ...fileSettings(processEnv.PORTICO_CONFIG_FILE), ...processEnv };
  const port = int(env, 'PORTICO_PORT', 7070);
  const host = env.PORTICO_HOST ?? '127.0.0.1';
  const databaseUrl = env.PORTICO_DATABASE_URL ?? 'sqlite:./data/portico.db';
  return {
    port,
    host,
    databaseUrl,
    demo: bool(env, 'PORTICO_DEMO', true),
    entityHistory: bool(env, 'PORTICO_ENTITY_HISTORY', true),
    adminClientId: env.PORTICO_ADMIN_CLIENT_ID || undefined,
    adminClientSecret: env.PORTICO_ADMIN_CLIENT_SECRET || undefined,
    adminEmail: env.PORTICO_ADMIN_EMAIL || 'admin@portico.local',
    adminPassword: env.PORTICO_ADMIN_PASSWORD || undefined,
    secureCookies: bool(env, 'PORTICO_SECURE_COOKIES', false),
    sessionIdleSeconds: int(env, 'PORTICO_SESSION_IDLE_HOURS', 72) * 3600,
    sessionAbsoluteSeconds: int(env, 'PORTICO_SESSION_MAX_HOURS', 168) * 3600,
    bodyLimit: int(env, 'PORTICO_BODY_LIMIT', 10 * 1024 * 1024),
    tokenTtlSeconds: int(env, 'PORTICO_TOKEN_TTL_SECONDS', 3 * 60 * 60),
    queryTimeoutMs: int(env, 'PORTICO_QUERY_TIMEOUT_MS', DEFAULT_QUERY_TIMEOUT_MS),
    searchCacheBytes: int(env, 'PORTICO_SEARCH_CACHE_MB', DEFAULT_SEARCH_CACHE_MB, 0) * 1024 * 1024,
    logLevel: env.PORTICO_LOG_LEVEL ?? 'info',
    webDir: env.PORTICO_WEB_DIR || undefined,
    trustProxy: trustProxy(env.PORTICO_TRUST_PROXY),
    oidc: oidcConfig(env, `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`),
    secrets: secretsKeyConfig(env, databaseUrl),
    webhooks: {
      secret: env.PORTICO_WEBHOOK_SECRET || env.PORTICO_ADMIN_CLIENT_SECRET || undefined,
      allowPrivate: allowPrivate(env.PORTICO_WEBHOOK_ALLOW_PRIVATE),
      timeoutMs: int(env, 'PORTICO_WEBHOOK_TIMEOUT_MS', 30_000),
      maxAttempts: int(env, 'PORTICO_WEBHOOK_MAX_ATTEMPTS', 5),
      portalUrl: (
        env.PORTICO_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
      ).replace(/\/+$/, ''),
      concurrency: int(env, 'PORTICO_WEBHOOK_CONCURRENCY', 64),
    },
    jobs: {
      leaseGraceMs: int(env, 'PORTICO_JOBS_LEASE_GRACE_MS', 30_000),
      upkeepMs: int(env, 'PORTICO_JOBS_UPKEEP_MS', 30_000),
    },
  };
}

function allowPrivate(value: string | undefined): PrivateTargets {
  try {
    return parsePrivateTargets(value);
  } catch (error) {
    throw new ConfigError(`PORTICO_WEBHOOK_ALLOW_PRIVATE: ${(error as Error).message}`);
  }
}

function secretsKeyConfig(env: NodeJS.ProcessEnv, databaseUrl: string): SecretsKeyConfig {
  const key = env.PORTICO_SECRETS_KEY || undefined;
  const keyFile = env.PORTICO_SECRETS_KEY_FILE || undefined;
  if (key && keyFile) throw new ConfigError('Set PORTICO_SECRETS_KEY or PORTICO_SECRETS_KEY_FILE, not both');
  return {
    ...(key ? { key: parseSecretsKey(key, 'PORTICO_SECRETS_KEY') } : {}),
    keyFile: resolve(keyFile ?? defaultSecretsKeyFile(databaseUrl)),
  };
}

/** Beside the SQLite file, so that a backup of its folder holds both; ./data/ otherwise. */
function defaultSecretsKeyFile(databaseUrl: string): string {
  const sqlitePath = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : '';
  if (sqlitePath === '' || sqlitePath === ':memory:') return join('data', 'secrets.key');
  return join(dirname(sqlitePath), 'secrets.key');
}

/**
 * A 32-byte AES-256 key written as 64 hex digits or as base64 (standard or URL-safe, padded or not); the
 * message names `source` and never repeats the text.
 */
export function parseSecretsKey(text: string, source: string): Uint8Array {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value, 'base64');
    if (key.length === 32) return key;
  }
  throw new ConfigError(
    `${source} must be a 32-byte key, as 64 hex digits or 44 characters of base64 (make one with: openssl rand -base64 32)`,
  );
}

function fileSettings(path: string | undefined): NodeJS.ProcessEnv {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PORTICO_CONFIG_FILE: cannot read "${path}" as JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(`PORTICO_CONFIG_FILE: "${path}" must hold a JSON object of PORTICO_* settings`);
  const entries = Object.entries(parsed as Record<string, unknown>);
  const wrong = entries.find(([key, value]) => !key.startsWith('PORTICO_') || typeof value === 'object');
  if (wrong)
    throw new ConfigError(`PORTICO_CONFIG_FILE: "${wrong[0]}" must be a PORTICO_* key with a plain value`);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

function oidcConfig(env: NodeJS.ProcessEnv, defaultPublicUrl: string): OidcConfig | undefined {
  const issuer = env.PORTICO_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.PORTICO_OIDC_CLIENT_ID;
  const clientSecret = env.PORTICO_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new ConfigError(
      'PORTICO_OIDC_CLIENT_ID and PORTICO_OIDC_CLIENT_SECRET are needed with PORTICO_OIDC_ISSUER',
    );
  for (const [name, value] of [
    ['PORTICO_OIDC_ISSUER', issuer],
    ['PORTICO_PUBLIC_URL', env.PORTICO_PUBLIC_URL ?? defaultPublicUrl],
  ])
    if (!URL.canParse(value!)) throw new ConfigError(`${name} must be a URL, got "${value}"`);
  return {
    issuer,
    clientId,
    clientSecret,
    publicUrl: (env.PORTICO_PUBLIC_URL ?? defaultPublicUrl).replace(/\/+$/, ''),
    allowedDomains: (env.PORTICO_OIDC_ALLOWED_DOMAINS ?? '')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
    teamsClaim: env.PORTICO_OIDC_TEAMS_CLAIM || undefined,
    scopes: env.PORTICO_OIDC_SCOPES || 'openid email profile',
    name: env.PORTICO_OIDC_NAME || 'single sign-on',
  };
}

// proxy-addr's (Fastify's) names for the loopback, link-local and unique-local ranges.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** "true" / "false", a hop count, or a comma-separated list of addresses, CIDR ranges and named ranges. */
export function trustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (!Number.isSafeInteger(hops))
      throw new ConfigError(`PORTICO_TRUST_PROXY: "${value}" is too many hops`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries)
    if (!isTrustedProxyEntry(entry))
      throw new ConfigError(
        `PORTICO_TRUST_PROXY must be true, false, a number of hops, or a comma-separated list of addresses and CIDR ranges (or loopback, linklocal, uniquelocal); "${entry}" is none of these`,
      );
  return entries;
}

function isTrustedProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  // Fastify also accepts a dotted netmask for IPv4 ("10.0.0.0/255.0.0.0").
  if (version === 4 && isIP(prefix) === 4) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, least = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least)
    throw new ConfigError(
      `${name} must be ${least === 1 ? 'a positive integer' : `an integer of at least ${least}`}, got "${raw}"`,
    );
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be "true" or "false", got "${raw}"`);
}
