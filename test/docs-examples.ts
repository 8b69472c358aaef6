import { raw as runJq } from 'jq-wasm';

/**
 * The HTTP examples of the documentation, read from the fenced shell blocks of a Markdown file and run
 * against a real server (test/docs-examples.test.ts).
 *
 * A shell block that mentions `curl`, or only sets variables, is an example. Its commands are read with a
 * small, strict subset of the shell: variables (`NAME=value`, `$NAME`, `${NAME}`), quotes, `\` line
 * continuations, comments, command substitution `$(…)` and pipelines of `curl`, `jq` and `echo`. Anything
 * else (another program, a loop, a redirection, a curl option this file does not know) is an error naming
 * the file and line, so that the documentation stays runnable. A block that cannot run on purpose is
 * preceded by `<!-- not run: why -->`.
 *
 * Each curl must answer 2xx, unless the command is preceded by a comment line `# answers 412` (any
 * status) saying what it answers. A jq in a pipeline must run without error and print no `null`: the
 * answer has the shape the example expects.
 */

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'sub'; script: Statement[]; quoted: boolean };

type Word = Part[];

interface Stage {
  line: number;
  words: Word[];
}

export interface Statement {
  line: number;
  assignments: Array<{ name: string; value: Word }>;
  stages: Stage[];
  /** The status the documentation says the statement's curl answers; 2xx when absent. */
  expectStatus?: number;
}

export interface Example {
  file: string;
  line: number;
  statement: Statement;
  source: string;
}

export class DocExampleError extends Error {}

const fail = (file: string, line: number, message: string): never => {
  throw new DocExampleError(`${file}:${line}: ${message}`);
};

/** Fenced code blocks of a Markdown text, with the line of their first content line. */
function fencedBlocks(markdown: string) {
  const lines = markdown.split('\n');
  const blocks: Array<{ lang: string; line: number; text: string; notRun: boolean }> = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith(fence)) end++;
    const before =
      lines
        .slice(0, i)
        .reverse()
        .find((l) => l.trim() !== '') ?? '';
    blocks.push({
      lang: open[2]!,
      line: start + 1,
      text: lines.slice(start, end).join('\n'),
      notRun: /^<!-- not run: .+-->$/.test(before.trim()),
    });
    i = end;
  }
  return blocks;
}

/** Every HTTP example of a Markdown file, in order; throws a DocExampleError at one it cannot read. */
export function parseDocExamples(file: string, markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of fencedBlocks(markdown)) {
    if (!['sh', 'bash', 'shell'].includes(block.lang) || block.notRun) continue;
    const commands = block.text.split('\n').filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
    const setsVariables = commands.length > 0 && commands.every((l) => /^[A-Za-z_]\w*=/.test(l));
    if (!/\bcurl\b/.test(block.text) && !setsVariables) continue;
    const lexer = new Lexer(file, block.text, block.line);
    const lines = block.text.split('\n');
    for (const statement of lexer.script(false)) {
      checkStatement(file, statement);
      const source = lines.slice(statement.line - block.line, lexer.endLineOf(statement) - block.line + 1);
      examples.push({ file, line: statement.line, statement, source: source.join('\n') });
    }
  }
  return examples;
}

class Lexer {
  private pos = 0;
  private line: number;
  private readonly ends = new Map<Statement, number>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
  }

  endLineOf(statement: Statement) {
    return this.ends.get(statement) ?? statement.line;
  }

  private error(message: string): never {
    return fail(this.file, this.line, message);
  }

  private peek(offset = 0) {
    return this.text[this.pos + offset];
  }

  private next() {
    const c = this.text[this.pos++];
    if (c === '\n') this.line++;
    return c;
  }

  /** Statements up to the end of the text, or up to the `)` that closes a `$(`. */
  script(nested: boolean): Statement[] {
    const statements: Statement[] = [];
    let stages: Stage[] = [];
    let words: Word[] = [];
    let stageLine = this.line;
    let expectStatus: number | undefined;
    const endStage = () => {
      if (words.length === 0) {
        if (stages.length > 0) this.error('a pipeline ends with "|"');
        return;
      }
      stages.push({ line: stageLine, words });
      words = [];
    };
    const endStatement = () => {
      endStage();
      if (stages.length === 0) return;
      const statement = toStatement(this.file, stages);
      if (expectStatus !== undefined) statement.expectStatus = expectStatus;
      expectStatus = undefined;
      this.ends.set(statement, this.text[this.pos - 1] === '\n' ? this.line - 1 : this.line);
      statements.push(statement);
      stages = [];
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined) {
        if (nested) this.error('"$(" is not closed');
        endStatement();
        return statements;
      }
      if (c === ' ' || c === '\t') this.next();
      else if (c === '\\' && this.peek(1) === '\n') {
        this.next();
        this.next();
      } else if (c === '#') {
        let comment = '';
        while (this.peek() !== undefined && this.peek() !== '\n') comment += this.next();
        const answers = /^#\s*answers (\d{3})\b/.exec(comment);
        if (answers && words.length === 0 && stages.length === 0) expectStatus = Number(answers[1]);
      } else if (c === '\n') {
        this.next();
        // A line that ends with "|" goes on with the next stage.
        if (words.length === 0 && stages.length > 0) continue;
        endStatement();
      } else if (c === '|') {
        this.next();
        if (this.peek() === '|') this.error('"||" is not supported');
        endStage();
        stageLine = this.line;
      } else if (c === ')' && nested) {
        this.next();
        endStatement();
        return statements;
      } else if ('&;<>()`{}'.includes(c)) {
        this.error(`"${c}" is not supported in a runnable example (mark the block <!-- not run: why -->)`);
      } else {
        if (words.length === 0) stageLine = this.line;
        words.push(this.word());
      }
    }
  }

  private word(): Word {
    const parts: Part[] = [];
    const text = (t: string) => {
      const last = parts[parts.length - 1];
      if (last?.kind === 'text') last.text += t;
      else parts.push({ kind: 'text', text: t });
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined || ' \t\n|&;<>()`'.includes(c)) return parts;
      this.next();
      if (c === "'") {
        let quoted = '';
        while (this.peek() !== "'") {
          if (this.peek() === undefined) this.error('a single quote is not closed');
          quoted += this.next();
        }
        this.next();
        text(quoted);
      } else if (c === '"') {
        text('');
        while (this.peek() !== '"') {
          const d = this.peek();
          if (d === undefined) this.error('a double quote is not closed');
          this.next();
          if (d === '\\') {
            const e = this.next();
            if (e === '\n') continue;
            text(e !== undefined && '$`"\\'.includes(e) ? e : `\\${e}`);
          } else if (d === '$') this.expansion(parts, text, true);
          else if (d === '`') this.error('backquotes are not supported; use $(…)');
          else text(d);
        }
        this.next();
      } else if (c === '\\') {
        const e = this.next();
        if (e !== '\n' && e !== undefined) text(e);
      } else if (c === '$') this.expansion(parts, text, false);
      else text(c);
    }
  }

  private expansion(parts: Part[], text: (t: string) => void, quoted: boolean) {
    if (this.peek() === '(') {
      this.next();
      if (this.peek() === '(') this.error('arithmetic $((…)) is not supported');
      parts.push({ kind: 'sub', script: this.script(true), quoted });
      return;
    }
    const braced = this.peek() === '{';
    if (braced) this.next();
    let name = '';
    while (/\w/.test(this.peek() ?? '')) name += this.next();
    if (braced && this.next() !== '}') this.error('only ${NAME} is supported');
    if (!name) return text('$');
    parts.push({ kind: 'var', name, quoted });
  }
}

function toStatement(file: string, stages: Stage[]): Statement {
  const first = stages[0]!;
  const assignments: Statement['assignments'] = [];
  while (first.words.length > 0) {
    const head = first.words[0]![0];
    const match = head?.kind === 'text' ? /^([A-Za-z_]\w*)=/.exec(head.text) : null;
    if (!match) break;
    const value: Word = [
      { kind: 'text', text: head!.kind === 'text' ? head!.text.slice(match[0].length) : '' },
    ];
    value.push(...first.words[0]!.slice(1));
    assignments.push({ name: match[1]!, value });
    first.words.shift();
  }
  if (assignments.length > 0 && (first.words.length > 0 || stages.length > 1))
    fail(file, first.line, 'a variable set for one command only (NAME=value command) is not supported');
  return { line: first.line, assignments, stages: assignments.length > 0 ? [] : stages };
}

const CURL_FLAGS = new Set(['-s', '--silent', '-S', '--show-error', '-i', '--include']);
const CURL_OPTIONS = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
]);
const JQ_FLAGS = new Set(['-r', '--raw-output', '-c', '--compact-output']);

/** Checks what can be known before running: programs, options, the parts of a curl. */
function checkStatement(file: string, statement: Statement) {
  const literal = (word: Word) =>
    word.every((p) => p.kind === 'text') ? word.map((p) => (p as { text: string }).text).join('') : undefined;
  const visit = (statements: Statement[]) => {
    for (const s of statements) {
      for (const a of s.assignments) a.value.forEach((p) => p.kind === 'sub' && visit(p.script));
      for (const stage of s.stages) {
        const [program, ...args] = stage.words.map(literal);
        if (!['curl', 'jq', 'echo'].includes(program ?? ''))
          fail(file, stage.line, `"${program ?? '…'}" cannot be run: examples run curl, jq and echo`);
        for (let i = 0; i < args.length; i++) {
          const arg = args[i];
          if (arg === undefined || !arg.startsWith('-')) continue;
          if (program === 'curl' && CURL_OPTIONS.has(arg)) i++;
          else if (program === 'jq' && arg === '--arg') i += 2;
          else if (!(program === 'curl' ? CURL_FLAGS : JQ_FLAGS).has(arg) || program === 'echo')
            fail(file, stage.line, `${program} ${arg} is not supported here`);
        }
        stage.words.forEach((w) => w.forEach((p) => p.kind === 'sub' && visit(p.script)));
      }
    }
  };
  visit([statement]);
}

export interface ExampleTarget {
  /** The server's address, put in place of the documentation's http://localhost:7070. */
  url: string;
  /** Variables set before the first example (TOKEN). */
  variables: Record<string, string>;
  /** Text put in place of placeholders such as <clientId>. */
  placeholders: Record<string, string>;
}

/** What running an example printed, and the requests it made. */
export interface ExampleRun {
  output: string;
  requests: Array<{ method: string; path: string; status: number; body: string }>;
}

/** Runs examples one after the other, sharing their variables, as one shell session would. */
export class ExampleSession {
  private readonly variables = new Map<string, string>();

  constructor(private readonly target: ExampleTarget) {
    for (const [name, value] of Object.entries(target.variables)) this.variables.set(name, value);
  }

  /** Runs one example; throws a DocExampleError naming its file and line when it does not work. */
  async run(example: Example): Promise<ExampleRun> {
    const run: ExampleRun = { output: '', requests: [] };
    run.output = await this.statement(example, example.statement, '', run);
    return run;
  }

  private async statement(example: Example, statement: Statement, input: string, run: ExampleRun) {
    for (const { name, value } of statement.assignments)
      this.variables.set(name, await this.expand(example, statement.line, value, true, run));
    let data = input;
    for (const stage of statement.stages) {
      const words: string[] = [];
      for (const word of stage.words) words.push(await this.expand(example, stage.line, word, false, run));
      const [program, ...args] = words;
      if (program === 'curl') data = await this.curl(example, stage.line, args, data, statement, run);
      else if (program === 'jq') data = await jq(example, stage.line, args, data);
      else data = `${args.join(' ')}\n`;
    }
    return data;
  }

  private async expand(example: Example, line: number, word: Word, assigned: boolean, run: ExampleRun) {
    let text = '';
    for (const part of word) {
      if (part.kind === 'text') {
        text += part.text;
        continue;
      }
      let value: string;
      if (part.kind === 'var') {
        const variable = this.variables.get(part.name);
        if (variable === undefined) return fail(example.file, line, `$${part.name} is not set`);
        value = variable;
      } else {
        value = '';
        for (const s of part.script) value = await this.statement(example, s, '', run);
        value = value.replace(/\n+$/, '');
      }
      // The shell splits an unquoted expansion at spaces (not in an assignment): the example would break.
      if (!part.quoted && !assigned && /\s/.test(value))
        fail(example.file, line, 'an unquoted expansion holds spaces: the shell would split it; quote it');
      text += value;
    }
    for (const [placeholder, value] of Object.entries(this.target.placeholders))
      text = text.replaceAll(placeholder, value);
    return text;
  }

  private async curl(
    example: Example,
    line: number,
    args: string[],
    input: string,
    statement: Statement,
    run: ExampleRun,
  ) {
    let method: string | undefined;
    let data: string | undefined;
    let url: string | undefined;
    const headers = new Headers({ accept: '*/*', 'user-agent': 'curl/8' });
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const value = args[i + 1] ?? '';
      if (CURL_FLAGS.has(arg)) continue;
      if (arg === '-X' || arg === '--request') method = value;
      else if (arg === '-H' || arg === '--header') {
        const colon = value.indexOf(':');
        if (colon < 1) fail(example.file, line, `the header "${value}" has no name`);
        headers.set(value.slice(0, colon).trim(), value.slice(colon + 1).trim());
      } else if (CURL_OPTIONS.has(arg)) {
        if (data !== undefined) fail(example.file, line, 'one -d per curl');
        // As curl does: -d @- reads standard input without its line breaks; @file is not supported.
        if (value === '@-') data = arg === '--data-binary' ? input : input.replace(/[\r\n]/g, '');
        else if (value.startsWith('@') && arg !== '--data-raw')
          fail(example.file, line, 'curl -d @file is not supported');
        else data = value;
      } else {
        if (url !== undefined) fail(example.file, line, `a second URL: ${arg}`);
        url = arg;
        continue;
      }
      i++;
    }
    if (url === undefined) return fail(example.file, line, 'curl without a URL');
    const base = /^(?:http:\/\/)?localhost:7070(?=\/|$)/.exec(url);
    if (!base) return fail(example.file, line, `the URL ${url} is not on http://localhost:7070`);
    const path = url.slice(base[0].length) || '/';
    method ??= data === undefined ? 'GET' : 'POST';
    // curl's own content type for -d, when the example does not give one.
    if (data !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/x-www-form-urlencoded');
    const response = await fetch(this.target.url + path, {
      method,
      headers,
      ...(data === undefined ? {} : { body: data }),
    });
    const body = await response.text();
    run.requests.push({ method, path, status: response.status, body });
    const expected = statement.expectStatus;
    const ok =
      expected === undefined ? response.status >= 200 && response.status < 300 : response.status === expected;
    if (!ok)
      fail(
        example.file,
        line,
        `${method} ${path} answered ${response.status}${expected ? ` (the example says ${expected})` : ''}: ${body.slice(0, 600)}`,
      );
    return body;
  }
}

async function jq(example: Example, line: number, args: string[], input: string) {
  const variables: string[] = [];
  const output: string[] = [];
  let filter: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--arg') {
      variables.push(arg, args[i + 1] ?? '', args[i + 2] ?? '');
      i += 2;
    } else if (arg.startsWith('-')) output.push(arg);
    else if (filter === undefined) filter = arg;
    else fail(example.file, line, 'jq reads standard input here: no files');
  }
  if (filter === undefined) return fail(example.file, line, 'jq without a filter');
  const result = await runJq(input, filter, [...variables, ...output]);
  if (result.exitCode !== 0)
    fail(
      example.file,
      line,
      `jq ${filter} failed (${result.exitCode}): ${result.stderr} on ${input.slice(0, 300)}`,
    );
  // One output a line, to tell a null output from a null inside one.
  const outputs = (await runJq(input, filter, [...variables, '-c'])).stdout.split('\n');
  if (outputs.includes('null'))
    fail(example.file, line, `jq ${filter} printed null: the answer lacks what the example reads`);
  return `${result.stdout}\n`;
}

/** A search shown in the documentation as a JSON block of one rule (or include / exclude list) a line. */
export interface SearchSnippet {
  file: string;
  line: number;
  /** A body for POST /v1/entities/search. */
  body: Record<string, unknown>;
}

/**
 * The search rules of a Markdown file's JSON blocks that hold one rule a line (`{"property": …,
 * "operator": …}`), and the `{"include": […]}` / `{"exclude": […]}` lines: each is a search of its own.
 * Other JSON blocks (answers, blueprint fragments, whole queries of hypothetical models) are not read.
 */
export function parseSearchSnippets(file: string, markdown: string): SearchSnippet[] {
  const snippets: SearchSnippet[] = [];
  for (const block of fencedBlocks(markdown)) {
    if (block.lang !== 'json') continue;
    const lines = block.text.split('\n').map((text, i) => ({ text, line: block.line + i }));
    const found: SearchSnippet[] = [];
    for (const { text, line } of lines.filter((l) => l.text.trim() !== '')) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        break;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) break;
      const keys = Object.keys(value);
      if ('operator' in value) found.push({ file, line, body: { combinator: 'and', rules: [value] } });
      else if (keys.length === 1 && (keys[0] === 'include' || keys[0] === 'exclude'))
        found.push({ file, line, body: { combinator: 'and', rules: [], ...value } });
      else break;
    }
    if (found.length === lines.filter((l) => l.text.trim() !== '').length) snippets.push(...found);
  }
  return snippets;
}
