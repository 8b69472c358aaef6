import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * `{...head, "entities": [...]}` written page by page as the pages come (each the JSON text of its
 * entities, comma-separated, without brackets), so that an answer of a million entities holds one page in
 * memory at a time.
 */
export function entitiesStream(head: Record<string, unknown>, pages: AsyncIterable<string>): Readable {
  async function* chunks() {
    yield entitiesOpening(head);
    let first = true;
    for await (const page of pages) {
      if (!page.length) continue;
      yield `${first ? '' : ','}${page}`;
      first = false;
    }
    yield ']}';
  }
  // As bytes, not objects: an object stream would buffer 16 pages ahead of a slow client.
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Sends `entitiesStream(head, pages)` as JSON. The route's response schema still describes it (for the
 * document); a stream is written as it is, unserialised and unchecked.
 */
export function sendEntitiesStream(
  reply: FastifyReply,
  head: Record<string, unknown>,
  pages: AsyncIterable<string>,
) {
  return reply.type('application/json; charset=utf-8').send(entitiesStream(head, pages));
}

/** JSON text written already (by the database), sent as it is: Fastify sends a string unserialised. */
export function sendJsonText(reply: FastifyReply, text: string) {
  return reply.type('application/json; charset=utf-8').send(text);
}

/** `{...head, "entities": [...], ...tail}` as one text, of `parts` as entitiesStream takes its pages. */
export function entitiesText(
  head: Record<string, unknown>,
  parts: readonly string[],
  tail: Record<string, unknown> = {},
): string {
  const closing = JSON.stringify(tail);
  return `${entitiesOpening(head)}${parts.filter((part) => part.length).join(',')}]${
    closing.length > 2 ? `,${closing.slice(1)}` : '}'
  }`;
}

/** `{...head, "entities":[` as text. */
function entitiesOpening(head: Record<string, unknown>): string {
  const opening = JSON.stringify(head);
  return `${opening.slice(0, -1)}${opening.length > 2 ? ',' : ''}"entities":[`;
}
