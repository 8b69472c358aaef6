import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ActionRun, RunLog } from '../../core/action';
import { api, seg } from './client';
import { applyRun, isActive, LOG_PAGE, runLogsAfter } from './run.queries';

/** Lines gather this long before the page draws them, so a chatty backend does not redraw per line. */
const FLUSH_MS = 250;
/** Without the stream (an older server, a proxy that buffers): how often the run and its logs are asked. */
const POLL_MS = 1500;

/** The lines of one run, in order, each once: merges what came from the stream and from catch-up reads. */
export class RunLogBuffer {
  private readonly seen = new Set<string>();
  private pending: RunLog[] = [];
  lastId: string | undefined;

  add(lines: RunLog[]) {
    for (const line of lines) {
      if (this.seen.has(line.id)) continue;
      this.seen.add(line.id);
      this.pending.push(line);
      if (this.lastId === undefined || line.id > this.lastId) this.lastId = line.id;
    }
  }

  /** The lines added since the last call, merged into `shown` in id order (ids sort as they were made). */
  drain(shown: RunLog[]): RunLog[] {
    if (!this.pending.length) return shown;
    const merged = [...shown, ...this.pending].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.pending = [];
    return merged;
  }
}

/**
 * A run's log lines, live while it runs: read from the start, then the run's event stream (`run` and `log`
 * events); a catch-up read after each (re)connection fills any gap. When the stream is not there, the run
 * and its new lines (`after` the last seen) are polled instead. Mount it keyed by the run's id.
 */
export function useRunLogs(run: ActionRun) {
  const queryClient = useQueryClient();
  const [logs, setLogs] = useState<RunLog[]>([]);
  const [error, setError] = useState<unknown>(null);
  const buffer = useRef(new RunLogBuffer());
  const active = isActive(run.status);

  useEffect(() => {
    const lines = buffer.current;
    const controller = new AbortController();
    let reading = Promise.resolve();
    const catchUp = () => {
      reading = reading
        .then(() => readNewLines(run.id, lines, controller.signal))
        .catch((caught) => {
          if (!controller.signal.aborted) setError(caught);
        });
      return reading;
    };
    const flush = () => setLogs((shown) => lines.drain(shown));
    void catchUp().then(flush);
    if (!active) return () => controller.abort();

    const flusher = setInterval(flush, FLUSH_MS);
    const stopWatching = watchRun(queryClient, run.id, lines, catchUp);
    return () => {
      controller.abort();
      clearInterval(flusher);
      stopWatching();
      flush();
    };
  }, [queryClient, run.id, active]);

  return { logs, error };
}

async function readNewLines(runId: string, lines: RunLogBuffer, signal: AbortSignal) {
  for (;;) {
    const page = await runLogsAfter(runId, lines.lastId, signal);
    lines.add(page);
    if (page.length < LOG_PAGE) return;
  }
}

/** Follows a run through its event stream, or by polling where there is none; answers how to stop. */
function watchRun(
  queryClient: QueryClient,
  runId: string,
  lines: RunLogBuffer,
  catchUp: () => Promise<void>,
): () => void {
  let poller: ReturnType<typeof setInterval> | undefined;
  const source = new EventSource(`/v1/actions/runs/${seg(runId)}/stream`, { withCredentials: true });
  source.addEventListener('open', () => void catchUp());
  source.addEventListener('log', (message) =>
    lines.add([JSON.parse((message as MessageEvent<string>).data)]),
  );
  source.addEventListener('run', (message) => {
    const run = JSON.parse((message as MessageEvent<string>).data) as ActionRun;
    // The last lines are written with the final status: read them before the stream closes.
    if (!isActive(run.status)) void catchUp().then(() => applyRun(queryClient, run));
    else applyRun(queryClient, run);
  });
  source.addEventListener('error', () => {
    // CLOSED: the server answered something else than a stream (no such route, refused); the browser will
    // not retry, so poll. Otherwise it reconnects by itself and `open` catches up.
    if (source.readyState !== EventSource.CLOSED || poller) return;
    const poll = async () => {
      await catchUp();
      const run = (await api.get<{ run: ActionRun }>(`/v1/actions/runs/${seg(runId)}`)).run;
      applyRun(queryClient, run);
    };
    poller = setInterval(() => void poll().catch(() => {}), POLL_MS);
  });
  return () => {
    source.close();
    clearInterval(poller);
  };
}
