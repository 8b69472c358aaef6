import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, refusalOf, type PrivateTargets } from './outbound.js';

export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  allowPrivate: PrivateTargets;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** At most MAX_RESPONSE_BYTES of the body, as text. */
  body: string;
}

/** A refusal that no retry can change: the URL or its address is not allowed. */
export class RefusedTarget extends Error {}

/** The part of a response a run keeps; a backend's answer beyond this is cut. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

// One pool per protocol and process: deliveries to the same backend reuse their connections.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * Sends one HTTP request with Node's own client, connecting only to addresses the policy allows (checked
 * at connection time, after DNS). Rejects on network errors and on `signal`. A request that went out on a
 * kept-alive connection which the backend had closed meanwhile (reset before any answer) is sent again at
 * once on a new one, as Node's documentation advises: the backend closed it idle, so it never read it.
 */
export async function sendHttp(request: OutboundRequest): Promise<OutboundResponse> {
  try {
    return await sendOnce(request);
  } catch (error) {
    if (!(error as { onIdleConnection?: boolean }).onIdleConnection || request.signal.aborted) throw error;
    return sendOnce(request);
  }
}

function sendOnce(request: OutboundRequest): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.reject(new RefusedTarget(`"${request.url}" is not a URL`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new RefusedTarget(`${url.protocol} is not http or https`));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node connects to an address literal without a lookup: it is checked here instead.
  const literalRefusal = isIP(host) ? refusalOf(host, request.allowPrivate) : undefined;
  if (literalRefusal) return Promise.reject(new RefusedTarget(literalRefusal));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let outgoing: http.ClientRequest;
    let answered = false;
    try {
      outgoing = client.request(
        url,
        {
          method: request.method,
          headers: request.headers,
          agent: agents[url.protocol as 'http:' | 'https:'],
          lookup: guardedLookup(request.allowPrivate) as never,
          signal: request.signal,
        },
        (incoming) => {
          answered = true;
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on('data', (chunk: Buffer) => {
            if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
            size += chunk.length;
          });
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          incoming.on('error', reject);
        },
      );
    } catch (error) {
      // A header that cannot be sent (a line break, a character HTTP forbids): no retry will change it.
      return reject(new RefusedTarget(`a header cannot be sent: ${(error as Error).message}`));
    }
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPORTICO_PRIVATE') return reject(new RefusedTarget(error.message));
      const idleClosed = outgoing.reusedSocket && error.code === 'ECONNRESET' && !answered;
      reject(idleClosed ? Object.assign(error, { onIdleConnection: true }) : error);
    });
    outgoing.end(request.body);
  });
}

/** A Retry-After header in milliseconds (seconds or an HTTP date), capped at an hour. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 3_600_000) : undefined;
}
