import { describe, expect, it } from 'vitest';
import { describeCompileError, findUnbalanced, rewritePortQuotes, wrapPrograms } from './jq-program.js';

describe("Port's single-quote rewrite", () => {
  it.each([
    ["'https://url.' + .foo", '"https://url." + .foo'],
    ["'a' + 'b'", '"a" + "b"'],
    [".a == 'x'", '.a == "x"'],
    ['"https://\'url."', '"https://\'url."'],
    ['"it\'s"', '"it\'s"'],
    [
      "'https://some.url' + .foo + '-1' + ')test(' + .foo",
      '"https://some.url" + .foo + "-1" + ")test(" + .foo',
    ],
  ])('rewrites %s as %s', (program, rewritten) => {
    expect(rewritePortQuotes(program)).toBe(rewritten);
  });
});

describe('findUnbalanced', () => {
  it.each([
    '.a',
    '{a: [1, (2)]}',
    '"]" + "\\")"',
    '"\\(.a + ")")" | [.]',
    '"\\("\\("(")")"',
    '.a # ] a comment\n| .b',
    '.a # a comment \\\n continued ]',
    '.a # continued past CRLF \\\r\n ] too',
    '.a # an escaped backslash \\\\\n| [.]',
    '.a # a lone CR \r ] is no line break',
  ])('accepts %j', (program) => {
    expect(findUnbalanced(program)).toBeUndefined();
  });

  it.each([
    ['1]} catch {error:.}), (try ({ok:[2', '"]" at column 2 has no matching opening bracket'],
    ['(]', '"]" at column 2 has no matching opening bracket'],
    ['[1', '"[" at column 1 is never closed'],
    ['.a\n| "abc', 'the string that starts at line 2, column 3 never ends'],
    ['"\\(1"', 'the string that starts at column 5 never ends'],
    // jq's comment goes on past the backslash and CRLF, over the quote: the "]" on line 3 is code.
    [
      '1 # \\\r\n"\n]}) catch {error: .}), (try ({ok: [1, "x\\""',
      '"]" at line 3, column 1 has no matching opening bracket',
    ],
  ])('rejects %j: %s', (program, problem) => {
    expect(findUnbalanced(program)).toBe(problem);
  });
});

describe('wrapPrograms', () => {
  it('puts each program on lines of its own, so that a trailing comment ends before the wrapping', () => {
    const wrapped = wrapPrograms(['.a # note \\', '.b']);
    expect(wrapped).toContain('\n.a # note \\\n\n]');
    expect(wrapped).toContain('\n.b\n\n]');
  });
});

describe('describeCompileError', () => {
  const stderr = (line: number, column: number) =>
    `jq: error: syntax error, unexpected '|' at <top-level>, line ${line}, column ${column}:\n    .a |||\n        ^\njq: 1 compile error`;
  const firstLine = wrapPrograms(['X']).split('\n').indexOf('X') + 1;

  it('counts lines and columns in the program, not in its wrapping', () => {
    expect(describeCompileError(stderr(firstLine, 5), '.a |||')).toBe(
      "syntax error, unexpected '|' at column 5",
    );
    expect(describeCompileError(stderr(firstLine + 1, 3), '.a\n| |')).toBe(
      "syntax error, unexpected '|' at line 2, column 3",
    );
  });

  it('says "at the end of the program" for an error found in the wrapping after it', () => {
    expect(describeCompileError(stderr(firstLine + 2, 1), '.a |')).toBe(
      "syntax error, unexpected '|' at the end of the program",
    );
  });
});
