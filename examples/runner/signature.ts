import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from this machine's clock before it is refused as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export interface SignedRequest {
  /** The x-port-timestamp header: seconds since the epoch. */
  timestamp: string | undefined;
  /** The x-port-signature header: "v1,<base64>" (several may be given, separated by spaces). */
  signature: string | undefined;
  /** The body exactly as received, before any JSON parsing. */
  body: string;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Port's signature check (docs: "Signature verification"): the signature is `v1,` + base64 of
 * HMAC-SHA256 over `<timestamp>.<raw body>`, keyed with the signing secret. A timestamp further than
 * `toleranceSeconds` from now is refused, so a captured delivery cannot be replayed later.
 */
export function verifySignature(
  request: SignedRequest,
  key: string,
  options: { toleranceSeconds?: number; nowMs?: number } = {},
): Verdict {
  const { timestamp, signature, body } = request;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'x-port-timestamp is missing' };
  if (!signature) return { ok: false, reason: 'x-port-signature is missing' };
  const age = Math.abs((options.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (age > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS))
    return { ok: false, reason: 'x-port-timestamp is too far from now (a replay, or a wrong clock)' };
  const expected = Buffer.from(signPayload(key, timestamp, body));
  const matches = signature
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? { ok: true } : { ok: false, reason: 'x-port-signature does not match the body' };
}

/** The signature Portico (and Port) send for `body` at `timestamp`. */
export function signPayload(key: string, timestamp: string, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('base64')}`;
}
