import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

const trustOf = (value?: string) =>
  readConfig(value === undefined ? {} : { PORTICO_TRUST_PROXY: value }).trustProxy;

it('PORTICO_TRUST_PROXY: none by default; true, a hop count, or addresses and CIDR ranges', () => {
  expect(trustOf()).toBe(false);
  expect(trustOf('false')).toBe(false);
  expect(trustOf('true')).toBe(true);
  expect(trustOf('2')).toBe(2);
  expect(trustOf('10.0.0.1, 10.1.0.0/16,fd00::/8 ,loopback')).toEqual([
    '10.0.0.1',
    '10.1.0.0/16',
    'fd00::/8',
    'loopback',
  ]);
  expect(trustOf('10.0.0.0/255.0.0.0')).toEqual(['10.0.0.0/255.0.0.0']);
});

it('PORTICO_TRUST_PROXY: anything else is refused at start, naming the setting and the entry', () => {
  for (const [value, entry] of [
    ['yes', 'yes'],
    ['10.0.0.1, proxy.internal', 'proxy.internal'],
    ['10.0.0.0/33', '10.0.0.0/33'],
    ['fd00::/129', 'fd00::/129'],
    ['10.0.0.1,', ''],
    ['-1', '-1'],
  ]) {
    expect(() => trustOf(value), value).toThrow(ConfigError);
    expect(() => trustOf(value), value).toThrow(`PORTICO_TRUST_PROXY`);
    expect(() => trustOf(value), value).toThrow(`"${entry}"`);
  }
});

it('PORTICO_QUERY_TIMEOUT_MS: 10 s by default, a positive number of milliseconds, anything else refused', () => {
  expect(readConfig({}).queryTimeoutMs).toBe(10_000);
  expect(readConfig({ PORTICO_QUERY_TIMEOUT_MS: '2500' }).queryTimeoutMs).toBe(2500);
  for (const value of ['0', '-1', '1.5', 'ten'])
    expect(() => readConfig({ PORTICO_QUERY_TIMEOUT_MS: value }), value).toThrow(
      'PORTICO_QUERY_TIMEOUT_MS must be a positive integer',
    );
});

it('PORTICO_SEARCH_CACHE_MB: 64 MB by default, 0 for none, anything else refused naming it', () => {
  expect(readConfig({}).searchCacheBytes).toBe(64 * 1024 * 1024);
  expect(readConfig({ PORTICO_SEARCH_CACHE_MB: '0' }).searchCacheBytes).toBe(0);
  expect(readConfig({ PORTICO_SEARCH_CACHE_MB: '8' }).searchCacheBytes).toBe(8 * 1024 * 1024);
  for (const value of ['-1', '1.5', 'lots'])
    expect(() => readConfig({ PORTICO_SEARCH_CACHE_MB: value }), value).toThrow(
      `PORTICO_SEARCH_CACHE_MB must be an integer of at least 0, got "${value}"`,
    );
});

it('PORTICO_SECRETS_KEY: 32 bytes as hex or base64; else a key file beside the SQLite file', () => {
  const bytes = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
  for (const text of [bytes.toString('hex'), bytes.toString('base64'), ` ${bytes.toString('base64url')}\n`])
    expect(Buffer.from(readConfig({ PORTICO_SECRETS_KEY: text }).secrets.key!).equals(bytes)).toBe(true);
  expect(readConfig({}).secrets).toEqual({ keyFile: resolve('data/secrets.key') });
  expect(readConfig({ PORTICO_DATABASE_URL: 'sqlite:/srv/portico/portico.db' }).secrets).toEqual({
    keyFile: '/srv/portico/secrets.key',
  });
  expect(readConfig({ PORTICO_DATABASE_URL: 'postgres://db/portico' }).secrets.keyFile).toBe(
    resolve('data/secrets.key'),
  );
  expect(readConfig({ PORTICO_SECRETS_KEY_FILE: 'keys/portico.key' }).secrets).toEqual({
    keyFile: resolve('keys/portico.key'),
  });
});

it('PORTICO_SECRETS_KEY: anything but 32 bytes is refused without repeating it; one of the two settings', () => {
  for (const text of [
    'short',
    'ab'.repeat(31),
    'ab'.repeat(33),
    Buffer.alloc(31).toString('base64'),
    'é'.repeat(64),
  ]) {
    expect(() => readConfig({ PORTICO_SECRETS_KEY: text }), text).toThrow(
      'PORTICO_SECRETS_KEY must be a 32-byte key, as 64 hex digits or 44 characters of base64',
    );
    expect(() => readConfig({ PORTICO_SECRETS_KEY: text }), text).not.toThrow(text);
  }
  expect(() => readConfig({ PORTICO_SECRETS_KEY: 'ab'.repeat(32), PORTICO_SECRETS_KEY_FILE: 'k' })).toThrow(
    'Set PORTICO_SECRETS_KEY or PORTICO_SECRETS_KEY_FILE, not both',
  );
});

it('PORTICO_WEBHOOK_CONCURRENCY and PORTICO_JOBS_*: defaults, positive milliseconds, anything else refused', () => {
  expect(readConfig({}).webhooks.concurrency).toBe(64);
  expect(readConfig({}).jobs).toEqual({ leaseGraceMs: 30_000, upkeepMs: 30_000 });
  const set = readConfig({
    PORTICO_WEBHOOK_CONCURRENCY: '4',
    PORTICO_JOBS_LEASE_GRACE_MS: '500',
    PORTICO_JOBS_UPKEEP_MS: '250',
  });
  expect(set.webhooks.concurrency).toBe(4);
  expect(set.jobs).toEqual({ leaseGraceMs: 500, upkeepMs: 250 });
  for (const name of ['PORTICO_WEBHOOK_CONCURRENCY', 'PORTICO_JOBS_LEASE_GRACE_MS', 'PORTICO_JOBS_UPKEEP_MS'])
    for (const value of ['0', '-1', '1.5', 'soon'])
      expect(() => readConfig({ [name]: value }), `${name}=${value}`).toThrow(
        `${name} must be a positive integer, got "${value}"`,
      );
});
