import type { ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import { withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import type { Actor } from '../identity/actor.js';
import type { IncomingRequest } from '../identity/request-auth.js';
import type { LiveService } from './live.service.js';
import type { StreamOutput } from './live-stream.js';

const STREAM_DESCRIPTION = `Server-sent events (text/event-stream) telling what changed in the catalog, through the API, another
browser or another replica, about a second at most after it committed. One stream per browser tab; at most
20 per caller (429 too_many_streams beyond). Each event's data is one line of JSON:

- \`ready\` \`{}\`: the stream hears changes from now on. After a reconnection, reload what is shown.
- \`change\` \`{"changes": [...]}\`, each one of
  \`{"kind": "entity", "blueprint", "identifier", "action": "created" | "updated" | "deleted"}\`,
  \`{"kind": "blueprint", "blueprint", "action": "created" | "updated" | "deleted"}\` (its definition or
  permissions), \`{"kind": "entities", "blueprint", "action": "changed"}\` (many of its entities: reload them).
- \`reset\` \`{}\`: changes may have been missed; reload what is shown.

An entity change reaches only callers who may read the entity. A comment (\`: ping\`) comes every 20
seconds; the stream ends when the caller's session or token no longer signs it in.`;

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // Proxies such as nginx would otherwise hold events back until their buffer fills.
  'x-accel-buffering': 'no',
};

export function liveRoutes(
  app: App,
  live: LiveService,
  authenticate: (request: IncomingRequest) => Promise<Actor>,
) {
  app.get(
    '/v1/stream',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['Live updates'],
        summary: 'Hear changes to entities and blueprints as they happen',
        description: STREAM_DESCRIPTION,
        response: withErrors({
          // Not JSON: declared by its media type (the contract check reads JSON answers only).
          200: Type.Unsafe<string>({
            description: 'An endless stream of server-sent events',
            content: { 'text/event-stream': { schema: Type.String() } },
          }),
        }),
      },
    },
    async (request, reply) => {
      // The client may leave while the stream is being opened.
      let gone = false;
      const leave = () => void (gone = true);
      reply.raw.once('close', leave);
      const stream = await live.open(
        request.actor,
        () => authenticate(request),
        () => {
          reply.hijack();
          reply.raw.writeHead(200, SSE_HEADERS);
          return responseOutput(reply.raw);
        },
      );
      reply.raw.off('close', leave);
      if (gone) stream.close();
      else reply.raw.once('close', () => stream.close());
    },
  );
  // Before the server waits for its connections to end: a stream never would.
  app.addHook('preClose', async () => live.close());
}

function responseOutput(response: ServerResponse): StreamOutput {
  return {
    write: (text) => {
      if (!response.destroyed) response.write(text);
    },
    backlog: () => response.writableLength,
    end: () => {
      if (!response.writableEnded) response.end();
    },
  };
}
