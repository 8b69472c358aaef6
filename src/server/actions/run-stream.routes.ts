import { Type } from '@sinclair/typebox';
import type { RunLog } from '../../core/action.js';
import { withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import { isFinal } from './run-report.js';
import type { RunService } from './run.service.js';
import type { RunWatch } from './run-watch.js';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};
const POLL_MS = 2_000;
const PING_MS = 20_000;
const MAX_STREAM_MS = 60 * 60_000;
const LOGS_PER_READ = 500;
/** Log lines committed out of order across replicas arrive within this: they are read again, sent once. */
const LATE_LOG_MS = 5_000;

const logIdAt = (ms: number) => `log_${Math.max(0, ms).toString(36).padStart(9, '0')}`;

export function runStreamRoutes(app: App, runs: RunService, watch: RunWatch) {
  const open = new Set<() => void>();
  // Before the server waits for its connections to end: a stream might not for an hour.
  app.addHook('preClose', async () => open.forEach((close) => close()));
  app.get(
    '/v1/actions/runs/:run_id/stream',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['Action runs'],
        summary: "Portico: a run's changes and log lines as they happen (server-sent events)",
        description:
          'Events: `run` (the run, at once and whenever it changes), `log` (each log line, in order, the earlier ones first), `end` (the run has finished; the stream closes). A comment (`: ping`) comes every 20 seconds.',
        params: Type.Object({ run_id: Type.String({ minLength: 1, maxLength: 100 }) }),
        // Errors come before the stream opens (not_found), as JSON.
        response: {
          ...withErrors({}),
          200: {
            description: 'A stream of server-sent events, until the run ends or an hour has passed',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
        },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const id = request.params.run_id;
      let run = await runs.get(actor, id); // not_found before anything is streamed
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, SSE_HEADERS);
      const send = (event: string, data: unknown) => {
        if (!out.destroyed) out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      send('run', run);
      const sent = new Set<string>();
      let newest = '';
      let closed = false;
      let busy: Promise<void> | undefined;
      let again = false;

      async function readLogs() {
        const cutoff = logIdAt(Date.now() - LATE_LOG_MS);
        let after = newest && newest < cutoff ? newest : newest ? cutoff : '';
        for (;;) {
          const page: RunLog[] = await runs.logs(actor, id, {
            limit: LOGS_PER_READ,
            ...(after ? { after } : {}),
          });
          for (const log of page) {
            if (sent.has(log.id)) continue;
            sent.add(log.id);
            if (log.id > newest) newest = log.id;
            send('log', log);
          }
          if (page.length < LOGS_PER_READ) break;
          after = page.at(-1)!.id;
        }
        for (const seen of sent) if (seen < cutoff) sent.delete(seen);
      }

      async function pump() {
        await readLogs();
        const now = await runs.get(actor, id);
        if (now.updatedAt !== run.updatedAt || now.status !== run.status) send('run', (run = now));
        if (isFinal(run.status)) {
          await readLogs();
          send('end', {});
          close();
        }
      }

      function schedule() {
        if (closed) return;
        if (busy) {
          again = true;
          return;
        }
        busy = pump()
          .catch(() => close()) // gone or no longer visible: the stream ends
          .finally(() => {
            busy = undefined;
            if (again) {
              again = false;
              schedule();
            }
          });
      }

      const unwatch = await watch.watch(id, schedule);
      const poll = setInterval(schedule, POLL_MS);
      const ping = setInterval(() => !out.destroyed && out.write(': ping\n\n'), PING_MS);
      const limit = setTimeout(() => close(), MAX_STREAM_MS);
      function close() {
        if (closed) return;
        closed = true;
        open.delete(close);
        unwatch();
        clearInterval(poll);
        clearInterval(ping);
        clearTimeout(limit);
        if (!out.writableEnded) out.end();
      }
      open.add(close);
      out.once('close', close);
      schedule();
    },
  );
}
