import type { IncomingHttpHeaders } from 'node:http';
import { scanTemplate } from '../../jq/template-scanner.js';
import { RefusedTarget, type OutboundResponse } from './http-send.js';

/** Port's API hosts: Port's recipes call them, and Portico answers those calls itself. */
const PORT_API_HOSTS = new Set(['api.getport.io', 'api.us.getport.io', 'api.port.io', 'api.us.port.io']);

/**
 * Whether a URL's path has a `.` or `..` segment (also as `%2e`, or after `\\`, which URLs read as `/`;
 * tabs and newlines, which URLs drop, are dropped first). A template value such as an entity's identifier
 * (`x/../../../incident/entities/…`) would otherwise climb out of the route the template names, and reach
 * any route with the automation's token.
 */
function climbs(url: string): boolean {
  const path = url
    .replace(/[\t\n\r]/g, '')
    .replace(/^\s*[a-z][a-z0-9+.-]*:[/\\]*[^/\\?#]*/i, '')
    .split(/[?#]/)[0]!;
  return path.split(/[/\\]/).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/**
 * Whether an automation's WEBHOOK to `url` is answered in process: Port's API over https, or Portico's own
 * address (`portalUrl`, PORTICO_PUBLIC_URL).
 */
export function ownApiServes(url: string, portalUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (PORT_API_HOSTS.has(parsed.hostname)) return parsed.protocol === 'https:';
  if (!portalUrl) return false;
  const portal = new URL(portalUrl);
  return parsed.origin === portal.origin && parsed.pathname.startsWith(portal.pathname);
}

/**
 * An automation's URL template as it is sent to Portico's own API, or undefined when it is not addressed to
 * it: its address must be written in the template, up to the first `/` of its path, and every value put
 * into it is percent-encoded (jq's `@uri`). A value then names one thing, as an identifier with `/`, `?` or
 * `#` in it, and can add neither a route nor a query (`?delete_dependents=true`) to a call made with the
 * automation's token.
 */
export function ownApiTemplate(template: unknown, serves: (url: string) => boolean): string | undefined {
  if (typeof template !== 'string') return undefined;
  let parts;
  try {
    parts = scanTemplate(template);
  } catch {
    return undefined;
  }
  const first = parts[0];
  const address = first && 'text' in first ? first.text : '';
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*\//i.test(address) || !serves(address)) return undefined;
  return parts.map((part) => ('text' in part ? part.text : `{{ (${part.expression}) | @uri }}`)).join('');
}

export interface OwnRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** Portico's own API, answered in this process: what an automation's WEBHOOK to it goes through. */
export interface OwnApi {
  serves(url: string): boolean;
  send(request: OwnRequest, signal: AbortSignal): Promise<OutboundResponse>;
}

export interface OwnApiDeps {
  /** Where people reach Portico (PORTICO_PUBLIC_URL): calls to it are answered here too. */
  portalUrl?: string;
  /** The app's own router (Fastify's inject): the request goes through authentication and routing. */
  inject(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: string;
  }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    body: string;
  }>;
  /** A short-lived token of the automation. */
  token(automation: string): Promise<string>;
}

/**
 * The own API as an automation calls it: Port's recipes (`https://api.getport.io/v1/...`) and calls to
 * Portico's public URL are answered by this process's router, with a token of the automation's own identity
 * that never leaves the process (nor goes to Port), so "delete the environment when its TTL expires" needs
 * no stored token.
 */
export function ownApiFor(deps: OwnApiDeps, automation: string): OwnApi {
  const portal = deps.portalUrl ? new URL(deps.portalUrl) : undefined;
  const pathOf = (url: URL) => {
    const base = portal && url.origin === portal.origin ? portal.pathname.replace(/\/$/, '') : '';
    return url.pathname.slice(base.length) + url.search;
  };
  return {
    serves: (url) => ownApiServes(url, deps.portalUrl),
    async send(request, signal) {
      signal.throwIfAborted();
      if (climbs(request.url))
        throw new RefusedTarget(
          `${request.url} has a "." or ".." path segment: Portico's own API is not called with it`,
        );
      const headers = { ...request.headers, authorization: `Bearer ${await deps.token(automation)}` };
      const answer = await deps.inject({
        method: request.method,
        url: pathOf(new URL(request.url)),
        headers,
        ...(request.body !== undefined ? { payload: request.body } : {}),
      });
      const answered: IncomingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined) answered[name] = Array.isArray(value) ? value.join(', ') : String(value);
      return { status: answer.statusCode, headers: answered, body: answer.body };
    },
  };
}
