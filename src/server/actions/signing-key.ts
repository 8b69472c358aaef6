import { randomBytes } from 'node:crypto';
import { unavailable } from '../errors.js';
import { seal, unseal, type Sealed } from '../secrets/secret-crypto.js';
import type { Db } from '../storage/database.js';
import { getOrCreateSetting } from '../storage/settings.repo.js';

const SETTING = 'webhook_signing_key';

/**
 * The key of webhooks' x-port-signature. Port keys it with the organisation's client secret; Portico with
 * PORTICO_WEBHOOK_SECRET when set, else the admin client secret from the environment, else the admin
 * client secret generated at first start (kept sealed under the secrets master key so that every replica
 * and restart signs alike). An installation older than that gets a random key: set one of the two.
 */
export function createSigningKey(db: Db, options: { configured?: string; masterKey?: Uint8Array }) {
  let cached = options.configured;

  async function get(): Promise<string> {
    if (cached) return cached;
    const key = options.masterKey;
    if (!key)
      throw unavailable('webhooks need PORTICO_WEBHOOK_SECRET (or a secrets master key) to be signed');
    const stored = await getOrCreateSetting(db, SETTING, () =>
      JSON.stringify(seal(key, randomBytes(32).toString('base64url'), SETTING)),
    );
    cached = unseal(key, JSON.parse(stored) as Sealed, SETTING, 'the webhook signing key');
    return cached;
  }

  /** At first start: the generated admin client secret becomes the key, unless one is configured. */
  async function adopt(adminClientSecret: string): Promise<void> {
    if (options.configured || !options.masterKey) return;
    const sealed = JSON.stringify(seal(options.masterKey, adminClientSecret, SETTING));
    await getOrCreateSetting(db, SETTING, () => sealed);
  }

  return { get, adopt };
}

export type SigningKey = ReturnType<typeof createSigningKey>;
