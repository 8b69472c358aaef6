import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { badInput } from '../errors.js';

export const MAX_JSON_DEPTH = 64;

/**
 * Parses JSON bodies refusing `__proto__` / `constructor.prototype` keys and nesting deeper than
 * MAX_JSON_DEPTH, so that later recursive code (validation, diffing, serialising) never meets either.
 */
export function registerJsonBodyParser(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json/,
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = body as string;
      if (text.trim() === '')
        return done(badInput('invalid_json', 'the request body is empty; send a JSON document'));
      let value: unknown;
      try {
        value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (error) {
        const message = (error as Error).message;
        const forbidden = /prototype|constructor/i.test(message);
        return done(
          badInput(
            'invalid_json',
            forbidden
              ? 'the body contains a "__proto__" or "constructor.prototype" key, which is not allowed'
              : `the body is not valid JSON: ${message}`,
          ),
        );
      }
      const depth = depthOf(value);
      if (depth > MAX_JSON_DEPTH)
        return done(badInput('json_too_deep', `the body nests deeper than ${MAX_JSON_DEPTH} levels`));
      done(null, value);
    },
  );
}

/**
 * Iterative, so a hostile document cannot overflow the stack here either. It visits every node of every
 * body, so it allocates nothing per node: two parallel stacks, and no arrays of keys or values.
 */
function depthOf(root: unknown): number {
  let max = 0;
  const values: object[] = [];
  const depths: number[] = [];
  const visit = (child: unknown, depth: number) => {
    if (typeof child !== 'object' || child === null) return;
    values.push(child);
    depths.push(depth);
  };
  visit(root, 1);
  while (values.length) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    if (Array.isArray(value)) for (const child of value) visit(child, depth + 1);
    else for (const key in value) visit((value as Record<string, unknown>)[key], depth + 1);
  }
  return max;
}
