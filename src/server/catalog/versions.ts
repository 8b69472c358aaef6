import { preconditionFailed } from '../errors.js';

/**
 * The version a client sees of an entity or blueprint (its ETag and `version` field): how many times it
 * was written, and when it was created, so that one deleted and created again never matches an If-Match
 * sent for the one before.
 */
export const versionTag = (version: number, createdAt: string) =>
  `${version}-${Date.parse(createdAt).toString(36)}`;

/**
 * If-Match (RFC 9110 §13.1.1): the write goes ahead only if `current` is one of the `expected` versions,
 * or `*` is among them; otherwise 412, naming what changed.
 */
export function checkVersion(expected: readonly string[] | undefined, current: string, what: string) {
  if (!expected || expected.includes('*') || expected.includes(current)) return;
  throw preconditionFailed(
    `If-Match: ${what} is at version ${current}, not ${expected.join(' or ')}: it changed since you read it; read it again and reapply your change`,
  );
}
