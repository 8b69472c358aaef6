import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { loadMasterKey } from './master-key.js';

const folder = () => mkdtempSync(join(tmpdir(), 'portico-key-'));

it('creates the key file at first start, mode 0600 in a new folder of mode 0700, and reads it later', () => {
  const keyFile = join(folder(), 'nested', 'secrets.key');
  const first = loadMasterKey({ keyFile });
  expect(first).toMatchObject({ source: `the key file ${keyFile}`, created: true });
  expect(first.key).toHaveLength(32);
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  expect(statSync(join(keyFile, '..')).mode & 0o777).toBe(0o700);
  expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').equals(Buffer.from(first.key))).toBe(
    true,
  );
  const again = loadMasterKey({ keyFile });
  expect(again.created).toBe(false);
  expect(Buffer.from(again.key).equals(Buffer.from(first.key))).toBe(true);
  expect(again.warning).toBeUndefined();
});

it('prefers the key from the environment and touches no file then', () => {
  const key = randomBytes(32);
  const keyFile = join(folder(), 'secrets.key');
  expect(loadMasterKey({ key, keyFile })).toEqual({ key, source: 'PORTICO_SECRETS_KEY', created: false });
  expect(() => statSync(keyFile)).toThrow();
});

it('reads a key file in hex, warns when others may read it, and refuses one that holds no key', () => {
  const key = randomBytes(32);
  const keyFile = join(folder(), 'mounted.key');
  writeFileSync(keyFile, `${key.toString('hex')}\n`);
  chmodSync(keyFile, 0o644);
  const loaded = loadMasterKey({ keyFile });
  expect(Buffer.from(loaded.key).equals(key)).toBe(true);
  expect(loaded.warning).toBe(
    `the key file ${keyFile} can be read by other users of this machine: chmod 600 it`,
  );

  writeFileSync(keyFile, 'not a key at all');
  expect(() => loadMasterKey({ keyFile })).toThrow(ConfigError);
  expect(() => loadMasterKey({ keyFile })).toThrow(`the key file ${keyFile} must be a 32-byte key`);
  expect(() => loadMasterKey({ keyFile })).not.toThrow('not a key at all');
});

it('says where it could not create the key file, and how to choose another', () => {
  const blocker = join(folder(), 'a-file');
  writeFileSync(blocker, '');
  const keyFile = join(blocker, 'secrets.key');
  expect(() => loadMasterKey({ keyFile })).toThrow(
    new RegExp(`^Portico cannot create the secrets key file ${keyFile}: .*PORTICO_SECRETS_KEY_FILE`),
  );
});
