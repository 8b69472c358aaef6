import type { Actor } from '../identity/actor.js';

/** Where a stream's text goes: the HTTP response. */
export interface StreamOutput {
  write(text: string): void;
  /** Bytes written that the client has not taken yet. */
  backlog(): number;
  end(): void;
}

export interface StreamSettings {
  heartbeatMs: number;
  /** The pause the browser makes before it connects again (EventSource's `retry`). */
  retryMs: number;
  /** The caller as its credentials say now; undefined once they no longer sign it in. */
  recheck(): Promise<Actor | undefined>;
  onClose(stream: LiveStream): void;
}

/** Past this many bytes a client has not read, its stream ends: it connects again and reloads. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * One browser tab's server-sent events. Every heartbeat the caller is signed in again from the request's
 * credentials: a session that ended or a user disabled ends the stream, a change of teams applies.
 */
export class LiveStream {
  private sent = 0;
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    public actor: Actor,
    private readonly output: StreamOutput,
    private readonly settings: StreamSettings,
  ) {
    this.write(`retry: ${settings.retryMs}\n\n`);
    this.send('ready', {});
    this.heartbeat = setInterval(() => void this.beat(), settings.heartbeatMs);
  }

  get open() {
    return !this.closed;
  }

  /** An event; `data` is one line of JSON. */
  send(event: string, data: unknown) {
    this.sent += 1;
    this.write(`event: ${event}\nid: ${this.sent}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.output.end();
    this.settings.onClose(this);
  }

  private write(text: string) {
    if (this.closed) return;
    this.output.write(text);
    if (this.output.backlog() > MAX_BACKLOG_BYTES) this.close();
  }

  private async beat() {
    this.write(': ping\n\n');
    const actor = await this.settings.recheck();
    if (actor) this.actor = actor;
    else this.close();
  }
}
