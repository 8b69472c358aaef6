/** The few calls of Portico's (Port-compatible) API a runner makes, with a token kept fresh. */

export interface PorticoClientOptions {
  /** Where Portico is, e.g. http://localhost:7070 */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The limit of each request; a runner must not hang on a stuck connection. */
  timeoutMs?: number;
}

/** A claimed run (POST /v1/actions/runs/claim-pending): the run, and the request Portico would have sent. */
export interface ClaimedRun {
  id: string;
  action: { identifier: string } | string;
  invocation?:
    { url: string; method: string; headers: Record<string, string>; body?: string } | { error: string };
}

export interface RunReport {
  status?: 'SUCCESS' | 'FAILURE';
  statusLabel?: string;
  link?: string | string[];
  summary?: string;
  externalRunId?: string;
}

export class PorticoError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type PorticoClient = ReturnType<typeof createPorticoClient>;

export function createPorticoClient(options: PorticoClientOptions) {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  let token: { value: string; renewAt: number } | undefined;

  async function send(method: string, path: string, body: unknown, authorization?: string) {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(authorization ? { authorization } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PorticoError(
        0,
        `Portico (${base}) cannot be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    return { status: response.status, json: parseJson(await response.text()) };
  }

  async function accessToken(): Promise<string> {
    if (token && Date.now() < token.renewAt) return token.value;
    const { status, json } = await send('POST', '/v1/auth/access_token', {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
    });
    if (status !== 200)
      throw new PorticoError(status, `Portico refused the credentials: ${String(json.message)}`);
    // Renewed a minute before it expires, so that no request carries a token about to lapse.
    const lifetimeMs = Number(json.expiresIn) * 1000;
    token = {
      value: String(json.accessToken),
      renewAt: Date.now() + Math.max(lifetimeMs - 60_000, lifetimeMs / 2),
    };
    return token.value;
  }

  /** A call with the bearer token; a 401 (token revoked or rotated) gets one fresh token and one retry. */
  async function call(method: string, path: string, body?: unknown) {
    let answer = await send(method, path, body, `Bearer ${await accessToken()}`);
    if (answer.status === 401) {
      token = undefined;
      answer = await send(method, path, body, `Bearer ${await accessToken()}`);
    }
    if (answer.status >= 400)
      throw new PorticoError(
        answer.status,
        `${method} ${path}: HTTP ${answer.status}: ${String(answer.json.message)}`,
      );
    return answer.json;
  }

  const runPath = (runId: string) => `/v1/actions/runs/${encodeURIComponent(runId)}`;

  return {
    /** The run's status: IN_PROGRESS while a backend may work on it. */
    async status(runId: string): Promise<string> {
      const json = await call('GET', runPath(runId));
      return String((json.run as { status?: unknown } | undefined)?.status);
    },
    /** One line of the run's log, shown live on its page. */
    log: (runId: string, message: string) => call('POST', `${runPath(runId)}/logs`, { message }),
    /** The last line: the run ends with this status and can no longer change. */
    finish: (runId: string, status: 'SUCCESS' | 'FAILURE', message: string, statusLabel?: string) =>
      call('POST', `${runPath(runId)}/logs`, {
        message,
        terminationStatus: status,
        ...(statusLabel ? { statusLabel } : {}),
      }),
    /** A link, a label, a summary or an external id, without ending the run. */
    report: (runId: string, report: RunReport) => call('PATCH', runPath(runId), report),
    /** Creates or replaces an entity, recorded as written by the run. */
    upsertEntity: (blueprint: string, entity: Record<string, unknown>, runId: string, merge = false) =>
      call(
        'POST',
        `/v1/blueprints/${encodeURIComponent(blueprint)}/entities?upsert=true${merge ? '&merge=true' : ''}&run_id=${encodeURIComponent(runId)}`,
        entity,
      ),
    /** Pull mode: runs waiting for a runner, hidden from other runners for `visibilityTimeoutMs`. */
    async claim(request: {
      installationId: string;
      limit: number;
      visibilityTimeoutMs: number;
      /** Runs this runner passed over: not offered to it again. */
      exclude?: string[];
      /** Portico: only runs of these actions. */
      actions?: string[];
    }) {
      const json = await call('POST', '/v1/actions/runs/claim-pending', request);
      return json.runs as ClaimedRun[];
    },
    /** Pull mode: takes a claimed run for good; false when another runner took it first (409). */
    async ack(runId: string): Promise<boolean> {
      try {
        await call('PATCH', '/v1/actions/runs/ack', { runId });
        return true;
      } catch (error) {
        if (error instanceof PorticoError && error.status === 409) return false;
        throw error;
      }
    },
  };
}

/** A JSON object answer; anything else (a proxy's HTML page) as its text in `message`. */
function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : { message: text };
  } catch {
    return { message: text.slice(0, 200) };
  }
}
