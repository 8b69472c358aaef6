import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { GHOST_TAG, HIDDEN_TAG } from './catalog.js';
import type { FuzzRequest, FuzzRoute } from './requests.js';

export interface FuzzAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends fuzz requests in memory (inject) or over a real socket, where the path goes out byte for byte. */
export async function createSender(app: FastifyInstance) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  // A connection per request: the server may close a kept-alive socket after answering 401 to a request
  // whose body it did not read, and the next request on it would fail for that reason alone.
  const agent = new Agent({ keepAlive: false, maxSockets: 4 });

  function overHttp(request: FuzzRequest, headers: Record<string, string>): Promise<FuzzAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: request.method,
          path: request.url,
          agent,
          headers: {
            ...headers,
            ...(request.body === undefined
              ? {}
              : {
                  'content-type': request.contentType ?? 'application/json',
                  'content-length': String(Buffer.byteLength(request.body)),
                }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          // Server-sent events go on for as long as the client listens: what came in 200 ms is the answer.
          if (String(response.headers['content-type']).startsWith('text/event-stream'))
            setTimeout(() => response.destroy(), 200);
          response.on('close', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: flatten(response.headers),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: flatten(response.headers),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', (error) => {
        // Node's HTTP server refuses a request line past its 16 KiB header limit before the app sees it
        // (431, then the socket closes, often while the client is still writing).
        if (request.url.length > 16 * 1024) resolve({ status: 431, headers: {}, body: '' });
        else reject(new Error(`${error.message}: ${request.method} ${request.url.slice(0, 300)}`));
      });
      outgoing.end(request.body);
    });
  }

  async function inMemory(request: FuzzRequest, headers: Record<string, string>): Promise<FuzzAnswer> {
    const response = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: {
        ...headers,
        ...(request.body === undefined ? {} : { 'content-type': request.contentType ?? 'application/json' }),
      },
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    return { status: response.statusCode, headers: flatten(response.headers), body: response.body };
  }

  return {
    send: (request: FuzzRequest, headers: Record<string, string>) =>
      request.transport === 'http' ? overHttp(request, headers) : inMemory(request, headers),
    close: () => agent.destroy(),
  };
}

function flatten(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  );
}

/** The text of a request as the server may read it: raw, percent-decoded and with JSON escapes undone. */
export function requestText(request: FuzzRequest): string {
  const parts = [request.url, decodeLoosely(request.url), decodeLoosely(decodeLoosely(request.url))];
  if (request.body !== undefined) {
    parts.push(request.body);
    try {
      parts.push(JSON.stringify(JSON.parse(request.body)));
      parts.push(JSON.stringify(JSON.parse(request.body), null, 0).replace(/\\"/g, '"'));
    } catch {
      /* not JSON: the raw text is all there is */
    }
  }
  return parts.join('\n');
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** Hidden strings in an answer that the request did not carry itself. */
export function leakedMarkers(answer: FuzzAnswer, request: FuzzRequest, hiddenMarkers: string[]): string[] {
  const sent = requestText(request);
  const received = [answer.body, ...Object.values(answer.headers)].join('\n');
  const unescaped = received.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  const found = new Set<string>();
  for (const text of [received, unescaped]) {
    for (const marker of hiddenMarkers)
      if (text.includes(marker) && !sent.includes(marker)) found.add(marker);
    if (text.includes(HIDDEN_TAG) && !sent.includes(HIDDEN_TAG)) found.add(HIDDEN_TAG);
  }
  return [...found];
}

const count = (text: string, tag: string) => text.split(tag).length - 1;

/**
 * The same request naming the ghost instead of the hidden entities, or undefined if it names none, or
 * names the ghost already, or spells the hidden tag percent-encoded somewhere (not a faithful swap).
 */
export function ghostOf(request: FuzzRequest): FuzzRequest | undefined {
  const body = request.body ?? '';
  if (!request.url.includes(HIDDEN_TAG) && !body.includes(HIDDEN_TAG)) return undefined;
  if (requestText(request).includes(GHOST_TAG)) return undefined;
  if (count(decodeLoosely(request.url), HIDDEN_TAG) !== count(request.url, HIDDEN_TAG)) return undefined;
  return {
    ...request,
    url: request.url.replaceAll(HIDDEN_TAG, GHOST_TAG),
    ...(request.body === undefined ? {} : { body: body.replaceAll(HIDDEN_TAG, GHOST_TAG) }),
  };
}

/** The ghost's tag back to the hidden one, also where a message quotes the request cut short ("…gw3"). */
function unghost(text: string): string {
  let out = text.replaceAll(GHOST_TAG, HIDDEN_TAG);
  for (let length = GHOST_TAG.length - 1; length >= 3; length -= 1) {
    out = out.replaceAll(GHOST_TAG.slice(0, length), HIDDEN_TAG.slice(0, length));
    out = out.replaceAll(GHOST_TAG.slice(-length), HIDDEN_TAG.slice(-length));
  }
  return out;
}

const VOLATILE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'retry-after']);

/** What must be equal between the answers for a hidden entity and for a missing one. */
export function comparable(answer: FuzzAnswer, fromGhost: boolean) {
  // A page cursor carries a hash of the query, which names the ghost in one request and not the other.
  const body = (fromGhost ? unghost(answer.body) : answer.body).replace(
    /"next":"[^"]*"/g,
    '"next":"<cursor>"',
  );
  const headers = Object.fromEntries(
    Object.entries(answer.headers)
      .filter(([name]) => !VOLATILE_HEADERS.has(name))
      .map(([name, value]) => [name, fromGhost ? unghost(value) : value]),
  );
  return { status: answer.status, headers, body };
}

/** Clients resolve . and .. segments before sending, so such a path may reach any route. */
export function hasDotSegment(url: string): boolean {
  return /(^|\/)(\.|%2e){1,2}(\/|\?|$)/i.test(url.split('?')[0]!);
}

export function describeRequest(route: FuzzRoute, actor: string, request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ''
      : ` body ${request.body.length > 600 ? `${request.body.slice(0, 600)}… (${request.body.length} chars)` : request.body}`;
  return `${actor} via ${request.transport}: ${request.method} ${request.url.length > 400 ? `${request.url.slice(0, 400)}…` : request.url}${body} [route ${route.method} ${route.template}]`;
}
