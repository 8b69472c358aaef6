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
 * A run's log lines, live while it runs. An ended run's are read page by page; a running one's come from its
 * event stream (`run`, `log` from the first line on, `end`), which the browser resumes by itself after a
 * dropped connection (lines are kept once each). Where the stream cannot be opened, the run and its new lines
 * (`after` the last seen) are polled instead. Mount it keyed by the run's id.
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
    const flush = () => setLogs((shown) => lines.drain(shown));
    const catchUp = () =>
      readNewLines(run.id, lines, controller.signal).catch((caught) => {
        if (!controller.signal.aborted) setError(caught);
      });
    if (!active) {
      // Also the last lines of a run that has just ended, should the stream have closed before them.
      void catchUp().then(flush);
      return () => controller.abort();
    }
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
  source.addEventListener('log', (message) =>
    lines.add([JSON.parse((message as MessageEvent<string>).data)]),
  );
  source.addEventListener('run', (message) =>
    applyRun(queryClient, JSON.parse((message as MessageEvent<string>).data) as ActionRun),
  );
  // The server closes the stream after this; without close() the browser would open it again.
  source.addEventListener('end', () => source.close());
  source.addEventListener('error', () => {
    // CLOSED: the server answered something other than a stream (refused, not found); the browser will not
    // try again, so poll. Otherwise it reconnects by itself.
    if (source.readyState !== EventSource.CLOSED || poller) return;
    const poll = async () => {
      await catchUp();
      applyRun(queryClient, (await api.get<{ run: ActionRun }>(`/v1/actions/runs/${seg(runId)}`)).run);
    };
    void poll().catch(() => {});
    poller = setInterval(() => void poll().catch(() => {}), POLL_MS);
  });
  return () => {
    source.close();
    clearInterval(poller);
  };
}
