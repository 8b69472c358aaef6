import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runner } from './runner.js';
import { verifySignature } from './signature.js';

export interface WebhookServerOptions {
  runner: Runner;
  /** The key Portico signs with: PORTICO_WEBHOOK_SECRET (or the admin client secret). */
  signingKey: string;
  port: number;
  host: string;
  toleranceSeconds?: number;
  /** Larger bodies are refused (413) before they are read to the end. */
  maxBodyBytes?: number;
}

const answer = (response: ServerResponse, status: number, body: Record<string, unknown>) => {
  // After a refusal the rest of a body is not read: the connection closes instead.
  const close = status >= 400 ? { connection: 'close' } : {};
  response.writeHead(status, { 'content-type': 'application/json', ...close });
  response.end(JSON.stringify(body));
};

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Receives Portico's webhooks: checks the signature over the raw body, answers 202 at once (Portico waits
 * only so long, and retries what it thinks failed), then does the work and reports back through the API.
 */
export async function startWebhookServer(options: WebhookServerOptions) {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (request.method === 'GET' && request.url === '/healthz') return answer(response, 200, { ok: true });
    if (request.method !== 'POST') return answer(response, 405, { ok: false, message: 'POST only' });
    const raw = await readBody(request, maxBodyBytes);
    if (raw === undefined) return answer(response, 413, { ok: false, message: 'The body is too large' });
    const verdict = verifySignature(
      {
        timestamp: header(request, 'x-port-timestamp'),
        signature: header(request, 'x-port-signature'),
        body: raw,
      },
      options.signingKey,
      options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {},
    );
    if (!verdict.ok) return answer(response, 401, { ok: false, message: verdict.reason });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return answer(response, 400, { ok: false, message: 'The body is not JSON' });
    }
    // The signed body names the run; Portico's webhook-id header carries the same id on every attempt.
    const runId = typeof body.runId === 'string' ? body.runId : header(request, 'webhook-id');
    if (!runId) return answer(response, 400, { ok: false, message: 'runId: the body names no run' });
    const path = new URL(request.url ?? '/', 'http://runner').pathname;
    const accepted = options.runner.accept(runId, path, body);
    answer(response, 202, { ok: true, runId, duplicate: !accepted });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 500, { ok: false, message: 'The runner failed' }));
  });
  // A client that never finishes sending its body must not hold a connection for ever.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The body as text, or undefined once it grows past `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    if (Number(request.headers['content-length']) > limit) return resolve(undefined);
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size - chunk.length <= limit) resolve(undefined);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
