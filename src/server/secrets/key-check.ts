import { ConfigError } from '../config.js';
import type { Db } from '../storage/database.js';
import { getOrCreateSetting } from '../storage/settings.repo.js';
import { seal, unseal, type Sealed } from './secret-crypto.js';

const SETTING = 'secrets_key_check';
const KNOWN_TEXT = 'portico organisation secrets: key check';
const ASSOCIATED = 'portico:secrets-key-check';

/**
 * Refuses a master key other than the one this database's secrets are encrypted with. The first start
 * stores a known text sealed with its key (in the settings table, safe when replicas race to create it);
 * every later start must unseal it. So a replica started with the wrong key stops at once with a clear
 * message, rather than writing secrets no other replica can read or failing at the first action run.
 */
export async function verifyMasterKey(db: Db, key: Uint8Array, source: string): Promise<void> {
  const stored = await getOrCreateSetting(db, SETTING, () =>
    JSON.stringify(seal(key, KNOWN_TEXT, ASSOCIATED)),
  );
  if (!opens(key, stored))
    throw new ConfigError(
      `Portico cannot start: the secrets master key from ${source} is not the key this database's secrets are encrypted with. ` +
        'Start every replica with the key the first start used (PORTICO_SECRETS_KEY or PORTICO_SECRETS_KEY_FILE); see docs/secrets.md',
    );
}

function opens(key: Uint8Array, stored: string): boolean {
  try {
    return unseal(key, JSON.parse(stored) as Sealed, ASSOCIATED, 'the key check') === KNOWN_TEXT;
  } catch {
    return false;
  }
}
