/** A template string's pieces: text kept as it is, and the jq inside each `{{ … }}`. */
export type TemplatePart = { text: string } | { expression: string };

export class TemplateSyntaxError extends Error {}

/**
 * Splits a string of a Port template into text and `{{ jq }}` expressions, as Port's template.js does:
 * braces inside quoted jq strings ("…" or '…') are not delimiters, and `{{` inside an expression is an
 * error. Unlike Port's, braces that jq itself opens are balanced (`{{ {a: {b: 1}} }}` is one
 * expression), and a `}}` outside any expression is plain text.
 *
 * @example scanTemplate('Hello {{ .name }}!') // [{text: 'Hello '}, {expression: ' .name '}, {text: '!'}]
 */
export function scanTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open < 0) break;
    if (open > at) parts.push({ text: template.slice(at, open) });
    const close = findClosingBraces(template, open);
    parts.push({ expression: template.slice(open + 2, close) });
    at = close + 2;
  }
  if (at < template.length) parts.push({ text: template.slice(at) });
  return parts;
}

type Frame =
  | { kind: 'code'; braces: number; parens: number; interpolation: boolean }
  | { kind: 'string'; quote: string };

const code = (interpolation: boolean): Frame => ({ kind: 'code', braces: 0, parens: 0, interpolation });

/** The index of the `}}` that ends the expression opened by the `{{` at `open`. */
function findClosingBraces(template: string, open: number): number {
  const frames: Frame[] = [code(false)];
  for (let i = open + 2; i < template.length; i++) {
    const char = template[i]!;
    const frame = frames.at(-1)!;
    if (frame.kind === 'string') {
      if (char === '\\' && frame.quote === '"' && template[i + 1] === '(') frames.push(code(true));
      if (char === '\\') i++;
      else if (char === frame.quote) frames.pop();
    } else if (char === '"' || char === "'") {
      frames.push({ kind: 'string', quote: char });
    } else if (char === '(') {
      frame.parens++;
    } else if (char === ')') {
      if (frame.interpolation && frame.parens === 0) frames.pop();
      else frame.parens--;
    } else if (char === '{') {
      if (template[i + 1] === '{')
        throw new TemplateSyntaxError(
          `"{{" at character ${i + 1} is inside the expression opened at character ${open + 1}`,
        );
      frame.braces++;
    } else if (char === '}') {
      if (frames.length === 1 && frame.braces === 0 && template[i + 1] === '}') return i;
      if (frame.braces > 0) frame.braces--;
    }
  }
  throw new TemplateSyntaxError(`"{{" at character ${open + 1} is never closed by "}}"`);
}
