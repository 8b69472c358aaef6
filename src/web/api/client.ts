/** Every non-2xx answer, as one error the pages can show: Port's envelope `{error, message, details}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The input field a refusal names (`properties.owner`, `identifier`…), when the server says. */
  get field(): string | undefined {
    return typeof this.details.field === 'string' ? this.details.field : undefined;
  }
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

let csrfToken = '';
let onSessionLost: () => void = () => {};

/** The session's CSRF token, sent with every write the cookie authenticates. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Called when a request of a signed-in page answers 401: the session ended (expired, signed out elsewhere). */
export function whenSessionLost(handler: () => void) {
  onSessionLost = handler;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Sign-in and session checks answer 401 as a normal outcome. */
  expectUnauthenticated?: boolean;
}

export interface ApiResponse<T> {
  body: T;
  headers: Headers;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Portico cannot be reached: check your connection and try again');
  }
  const text = await response.text();
  const body = text ? parseJson(text) : {};
  if (response.ok) return { body: body as T, headers: response.headers } satisfies ApiResponse<T>;
  if (response.status === 401 && !options.expectUnauthenticated) onSessionLost();
  const envelope = (body ?? {}) as { error?: string; message?: string; details?: Record<string, unknown> };
  throw new ApiError(
    response.status,
    envelope.error ?? `http_${response.status}`,
    envelope.message ?? `${method} ${path} answered ${response.status} ${response.statusText}`,
    envelope.details,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

export const api = {
  get: async <T>(path: string, signal?: AbortSignal) => (await request<T>('GET', path, { signal })).body,
  post: async <T>(path: string, body?: unknown, signal?: AbortSignal) =>
    (await request<T>('POST', path, { body, signal })).body,
  patch: async <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    (await request<T>('PATCH', path, { body, headers })).body,
  put: async <T>(path: string, body: unknown) => (await request<T>('PUT', path, { body })).body,
  delete: async <T>(path: string) => (await request<T>('DELETE', path)).body,
};

/** A path segment: identifiers may hold `/`, `?`, `#` or spaces. */
export const seg = (value: string) => encodeURIComponent(value);
