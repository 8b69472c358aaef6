/** One server-sent event as a browser's EventSource reads it; a comment line has `comment` instead. */
export interface StreamEvent {
  event: string;
  id?: string;
  data: string;
  retry?: number;
  comment?: string;
}

/**
 * Opens a server-sent events stream over real HTTP and reads it as it comes: `events` grows as events
 * arrive, `next` waits for one that matches.
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: StreamEvent[] = [];
  let ended = false;
  let wake = () => {};
  const read = async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          events.push(parseEvent(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
          wake();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      wake();
    }
  };
  const reading = response.ok ? read() : Promise.resolve();

  /** The first event from `from` on that `matches`; throws after `timeoutMs` or when the stream ends. */
  async function next(matches: (event: StreamEvent) => boolean, timeoutMs = 5000, from = 0) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.slice(from).find(matches);
      if (found) return found;
      if (ended) throw new Error(`the stream ended before the event came: ${JSON.stringify(events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such event within ${timeoutMs} ms: ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return {
    response,
    events,
    next,
    get ended() {
      return ended;
    },
    /** Resolves once the server has ended the stream. */
    async ending(timeoutMs = 5000) {
      await Promise.race([
        reading,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the stream did not end')), timeoutMs)),
      ]);
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

export type EventStream = Awaited<ReturnType<typeof openEventStream>>;

function parseEvent(block: string): StreamEvent {
  const event: StreamEvent = { event: 'message', data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    const at = line.indexOf(':');
    const [field, value] = at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1).replace(/^ /, '')];
    if (field === 'event') event.event = value;
    else if (field === 'id') event.id = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry') event.retry = Number(value);
  }
  event.data = data.join('\n');
  return event;
}
