import type { Db } from '../storage/database.js';
import { getOrCreateSetting } from '../storage/settings.repo.js';
import { randomSecret } from './secret-hash.js';

/** One HMAC key per installation, kept in the database so that every replica verifies what another signed. */
export async function loadSigningKey(db: Db): Promise<Uint8Array> {
  return Buffer.from(await getOrCreateSetting(db, 'token_signing_key', () => randomSecret(32)), 'base64url');
}
