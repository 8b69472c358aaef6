import { randomFillSync } from 'node:crypto';

// Random bytes are drawn 4 KiB at a time: randomBytes(16) is a call into OpenSSL per id, which was 2% of
// the server's time per run (two ids each). randomUUID pools the same way.
const pool = Buffer.alloc(4096);
let used = pool.length;

/** `size` fresh random bytes (a view of the pool: read them before the next call). */
function randomBytesPooled(size: number): Buffer {
  if (used + size > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += size;
  return pool.subarray(used - size, used);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

let last = 0;
let counter = 0;

/** This millisecond's count of ids made in this process so far. */
function countIn(now: number): number {
  if (now === last) counter += 1;
  else {
    last = now;
    counter = 0;
  }
  return counter;
}

/**
 * Port's run ids: `r_` and 16 letters and digits. Here they sort in the order they were made: the
 * millisecond and a counter in lower-case base 36 (which every collation sorts as bytes do), then 5 random
 * characters. An automation writes a batch's runs with one `createdAt`: the id keeps them in event order.
 */
export function newRunId(now = Date.now()): string {
  let id = `r_${now.toString(36).padStart(9, '0')}${(countIn(now) % 1296).toString(36).padStart(2, '0')}`;
  // 62 does not divide 256: the bias (under 1 %) does not matter for an identifier.
  for (const byte of randomBytesPooled(5)) id += ALPHABET[byte % 62];
  return id;
}

/**
 * Ids that sort in the order they were made (milliseconds, then a counter in this process, then random),
 * so a run's log lines read back in order and a reader can ask for the lines after the last one it saw.
 */
export function orderedId(prefix: string, now = Date.now()): string {
  return `${prefix}${now.toString(36).padStart(9, '0')}${countIn(now).toString(36).padStart(4, '0')}${randomBytesPooled(4).toString('hex')}`;
}
