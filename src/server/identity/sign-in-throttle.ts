import { tooManyRequests } from '../errors.js';
import type { Db } from '../storage/database.js';
import * as repo from './sign-in-throttle.repo.js';

export interface ThrottleLimits {
  /** Failed sign-ins an account may have in a window before it is refused until the window ends. */
  perAccount: number;
  /** The same for one client address, over all accounts and tokens (guessing across many accounts). */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perAddress: 50, windowSeconds: 15 * 60 };

/**
 * What an attempt is counted against: always the client's address; an account only where a person's
 * password is guessed (not for 256-bit tokens or client secrets, which cannot be guessed, and whose
 * account key anyone could exhaust to lock the rightful owner out).
 */
export interface ThrottleKeys {
  account?: string;
  address: string;
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

/**
 * Throttles password sign-ins and token requests per account and per client address. Counters live in the
 * database so that every replica sees every attempt. An attempt is reserved before it is checked (one
 * atomic increment per key), so of any number of concurrent guesses at most the limit are checked; a
 * refused attempt is not checked at all and gives its reservation back, a success gives back the
 * address's and clears the account's, and a failure keeps both.
 */
export function createSignInThrottle(
  db: Db,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
  now = () => Date.now(),
) {
  const keysOf = ({ account, address }: ThrottleKeys) => [
    ...(account === undefined
      ? []
      : [{ key: `account:${account.toLowerCase()}`, limit: limits.perAccount, name: 'account' }]),
    { key: `address:${address}`, limit: limits.perAddress, name: 'address' },
  ];

  /** Reserves one attempt on every key, or none: a key over its limit gives the others back and refuses. */
  async function reserve(keys: ThrottleKeys) {
    const all = keysOf(keys);
    const at = now();
    const windowStartsAfter = new Date(at - limits.windowSeconds * 1000).toISOString();
    const counts = await db.transaction().execute(async (trx) => {
      const reserved = [];
      for (const k of all)
        reserved.push(await repo.reserveAttempt(trx, k.key, new Date(at).toISOString(), windowStartsAfter));
      return reserved;
    });
    const over = all.findIndex((k, i) => counts[i]!.count > k.limit);
    if (over < 0) return all;
    await release(all);
    const endsAt = Date.parse(counts[over]!.windowStartedAt) + limits.windowSeconds * 1000;
    throw tooManyRequests(
      `too many failed sign-ins for this ${all[over]!.name}; try again later`,
      Math.max(1, Math.ceil((endsAt - now()) / 1000)),
    );
  }

  async function release(keys: { key: string }[]) {
    for (const { key } of keys) await repo.releaseAttempt(db, key);
  }

  /**
   * Runs a sign-in attempt under the throttle: a DomainError of kind unauthenticated counts as a failure;
   * any other outcome gives the attempt back (a success also clears the account's failures).
   */
  async function attempt<T>(keys: ThrottleKeys, work: () => Promise<T>): Promise<T> {
    const reserved = await reserve(keys);
    const address = reserved.filter((k) => k.name === 'address');
    let result: T;
    try {
      result = await work();
    } catch (error) {
      if ((error as { kind?: string }).kind !== 'unauthenticated') await release(reserved);
      throw error;
    }
    const account = reserved.find((k) => k.name === 'account');
    if (account) await repo.clearFailures(db, account.key);
    await release(address);
    return result;
  }

  return { attempt };
}
