import type { FastifyReply } from 'fastify';

/**
 * A signal aborted when the client closes the connection before the answer is sent, so that the work done
 * for it (a search's statements) can stop. The request's own 'close' cannot tell: it fires once the body
 * has been read. The response's fires when the connection ends, and after a complete answer too.
 */
export function signalWhenClientLeaves(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
