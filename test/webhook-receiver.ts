import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as sent (what a backend verifies the signature over). */
  raw: string;
  body: unknown;
  at: number;
}

/** How the receiver answers a request; by default 200 `{"ok": true}`. */
export type Responder = (
  request: ReceivedRequest,
  response: ServerResponse,
) => void | { status: number; body?: unknown; headers?: Record<string, string> };

/** A real HTTP server on 127.0.0.1 that records what webhooks deliver to it. */
export async function startWebhookReceiver(responder?: Responder) {
  const received: ReceivedRequest[] = [];
  let answer = responder;
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      const request = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        raw,
        body,
        at: Date.now(),
      };
      received.push(request);
      const reply = answer ? answer(request, response) : { status: 200, body: { ok: true } };
      if (!reply) return; // the responder answers (or never does) by itself
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond(next: Responder | undefined) {
      answer = next;
    },
    /** Waits until `count` requests (to `path`, if given) have arrived, and answers them. */
    async waitFor(count: number, path?: string) {
      const matching = () => received.filter((r) => path === undefined || r.path === path);
      await expect.poll(() => matching().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
      return matching();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
