import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local webhook receiver: notes when each delivery (by its webhook-id) arrived, answers 200 at once. */
export async function startReceiver() {
  const arrivals = new Map<string, number>();
  let deliveries = 0;
  let waiting: { ids: Set<string>; resolve: () => void } | undefined;
  const server = createServer((request: IncomingMessage, response) => {
    request.resume();
    request.on('end', () => {
      const at = performance.now();
      const id = String(request.headers['webhook-id']);
      deliveries += 1;
      if (!arrivals.has(id)) arrivals.set(id, at);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (waiting?.ids.delete(id) && waiting.ids.size === 0) waiting.resolve();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    /** Every request, repeated ones included. */
    deliveries: () => deliveries,
    /** Resolves once every one of `ids` has arrived (or rejects after `ms`). */
    waitFor(ids: readonly string[], ms = 120_000) {
      const missing = new Set(ids.filter((id) => !arrivals.has(id)));
      if (missing.size === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          reject(new Error(`${missing.size} of ${ids.length} deliveries had not arrived after ${ms} ms`));
        }, ms);
        waiting = {
          ids: missing,
          resolve: () => {
            clearTimeout(timer);
            waiting = undefined;
            resolve();
          },
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
