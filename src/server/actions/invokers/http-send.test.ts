import { once } from 'node:events';
import net from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { sendHttp } from './http-send.js';

// A backend that answers the first request of each connection and keeps it open, then resets the
// connection when a second request comes on it: what a backend that closed an idle connection looks like
// to a client that had already reused it.
const connections: net.Socket[] = [];
const server = net.createServer((socket) => {
  connections.push(socket);
  let requests = 0;
  socket.on('data', (data) => {
    if (!data.toString().includes('\r\n\r\n')) return;
    requests += 1;
    if (requests === 1)
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
    else socket.resetAndDestroy();
  });
  socket.on('error', () => undefined);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
afterAll(() => server.close());

const send = () =>
  sendHttp({
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hook`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(5_000),
    allowPrivate: true,
  });

it('sends a request again on a new connection when the kept-alive one it went out on was reset unanswered', async () => {
  expect((await send()).body).toBe('ok');
  // Goes out on the kept-alive connection, which the backend resets: sent again on a new one.
  expect((await send()).body).toBe('ok');
  expect(connections.length).toBe(2);
});
