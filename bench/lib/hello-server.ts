/**
 * The machine's own limit for bench:actions: a Fastify process that does nothing but what every webhook
 * service must, answer 202 with an id and POST that id to a receiver (keep-alive, as Portico's deliveries
 * are). HELLO_TARGET is the receiver's URL; it prints `listening <port>`.
 *
 * With HELLO_DATABASE_URL (PostgreSQL), it also does the least that a durable dispatch must: the run is
 * written, in one statement and a commit that waits for the disk, before the 202, and marked delivered
 * once the receiver has answered. Nothing else: no credentials, no definitions, no audit, no queue.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import Fastify from 'fastify';
import pg from 'pg';

const target = new URL(process.env.HELLO_TARGET ?? '');
const agent = new http.Agent({ keepAlive: true });
const databaseUrl = process.env.HELLO_DATABASE_URL;
const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 10 }) : undefined;
await pool?.query(
  'create table if not exists hello_runs (id text primary key, payload jsonb not null, status text not null)',
);

function deliver(id: string) {
  const body = JSON.stringify({ runId: id });
  const request = http.request(target, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'webhook-id': id },
  });
  request.on('response', (response) => {
    response.resume();
    void pool?.query("update hello_runs set status = 'delivered' where id = $1", [id]);
  });
  request.on('error', () => {});
  request.end(body);
}

const app = Fastify({ logger: false });
app.post('/hello', async (request, reply) => {
  const id = randomUUID();
  await pool?.query("insert into hello_runs (id, payload, status) values ($1, $2, 'accepted')", [
    id,
    JSON.stringify(request.body),
  ]);
  setImmediate(deliver, id);
  return reply.status(202).send({ ok: true, run: { id } });
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
process.once(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool?.end())
      .then(() => process.exit(0)),
);
