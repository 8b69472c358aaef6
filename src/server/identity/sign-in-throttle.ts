import { tooManyRequests } from '../errors.js';
import type { Db } from '../storage/database.js';
import * as repo from './sign-in-throttle.repo.js';

export interface ThrottleLimits {
  /** Failed sign-ins an account may have in a window before it is refused until the window ends. */
  perAccount: number;
  /** The same for one client address, over all accounts (password guessing across many accounts). */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perAddress: 50, windowSeconds: 15 * 60 };

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

/**
 * Throttles password sign-ins and token requests per account and per client address. Counters live in the
 * database so that every replica sees every failure. A refused attempt is not checked at all, so a
 * throttled account's password cannot be guessed meanwhile; success clears the account's count.
 */
export function createSignInThrottle(
  db: Db,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
  now = () => Date.now(),
) {
  const keysOf = (account: string, address: string) => ({
    account: `account:${account.toLowerCase()}`,
    address: `address:${address}`,
  });

  async function check(account: string, address: string) {
    const keys = keysOf(account, address);
    const windowMs = limits.windowSeconds * 1000;
    for (const row of await repo.findFailures(db, [keys.account, keys.address])) {
      const limit = row.key === keys.account ? limits.perAccount : limits.perAddress;
      const endsAt = Date.parse(row.window_started_at) + windowMs;
      if (row.failures >= limit && endsAt > now())
        throw tooManyRequests(
          `too many failed sign-ins for this ${row.key === keys.account ? 'account' : 'address'}; try again later`,
          Math.max(1, Math.ceil((endsAt - now()) / 1000)),
        );
    }
  }

  async function failed(account: string, address: string) {
    const keys = keysOf(account, address);
    const at = new Date(now()).toISOString();
    const windowStartsAfter = new Date(now() - limits.windowSeconds * 1000).toISOString();
    await repo.addFailure(db, keys.account, at, windowStartsAfter);
    await repo.addFailure(db, keys.address, at, windowStartsAfter);
  }

  const succeeded = (account: string, address: string) =>
    repo.clearFailures(db, keysOf(account, address).account);

  /** Runs a sign-in attempt under the throttle: a DomainError of kind unauthenticated counts as a failure. */
  async function attempt<T>(account: string, address: string, work: () => Promise<T>): Promise<T> {
    await check(account, address);
    try {
      const result = await work();
      await succeeded(account, address);
      return result;
    } catch (error) {
      if ((error as { kind?: string }).kind === 'unauthenticated') await failed(account, address);
      throw error;
    }
  }

  return { attempt };
}
