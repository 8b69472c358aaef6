import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, parseSecretsKey, type SecretsKeyConfig } from '../config.js';

/** The master key of organisation secrets, and where it came from (for messages; never the key). */
export interface MasterKey {
  key: Uint8Array;
  /** "PORTICO_SECRETS_KEY" or "the key file <path>". */
  source: string;
  /** The key file was made by this start. */
  created: boolean;
  /** Something an operator should fix, such as a key file others may read. */
  warning?: string;
}

/**
 * The key from the environment, else from the key file, which is created with a new random key (mode
 * 0600, its folder 0700 when created too) when it does not exist yet.
 */
export function loadMasterKey(config: SecretsKeyConfig): MasterKey {
  if (config.key) return { key: config.key, source: 'PORTICO_SECRETS_KEY', created: false };
  const path = config.keyFile;
  const source = `the key file ${path}`;
  const created = createKeyFile(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Portico cannot read ${source}: ${(error as Error).message}`);
  }
  const key = parseSecretsKey(text, source);
  const warning = readableByOthers(path)
    ? `${source} can be read by other users of this machine: chmod 600 it`
    : undefined;
  return { key, source, created, ...(warning ? { warning } : {}) };
}

/** Whether this call wrote the file; false when it already existed (or another process wrote it first). */
function createKeyFile(path: string): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw cannotCreate(path, error);
  }
  try {
    // 'wx' fails when the file exists, so two processes starting together keep the first one's key.
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cannotCreate(path, error);
  }
  // The mode given at creation is narrowed by the umask, never widened; this makes it exactly 0600.
  chmodSync(path, 0o600);
  return true;
}

const cannotCreate = (path: string, error: unknown) =>
  new ConfigError(
    `Portico cannot create the secrets key file ${path}: ${(error as Error).message} (set PORTICO_SECRETS_KEY_FILE to a writable path, or PORTICO_SECRETS_KEY)`,
  );

function readableByOthers(path: string): boolean {
  return (statSync(path).mode & 0o077) !== 0;
}
