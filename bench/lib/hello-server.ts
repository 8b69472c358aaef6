/**
 * The machine's own limit for bench:actions: a Fastify process that does nothing but what every webhook
 * service must, answer 202 with an id and POST that id to a receiver (keep-alive, as Portico's deliveries
 * are). HELLO_TARGET is the receiver's URL; it prints `listening <port>`.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import Fastify from 'fastify';

const target = new URL(process.env.HELLO_TARGET ?? '');
const agent = new http.Agent({ keepAlive: true });

function deliver(id: string) {
  const body = JSON.stringify({ runId: id });
  const request = http.request(target, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'webhook-id': id },
  });
  request.on('response', (response) => response.resume());
  request.on('error', () => {});
  request.end(body);
}

const app = Fastify({ logger: false });
app.post('/hello', async (_request, reply) => {
  const id = randomUUID();
  setImmediate(deliver, id);
  return reply.status(202).send({ ok: true, run: { id } });
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
