import { DomainError, unprocessable } from '../errors.js';
import { JQ_STOP_CODES } from './jq-errors.js';
import { plainPath } from './jq-paths.js';
import type { JqCallOptions, JqPool, JqResult } from './jq-pool.js';
import { scanTemplate, TemplateSyntaxError, type TemplatePart } from './template-scanner.js';

export interface RenderOptions extends JqCallOptions {
  /** Where the template sits, for error messages (e.g. `invocationMethod`); paths inside follow it. */
  path?: string;
}

/**
 * Renders a Port payload template (docs/jq.md): every `{{ jq }}` in its strings, and in its object keys,
 * evaluated over `context`, all of them in one call to the pool.
 *
 * @example await renderTemplate(jq, { url: 'https://x/{{ .inputs.id }}', body: { n: '{{ .inputs.n }}' } },
 *   { inputs: { id: 'a', n: 2 } }) // { url: 'https://x/a', body: { n: 2 } }
 */
export async function renderTemplate(
  jq: JqPool,
  template: unknown,
  context: unknown,
  { path = '', ...limits }: RenderOptions = {},
): Promise<unknown> {
  const expressions = new Expressions();
  const plan = planValue(template, path, expressions);
  const results = await expressions.evaluate(jq, context, limits);
  return renderPlan(plan, results);
}

/** A template, parsed: what is rendered at each place, its expressions numbered in `Expressions`. */
type Plan =
  | { kind: 'literal'; value: unknown }
  | { kind: 'string'; path: string; parts: (string | number)[]; typed: boolean }
  | { kind: 'array'; items: Plan[] }
  | { kind: 'object'; members: Member[] };

type Member =
  { kind: 'spread'; path: string; value: Plan } | { kind: 'pair'; path: string; key: Plan; value: Plan };

/** The template's distinct expressions, each evaluated once, and the paths where they are used. */
class Expressions {
  readonly programs: string[] = [];
  readonly paths: string[][] = [];
  private readonly indexes = new Map<string, number>();

  add(program: string, path: string): number {
    let index = this.indexes.get(program);
    if (index === undefined) {
      index = this.programs.push(program) - 1;
      this.indexes.set(program, index);
      this.paths.push([]);
    }
    this.paths[index]!.push(path);
    return index;
  }

  async evaluate(jq: JqPool, context: unknown, limits: JqCallOptions): Promise<JqResult[]> {
    try {
      return await jq.evaluateAll(this.programs, context, limits);
    } catch (error) {
      if (!(error instanceof DomainError && JQ_STOP_CODES.has(error.code))) throw error;
      // A plain walk of keys never runs in jq (jq-paths.ts): its paths are not where jq stopped.
      const paths = [...new Set(this.paths.filter((_, i) => !plainPath(this.programs[i]!)).flat())];
      throw at(paths.slice(0, 5).join(', ') + (paths.length > 5 ? ', …' : ''), error);
    }
  }
}

const SPREAD_KEY = /^\{\{\s*spreadValue\(\s*\)\s*\}\}$/;

function planValue(value: unknown, path: string, expressions: Expressions): Plan {
  if (typeof value === 'string') return planString(value, path, expressions);
  if (Array.isArray(value))
    return { kind: 'array', items: value.map((item, i) => planValue(item, `${path}[${i}]`, expressions)) };
  if (typeof value !== 'object' || value === null) return { kind: 'literal', value };
  const members = Object.entries(value).map(([key, item]): Member => {
    const memberPath = childPath(path, key);
    const valuePlan = planValue(item, memberPath, expressions);
    if (SPREAD_KEY.test(key.trim())) return { kind: 'spread', path: memberPath, value: valuePlan };
    return {
      kind: 'pair',
      path: memberPath,
      key: planString(key, `${memberPath} (key)`, expressions),
      value: valuePlan,
    };
  });
  return { kind: 'object', members };
}

function planString(template: string, path: string, expressions: Expressions): Plan {
  let parts: TemplatePart[];
  try {
    parts = scanTemplate(template);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    throw unprocessable('invalid_template', `${path || 'template'}: ${error.message}`, {
      path: path || 'template',
    });
  }
  if (!parts.some((part) => 'expression' in part)) return { kind: 'literal', value: template };
  const numbered = parts.map((part) =>
    'text' in part ? part.text : expressions.add(part.expression.trim(), path),
  );
  // As in Port: a string that is one expression (blanks around it aside) keeps the type of its result.
  const expressionCount = numbered.filter((part) => typeof part === 'number').length;
  const typed =
    expressionCount === 1 && numbered.every((part) => typeof part === 'number' || part.trim() === '');
  return { kind: 'string', path, parts: numbered, typed };
}

function renderPlan(plan: Plan, results: readonly JqResult[]): unknown {
  switch (plan.kind) {
    case 'literal':
      return plan.value;
    case 'string':
      return renderString(plan, results);
    case 'array':
      return plan.items.map((item) => renderPlan(item, results));
    case 'object':
      return Object.fromEntries(plan.members.flatMap((member) => renderMember(member, results)));
  }
}

function renderString(plan: Extract<Plan, { kind: 'string' }>, results: readonly JqResult[]): unknown {
  const valueOf = (index: number) => firstOutput(results[index]!, plan.path);
  if (plan.typed) return valueOf(plan.parts.find((part) => typeof part === 'number') as number);
  return plan.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const value = valueOf(part);
      return typeof value === 'string' ? value : JSON.stringify(value);
    })
    .join('');
}

function renderMember(member: Member, results: readonly JqResult[]): [string, unknown][] {
  if (member.kind === 'spread') {
    const value = renderPlan(member.value, results);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return Object.entries(value);
    throw unprocessable(
      'invalid_template',
      `${member.path}: the value of a "{{ spreadValue() }}" key must render to an object, not ${JSON.stringify(value)}`,
      { path: member.path },
    );
  }
  const key = renderPlan(member.key, results);
  if (key !== null && typeof key !== 'string')
    throw unprocessable(
      'invalid_template',
      `${member.path}: a key must render to a string or null (to leave the pair out), not ${JSON.stringify(key)}`,
      { path: member.path },
    );
  // As in Port, a key rendered to null or to an empty string leaves its pair out.
  return key ? [[key, renderPlan(member.value, results)]] : [];
}

/** Port's dialect: a program's first output, or null when it has none. */
function firstOutput(result: JqResult, path: string): unknown {
  if ('error' in result) throw at(path, result.error);
  return result.outputs.length > 0 ? result.outputs[0] : null;
}

function at(path: string, error: DomainError): DomainError {
  const where = path || 'template';
  return new DomainError(error.kind, error.code, `${where}: ${error.message}`, {
    ...error.details,
    path: where,
  });
}

function childPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}
