import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A value encrypted with AES-256-GCM, each part base64: what the database holds of a secret. */
export interface Sealed {
  iv: string;
  ciphertext: string;
  tag: string;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value whose tag does not verify: altered, moved to another name, or sealed with another key. */
export class UnsealError extends Error {
  constructor(readonly context: string) {
    super(
      `${context} cannot be decrypted: it was altered, moved from another secret, or encrypted with another master key`,
    );
    this.name = 'UnsealError';
  }
}

/**
 * Encrypts `plaintext` under `key` with a fresh random 12-byte IV. `associated` (the secret's name) is
 * authenticated but not stored with the value: unsealing under any other name fails, so rows cannot be
 * swapped.
 */
export function seal(key: Uint8Array, plaintext: string, associated: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The plaintext of `sealed`, or an UnsealError naming `context` (never the value). */
export function unseal(key: Uint8Array, sealed: Sealed, associated: string, context: string): string {
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new UnsealError(context);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]);
    return plaintext.toString('utf8');
  } catch {
    throw new UnsealError(context);
  }
}
