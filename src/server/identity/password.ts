import { hash, verify } from '@node-rs/argon2';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordLengthProblem } from '../../core/password.js';
import { unprocessable } from '../errors.js';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (~40 ms here). The package's Algorithm enum is a
// const enum, which this build cannot import: 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../core/password.js';

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** False for a wrong password or an unusable hash; never throws on bad input. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  try {
    return await verify(stored ?? DECOY_PASSWORD_HASH, password);
  } catch {
    return false;
  }
}

// Verified against when there is no account, so that both paths take the same time.
const DECOY_PASSWORD_HASH = await hashPassword('portico-decoy-password-for-unknown-accounts');

export function checkPasswordRules(password: string, field: string) {
  const problem = passwordLengthProblem(password);
  if (problem === 'too_short')
    throw unprocessable(
      'weak_password',
      `${field}: a password has at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  if (problem === 'too_long')
    throw unprocessable(
      'invalid_password',
      `${field}: a password has at most ${MAX_PASSWORD_LENGTH} characters`,
    );
}
