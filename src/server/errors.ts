/**
 * The domain errors services throw. Each carries a stable snake_case code and a message that names the
 * field at fault; http/error-handler.ts maps them to Port's envelope and status codes.
 */
export type DomainErrorKind =
  | 'input'
  | 'unprocessable'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  | 'too_large'
  | 'too_many_requests'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  input: 400,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
};

export const badInput = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('input', code, message, details);
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('unprocessable', code, message, details);
export const unauthenticated = (message: string) =>
  new DomainError('unauthenticated', 'unauthorized', message);
export const forbidden = (message: string) => new DomainError('forbidden', 'forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', 'not_found', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
/** An If-Match that names a version other than the current one: the client has not seen a change. */
export const preconditionFailed = (message: string) =>
  new DomainError('precondition', 'precondition_failed', message);
export const tooLarge = (message: string) => new DomainError('too_large', 'payload_too_large', message);
/** Sent with a Retry-After header of `retryAfterSeconds`. */
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError('too_many_requests', 'too_many_requests', message, { retryAfterSeconds });
/** Something Portico depends on (an SSO provider, say) cannot be reached now. */
export const unavailable = (message: string) =>
  new DomainError('unavailable', 'service_unavailable', message);
