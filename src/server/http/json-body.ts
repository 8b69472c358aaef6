import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { describeTextProblem, textProblemOf } from '../../core/text.js';
import { badInput, unprocessable, type DomainError } from '../errors.js';

export const MAX_JSON_DEPTH = 64;

/**
 * Parses JSON bodies refusing `__proto__` / `constructor.prototype` keys and nesting deeper than
 * MAX_JSON_DEPTH, so that later recursive code (validation, diffing, serialising) never meets either; and
 * refusing, for every route at once, what neither database can hold: text with a NUL character or a lone
 * surrogate (PostgreSQL answers those with an error) and numbers past JSON's range (`1e309` parses as
 * Infinity and would be written as null).
 */
export function registerJsonBodyParser(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json/,
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = body as string;
      // No body is no body, whatever the headers say: Port's clients (pyport, port-cli) send
      // `Content-Type: application/json` on every request, DELETE included. A route that needs a body
      // refuses its absence itself, naming it.
      if (text.trim() === '') return done(null, undefined);
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
              : `the body is not valid JSON: ${withoutBodyText(message)}`,
          ),
        );
      }
      const depth = depthOf(value);
      if (depth > MAX_JSON_DEPTH)
        return done(badInput('json_too_deep', `the body nests deeper than ${MAX_JSON_DEPTH} levels`));
      if (depth < 0)
        return done(unstorableValueIn(value, 'body') ?? badInput('invalid_json', 'invalid body'));
      done(null, value);
    },
  );
}

// V8's messages that name only a position; others quote the body ("Unexpected token 'h', ..."x":hunter2}"
// is not valid JSON"), which may hold a secret or a password, and an error message must not repeat it.
const POSITION_ONLY =
  /^(Unexpected end of JSON input|[^"]* in JSON at position \d+( \(line \d+ column \d+\))?)$/;

function withoutBodyText(message: string): string {
  return POSITION_ONLY.test(message) ? message : 'it has a character out of place';
}

/**
 * The nesting depth, or -1 when a string (value or key) or number cannot be stored. Iterative, so a
 * hostile document cannot overflow the stack here either. It visits every node of every body, so it
 * allocates nothing per node: two parallel stacks, and no arrays of keys or values.
 */
function depthOf(root: unknown): number {
  let max = 0;
  let unstorable = false;
  const values: object[] = [];
  const depths: number[] = [];
  const visit = (child: unknown, depth: number) => {
    if (typeof child === 'string') {
      if (textProblemOf(child)) unstorable = true;
      return;
    }
    if (typeof child === 'number') {
      if (!Number.isFinite(child)) unstorable = true;
      return;
    }
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
    else
      for (const key in value) {
        if (textProblemOf(key)) unstorable = true;
        visit((value as Record<string, unknown>)[key], depth + 1);
      }
  }
  return unstorable ? -1 : max;
}

/**
 * The error naming the first string (value or key) or number under `root` that cannot be stored, e.g.
 * `body.properties.name must not contain a NUL character`; undefined when there is none. Recursive: it
 * runs on depth-checked bodies and on parameters.
 */
export function unstorableValueIn(value: unknown, path: string): DomainError | undefined {
  if (typeof value === 'string') {
    const problem = textProblemOf(value);
    return problem ? badInput('invalid_text', `${path} ${describeTextProblem(problem)}`) : undefined;
  }
  if (typeof value === 'number')
    return Number.isFinite(value)
      ? undefined
      : unprocessable('invalid_number', `${path} must be a finite number (got ${String(value)})`);
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const error = unstorableValueIn(value[i], `${path}[${i}]`);
      if (error) return error;
    }
    return undefined;
  }
  for (const key in value) {
    const problem = textProblemOf(key);
    if (problem)
      return badInput(
        'invalid_text',
        `a key in ${path} ${describeTextProblem(problem)} (${JSON.stringify(key)})`,
      );
    const error = unstorableValueIn((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (error) return error;
  }
  return undefined;
}
