/**
 * A request as the log shows it: its path and query string, so that an operator sees which flags a client
 * sent (`?upsert=true&merge=true`), with the values of parameters that may carry a secret replaced.
 */
export function loggedRequest(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: redactedUrl(request.url), remoteAddress: request.ip };
}

// Names that carry secrets in this API or in the clients that call it: a sign-in's code and state, a
// token or key of any kind, passwords, signatures. Matched anywhere in the name, whatever its case.
const SECRET_NAME =
  /token|secret|password|passwd|pwd|pass|code|state|key|sig|auth|credential|session|cookie|otp|jwt|hmac|assertion|bearer|private/i;
export const REDACTED = '[redacted]';

/** `url` with the value of every query parameter whose name may carry a secret replaced by [redacted]. */
export function redactedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const pairs = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judged as written.
      }
      return equals >= 0 && SECRET_NAME.test(name) ? `${rawName}=${REDACTED}` : pair;
    });
  return `${url.slice(0, at)}?${pairs.join('&')}`;
}
