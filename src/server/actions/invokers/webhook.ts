import { createHmac } from 'node:crypto';
import type { JsonObject } from '../../../core/blueprint.js';
import type { RenderTemplate } from '../run-policy.js';
import { retryAfterMs, sendHttp, RefusedTarget, type OutboundResponse } from './http-send.js';
import { ownApiTemplate, type OwnApi } from './own-api.js';
import type { PrivateTargets } from './outbound.js';

export interface WebhookTools {
  render: RenderTemplate;
  /** The organisation's secrets, decrypted, for `{{ .secrets.NAME }}`. */
  secrets(): Promise<Record<string, string>>;
  /** Masks every secret value inside a value (strings and keys). */
  redact<T>(value: T, secretValues: readonly string[]): T;
  /** The key of x-port-signature: PORTICO_WEBHOOK_SECRET, else the admin client secret (as Port does). */
  signingKey(): Promise<string>;
  allowPrivate: PrivateTargets;
  /** For an automation's runs: Portico's own API, answered in this process with the automation's token. */
  ownApi?: OwnApi;
}

/** What one delivery came to, for the run and the job queue. */
export type DeliveryResult =
  | { kind: 'delivered'; payload: JsonObject; response: OutboundResponse; synchronized: boolean }
  | { kind: 'retry'; payload: JsonObject | null; reason: string; retryAfterMs?: number }
  | { kind: 'failed'; payload: JsonObject | null; reason: string };

/** Port's signature: `v1,` + base64 HMAC-SHA256 of `<timestamp>.<body>` (§5.5). */
export function signWebhook(key: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('base64')}`;
}

const asBoolean = (value: unknown) => value === true || value === 'true';

/** A rendered, signed request, and what the run keeps of it (secrets masked). */
export interface RenderedWebhook {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  payload: JsonObject;
  synchronized: boolean;
  secretValues: string[];
}

/**
 * Renders a WEBHOOK invocation over the run's trigger data (with `.secrets`) and signs it as Port does;
 * a template that fails is the run's failure (its message with secrets masked).
 */
export async function renderWebhook(
  written: JsonObject,
  trigger: JsonObject,
  runId: string,
  tools: WebhookTools,
): Promise<RenderedWebhook | { error: string }> {
  const secrets = await tools.secrets();
  const secretValues = Object.values(secrets);
  const ownUrl = tools.ownApi && ownApiTemplate(written.url, tools.ownApi.serves);
  const invocation = ownUrl === undefined ? written : { ...written, url: ownUrl };
  let rendered: JsonObject;
  try {
    rendered = (await tools.render(
      { url: invocation.url, headers: invocation.headers ?? {}, body: invocation.body ?? {} },
      { ...trigger, secrets },
    )) as JsonObject;
  } catch (error) {
    const reason = secretValues.length
      ? await maskedFailure(invocation, trigger, secrets, tools)
      : (error as Error).message;
    return { error: tools.redact(`The webhook could not be rendered: ${reason}`, secretValues) };
  }
  const method = String(invocation.method ?? 'POST');
  const synchronized = asBoolean(invocation.synchronized);
  const url = String(rendered.url);
  // A URL of Portico's own API that a value made (`{{ .event.diff.after.properties.callback }}`) would call
  // it with the automation's token wherever the data points: only an address the automation names is.
  if (tools.ownApi?.serves(url) && ownUrl === undefined)
    return {
      error: tools.redact(
        `${url} is Portico's own API, reached from a value of the URL's template: an automation calls it only at an address written in its URL`,
        secretValues,
      ),
    };
  const body = method === 'GET' ? undefined : JSON.stringify(rendered.body ?? {});
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((rendered.headers as JsonObject) ?? {}))
    if (value !== null && value !== undefined)
      headers[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
  Object.assign(headers, {
    'content-type': 'application/json',
    'x-port-timestamp': String(timestamp),
    'x-port-signature': signWebhook(await tools.signingKey(), timestamp, body ?? ''),
    // The same on every attempt, so a backend can tell a retry from a new run (Standard Webhooks' webhook-id).
    'webhook-id': runId,
    'x-portico-run-id': runId,
  });
  // What the run keeps: rendered again with every secret as its mask, so that a value a template derived
  // from a secret (a slice, a case change) is not kept either; then masked once more.
  const shown: JsonObject = secretValues.length
    ? await maskedRender(invocation, trigger, secrets, tools).catch(() => ({ url, body: {}, headers: {} }))
    : rendered;
  const payload = tools.redact(
    {
      type: 'WEBHOOK',
      url: String(shown.url),
      agent: asBoolean(invocation.agent),
      synchronized,
      method,
      headers: shown.headers ?? {},
      body: shown.body ?? {},
    },
    secretValues,
  ) as JsonObject;
  return {
    url,
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    payload,
    synchronized,
    secretValues,
  };
}

async function maskedRender(
  invocation: JsonObject,
  trigger: JsonObject,
  secrets: Record<string, string>,
  tools: WebhookTools,
): Promise<JsonObject> {
  const masks = Object.fromEntries(Object.keys(secrets).map((name) => [name, '****']));
  return (await tools.render(
    { url: invocation.url, headers: invocation.headers ?? {}, body: invocation.body ?? {} },
    { ...trigger, secrets: masks },
  )) as JsonObject;
}

/**
 * Why a template failed, told without the secrets: its error quotes the values it failed on, and a value
 * derived from a secret (a case change, a slice) is no secret value to mask. So the template is rendered
 * again with every secret as its mask and that failure is told; if it then succeeds, the failure was on a
 * value derived from a secret, and only that is said.
 */
async function maskedFailure(
  invocation: JsonObject,
  trigger: JsonObject,
  secrets: Record<string, string>,
  tools: WebhookTools,
): Promise<string> {
  try {
    await maskedRender(invocation, trigger, secrets, tools);
  } catch (error) {
    return (error as Error).message;
  }
  return 'it failed on a value derived from a secret (not shown)';
}

/**
 * Renders and sends a WEBHOOK invocation and says what happened: 2xx delivered; 429, 5xx and network
 * errors retry (honouring Retry-After); other 4xx, a refused address or a template error fail at once.
 */
export async function deliverWebhook(
  invocation: JsonObject,
  trigger: JsonObject,
  runId: string,
  tools: WebhookTools,
  signal: AbortSignal,
): Promise<DeliveryResult> {
  const request = await renderWebhook(invocation, trigger, runId, tools);
  if ('error' in request) return { kind: 'failed', payload: null, reason: request.error };
  const { payload, secretValues, synchronized } = request;
  let response: OutboundResponse;
  try {
    response = tools.ownApi?.serves(request.url)
      ? await tools.ownApi.send(request, signal)
      : await sendHttp({ ...request, signal, allowPrivate: tools.allowPrivate });
  } catch (error) {
    const reason = tools.redact(describe(error, signal), secretValues);
    return error instanceof RefusedTarget
      ? { kind: 'failed', payload, reason }
      : { kind: 'retry', payload, reason };
  }
  if (response.status >= 200 && response.status < 300) {
    const body = tools.redact(response.body, secretValues);
    return { kind: 'delivered', payload, response: { ...response, body }, synchronized };
  }
  const reason = `The backend answered HTTP ${response.status}`;
  if (response.status === 429 || response.status >= 500) {
    const after = retryAfterMs(response.headers['retry-after']);
    return { kind: 'retry', payload, reason, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  return { kind: 'failed', payload, reason };
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'The backend did not answer in time';
  const { code, message } = error as NodeJS.ErrnoException;
  return `The backend could not be reached: ${code ?? message}`;
}
