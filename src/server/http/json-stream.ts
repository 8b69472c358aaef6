import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * `{...head, "entities": [...]}` written page by page as the pages come, so that an answer of a million
 * entities holds one page in memory at a time.
 */
export function entitiesStream(
  head: Record<string, unknown>,
  pages: AsyncIterable<readonly unknown[]>,
): Readable {
  async function* chunks() {
    const opening = JSON.stringify(head);
    yield `${opening.slice(0, -1)}${opening.length > 2 ? ',' : ''}"entities":[`;
    let first = true;
    for await (const page of pages) {
      if (!page.length) continue;
      // One stringify per page, its brackets cut off.
      yield `${first ? '' : ','}${JSON.stringify(page).slice(1, -1)}`;
      first = false;
    }
    yield ']}';
  }
  return Readable.from(chunks());
}

/**
 * Sends `entitiesStream(head, pages)` as JSON. The route's response schema still describes it (for the
 * document); a stream is written as it is, unserialised and unchecked.
 */
export function sendEntitiesStream(
  reply: FastifyReply,
  head: Record<string, unknown>,
  pages: AsyncIterable<readonly unknown[]>,
) {
  return reply.type('application/json; charset=utf-8').send(entitiesStream(head, pages));
}
