import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { seal, unseal, UnsealError, type Sealed } from './secret-crypto.js';

const key = randomBytes(32);

it('seals with AES-256-GCM and a fresh 12-byte IV, and unseals to the same text', () => {
  for (const text of ['s3cr3t', 'ü🙂 and "quotes"\n', 'x'.repeat(65_536)]) {
    const sealed = seal(key, text, 'organization_secrets:a');
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain(text.slice(0, 6));
    expect(unseal(key, sealed, 'organization_secrets:a', 'secret "a"')).toBe(text);
  }
  const [one, two] = [seal(key, 'same', 'n'), seal(key, 'same', 'n')];
  expect(one.iv).not.toBe(two.iv);
  expect(one.ciphertext).not.toBe(two.ciphertext);
});

it('refuses a tampered ciphertext, IV or tag, another name, and another key, naming only the context', () => {
  const sealed = seal(key, 'hunter2', 'organization_secrets:a');
  const flip = (base64: string) => {
    const bytes = Buffer.from(base64, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    return bytes.toString('base64');
  };
  const attempts: Array<[Sealed, string, Uint8Array]> = [
    [{ ...sealed, ciphertext: flip(sealed.ciphertext) }, 'organization_secrets:a', key],
    [{ ...sealed, iv: flip(sealed.iv) }, 'organization_secrets:a', key],
    [{ ...sealed, tag: flip(sealed.tag) }, 'organization_secrets:a', key],
    [{ ...sealed, tag: sealed.tag.slice(0, 8) }, 'organization_secrets:a', key],
    [sealed, 'organization_secrets:b', key],
    [sealed, 'organization_secrets:a', randomBytes(32)],
  ];
  for (const [parts, associated, withKey] of attempts) {
    let error: unknown;
    try {
      unseal(withKey, parts, associated, 'secret "a"');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsealError);
    expect((error as Error).message).toMatch(/^secret "a" cannot be decrypted/);
    expect((error as Error).message).not.toContain('hunter2');
  }
});
