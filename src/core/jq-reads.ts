/**
 * What a calculation reads of the entity it runs on, found by reading its text: the entity's top-level keys
 * (`.title`), and which properties and relations by name (`.properties.language`, `.relations.domain`).
 * jq-wasm gives no syntax tree, so this is a small scanner of jq's grammar that answers only where the
 * answer is sure, and undefined for anything it cannot follow: a program that may read the entity as a
 * whole (`.`, `..`, `tojson`, `.properties | keys`, `to_entries`, a function of its own, `reduce`, an
 * assignment, `if` without `else`) may read anything.
 *
 * The rule that makes it sure: the entity is the input only in the "root" context of the program (its top,
 * and brackets, branches and arguments of `first`/`limit` opened there, up to a `|`). There, only key walks
 * from `.` and functions that do not read their input may appear, so each walk names what it reads. Past
 * a `|` (other than `… as $x |`, which keeps the input) the input is whatever the left side gave: a value
 * already walked to, read freely.
 */

import { rewritePortQuotes } from './jq-dialect.js';

export interface EntityReads {
  /** Top-level keys read whole (`title`, `identifier`, `team`, … and `relations` when read whole). */
  keys: ReadonlySet<string>;
  /** Properties read, by name. */
  properties: ReadonlySet<string>;
  /** Relations read, by name. */
  relations: ReadonlySet<string>;
}

type Token =
  | { t: 'field'; name: string }
  | { t: 'dot' }
  | { t: 'recurse' }
  | { t: 'str'; value: string }
  | { t: 'istr-open' }
  | { t: 'istr-close' }
  | { t: 'interp-open' }
  | { t: 'interp-close' }
  | { t: 'num' }
  | { t: 'var'; name: string }
  | { t: 'ident'; name: string }
  | { t: 'format' }
  | { t: 'op'; op: string };

class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*/y;
const FIELD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
// Longest first: assignments are refused, and `?//` is destructuring's alternative.
const OPERATORS = [
  '?//=',
  '?//',
  '//=',
  '|=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '==',
  '!=',
  '<=',
  '>=',
  '//',
  '|',
  ',',
  ';',
  ':',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '=',
  '?',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
];

function tokenize(program: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const sticky = (pattern: RegExp) => {
    pattern.lastIndex = i;
    return pattern.exec(program)?.[0];
  };
  /** Reads a string from its opening quote: its value when plain; with interpolations, their tokens. */
  const readString = (): string | undefined => {
    let text = '';
    let interpolated = false;
    for (i++; i < program.length; i++) {
      const char = program[i]!;
      if (char === '"') {
        i++;
        if (interpolated) {
          tokens.push({ t: 'istr-close' });
          return undefined;
        }
        try {
          return JSON.parse(`"${text}"`) as string;
        } catch {
          return unsure();
        }
      }
      if (char === '\\' && program[i + 1] === '(') {
        if (!interpolated) tokens.push({ t: 'istr-open' });
        interpolated = true;
        tokens.push({ t: 'interp-open' });
        i += 2;
        scanCode(true);
        tokens.push({ t: 'interp-close' });
        i--;
        continue;
      }
      if (char === '\\') {
        text += char + (program[i + 1] ?? '');
        i++;
        continue;
      }
      text += char;
    }
    return unsure();
  };
  /** Scans code to the end, or (in an interpolation) past the `)` that closes it. */
  const scanCode = (inInterpolation: boolean): void => {
    let depth = 0;
    while (i < program.length) {
      const char = program[i]!;
      if (/\s/.test(char)) {
        i++;
      } else if (char === '#') {
        unsure();
      } else if (char === '"') {
        const value = readString();
        if (value !== undefined) tokens.push({ t: 'str', value });
      } else if (char === '.' && program[i + 1] === '.') {
        tokens.push({ t: 'recurse' });
        i += 2;
      } else if (char === '.' && !/\d/.test(program[i + 1] ?? '')) {
        i++;
        const name = sticky(FIELD);
        if (name !== undefined) {
          tokens.push({ t: 'field', name });
          i += name.length;
        } else if (program[i] === '"') {
          tokens.push({ t: 'field', name: readString() ?? unsure() });
        } else tokens.push({ t: 'dot' });
      } else if (/[\d.]/.test(char)) {
        tokens.push({ t: 'num' });
        i += sticky(NUMBER)?.length ?? unsure();
      } else if (char === '$' || char === '@') {
        i++;
        const name = sticky(IDENT) ?? unsure();
        tokens.push(char === '$' ? { t: 'var', name } : { t: 'format' });
        i += name.length;
      } else if (sticky(IDENT) !== undefined) {
        const name = sticky(IDENT)!;
        tokens.push({ t: 'ident', name });
        i += name.length;
      } else {
        const op = OPERATORS.find((candidate) => program.startsWith(candidate, i)) ?? unsure();
        i += op.length;
        if (op === '(') depth++;
        if (op === ')' && depth-- === 0) {
          if (!inInterpolation) unsure();
          return;
        }
        tokens.push({ t: 'op', op });
      }
    }
    if (inInterpolation) unsure();
  };
  scanCode(false);
  return tokens;
}

// Words of jq's grammar that the scan follows; the others (reduce, foreach, def, label, catch, import,
// include) make a program unsure.
const FOLLOWED_KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'end', 'and', 'or', 'as', 'try']);
// Functions that read nothing of their input (`not` of an entity, an object, is always false).
const INPUT_FREE = new Set(['true', 'false', 'null', 'empty', 'not', 'now', 'error', 'infinite', 'nan']);
// Functions whose output comes from their arguments alone, which read the same input as they do.
const ARGUMENTS_ONLY = new Set(['first', 'last', 'limit', 'isempty']);
// Functions that read something other than their input.
const REFUSED = new Set([
  'input',
  'inputs',
  'env',
  'input_filename',
  'input_line_number',
  'get_search_list',
  'get_prog_origin',
  'get_jq_origin',
  'modulemeta',
  'halt',
  'halt_error',
]);

interface Frame {
  kind: 'top' | 'paren' | 'bracket' | 'brace' | 'args' | 'if' | 'interp';
  /** Whether the input here is a value walked to rather than the entity. */
  narrowed: boolean;
  /** What `narrowed` goes back to at `then`/`elif`/`else` or `;`. */
  base: boolean;
  /** An `if` frame opened in the root context, with no `else` yet (its missing else would give `.`). */
  needsElse?: boolean;
}

const VALUE_ENDS = new Set(['field', 'dot', 'str', 'istr-close', 'num', 'var', 'format']);
// Words after which a term starts (after any other word, a `.name` is a step of the value it gave).
const STARTS_TERM = new Set(['if', 'then', 'elif', 'else', 'and', 'or', 'as', 'try']);

/** What calculation `program`, in Port's dialect, reads of its entity (see entityReads). */
export const calculationReads = (program: string) => entityReads(rewritePortQuotes(program));

/** What `program` reads of its entity; undefined when it may read more than its key walks name. */
export function entityReads(program: string): EntityReads | undefined {
  try {
    return scanReads(tokenize(program));
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}

function scanReads(tokens: Token[]): EntityReads {
  const keys = new Set<string>();
  const properties = new Set<string>();
  const relations = new Set<string>();
  const frames: Frame[] = [{ kind: 'top', narrowed: false, base: false }];
  const frame = () => frames[frames.length - 1]!;
  const endsValue = (token: Token | undefined) =>
    token !== undefined &&
    (token.t === 'ident'
      ? !STARTS_TERM.has(token.name)
      : VALUE_ENDS.has(token.t) || (token.t === 'op' && [')', ']', '}', '?'].includes(token.op)));
  /** A key given as `["name"]` at `at`, or undefined. */
  const bracketKey = (at: number) => {
    const [open, key, close] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    return open?.t === 'op' && open.op === '[' && key?.t === 'str' && close?.t === 'op' && close.op === ']'
      ? key.value
      : undefined;
  };
  /** The key of a walk's step at `at` (`.name` or `["name"]`) and the tokens it takes, or undefined. */
  const stepAt = (at: number): [string, number] | undefined => {
    const token = tokens[at];
    if (token?.t === 'field') return [token.name, 1];
    const key = bracketKey(at);
    return key === undefined ? undefined : [key, 3];
  };
  /** A walk from the entity starting at `at`; returns the index of the token after its named steps. */
  const rootWalk = (at: number): number => {
    let first = stepAt(at);
    let next = at + (first?.[1] ?? 0);
    if (!first && tokens[at]?.t === 'dot') {
      const key = bracketKey(at + 1);
      if (key === undefined) unsure();
      first = [key!, 4];
      next = at + 4;
    }
    const [key] = first ?? unsure();
    if (key !== 'properties' && key !== 'relations') {
      keys.add(key);
      return next;
    }
    const second = stepAt(next);
    if (!second) {
      if (key === 'properties') unsure();
      keys.add(key);
      return next;
    }
    (key === 'properties' ? properties : relations).add(second[0]);
    return next + second[1];
  };

  for (let at = 0; at < tokens.length;) {
    const token = tokens[at]!;
    const previous = tokens[at - 1];
    const root = !frame().narrowed;
    switch (token.t) {
      case 'field':
      case 'dot':
        if (root && !endsValue(previous)) {
          at = rootWalk(at);
          continue;
        }
        if (root && token.t === 'dot') unsure();
        break;
      case 'recurse':
        if (root) unsure();
        break;
      case 'var':
        // $__loc__ tells where in the text jq runs it, which moves as programs are run together.
        if (token.name === 'ENV' || token.name === '__loc__') unsure();
        break;
      case 'format':
        if (root) unsure();
        break;
      case 'istr-open':
      case 'str':
      case 'num':
      case 'istr-close':
        break;
      case 'interp-open':
        frames.push({ kind: 'interp', narrowed: frame().narrowed, base: frame().narrowed });
        break;
      case 'interp-close':
        frames.pop();
        break;
      case 'ident': {
        const { name } = token;
        if (FOLLOWED_KEYWORDS.has(name)) {
          keyword(name, at);
          break;
        }
        if (['reduce', 'foreach', 'def', 'label', 'catch', 'import', 'include'].includes(name)) unsure();
        if (REFUSED.has(name)) unsure();
        const called = tokens[at + 1]?.t === 'op' && (tokens[at + 1] as { op: string }).op === '(';
        if (called) {
          if (root && !ARGUMENTS_ONLY.has(name)) unsure();
          frames.push({ kind: 'args', narrowed: frame().narrowed, base: frame().narrowed });
          at += 2;
          continue;
        }
        if (root && !INPUT_FREE.has(name)) unsure();
        break;
      }
      case 'op':
        operator(token.op, at);
        break;
    }
    at++;
  }
  if (frames.length !== 1) unsure();
  return { keys, properties, relations };

  function keyword(name: string, at: number) {
    const current = frame();
    switch (name) {
      case 'if':
        frames.push({
          kind: 'if',
          narrowed: current.narrowed,
          base: current.narrowed,
          needsElse: !current.narrowed,
        });
        return;
      case 'then':
      case 'elif':
        if (current.kind !== 'if') unsure();
        current.narrowed = current.base;
        return;
      case 'else':
        if (current.kind !== 'if') unsure();
        current.narrowed = current.base;
        current.needsElse = false;
        return;
      case 'end':
        if (current.kind !== 'if' || current.needsElse) unsure();
        frames.pop();
        return;
      case 'as': {
        // Only `… as $name |`, which binds a value and keeps the input as it was.
        const [variable, pipe] = [tokens[at + 1], tokens[at + 2]];
        if (variable?.t !== 'var' || pipe?.t !== 'op' || pipe.op !== '|') unsure();
        return;
      }
    }
  }

  function operator(op: string, at: number) {
    const current = frame();
    switch (op) {
      case '|': {
        const bindsVariable = tokens[at - 1]?.t === 'var' && isAs(at - 2);
        if (!bindsVariable) current.narrowed = true;
        return;
      }
      case ';':
        current.narrowed = current.base;
        return;
      case '(':
        frames.push({ kind: 'paren', narrowed: current.narrowed, base: current.narrowed });
        return;
      case '[':
        frames.push({ kind: 'bracket', narrowed: current.narrowed, base: current.narrowed });
        return;
      case '{':
        // `{title}` reads `.title` of the input without a dot: followed only where the input is a value.
        if (!current.narrowed) unsure();
        frames.push({ kind: 'brace', narrowed: true, base: true });
        return;
      case ')':
        if (current.kind !== 'paren' && current.kind !== 'args') unsure();
        frames.pop();
        return;
      case ']':
        if (current.kind !== 'bracket') unsure();
        frames.pop();
        return;
      case '}':
        if (current.kind !== 'brace') unsure();
        frames.pop();
        return;
      case '?//':
      case '?//=':
      case '//=':
      case '|=':
      case '+=':
      case '-=':
      case '*=':
      case '/=':
      case '%=':
      case '=':
        unsure();
    }
  }

  function isAs(at: number) {
    const token = tokens[at];
    return token?.t === 'ident' && token.name === 'as';
  }
}

/** `entity` cut to what `reads` names: a program that reads that much answers the same on either. */
export function cutToReads(
  entity: { properties: object; relations: object },
  reads: EntityReads,
): Record<string, unknown> {
  const cut: Record<string, unknown> = {};
  for (const key of reads.keys) if (Object.hasOwn(entity, key)) cut[key] = entity[key as keyof typeof entity];
  cut.properties = pick(entity.properties, reads.properties);
  if (!reads.keys.has('relations')) cut.relations = pick(entity.relations, reads.relations);
  return cut;
}

function pick(from: object, keys: ReadonlySet<string>) {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (Object.hasOwn(from, key)) out[key] = from[key as keyof typeof from];
  return out;
}
