import { describe, expect, it } from 'vitest';
import { scanTemplate } from './template-scanner.js';

describe('scanTemplate', () => {
  it('keeps a string without expressions as one piece of text', () => {
    expect(scanTemplate('plain text')).toEqual([{ text: 'plain text' }]);
    expect(scanTemplate('')).toEqual([]);
  });

  it('splits text and expressions', () => {
    expect(scanTemplate('a {{ .x }} b {{.y}}')).toEqual([
      { text: 'a ' },
      { expression: ' .x ' },
      { text: ' b ' },
      { expression: '.y' },
    ]);
  });

  it('does not end an expression at braces inside a quoted jq string, double or single quoted', () => {
    expect(scanTemplate('{{ "}}" + .a }}')).toEqual([{ expression: ' "}}" + .a ' }]);
    expect(scanTemplate("{{ '}}' + .a }}")).toEqual([{ expression: " '}}' + .a " }]);
    expect(scanTemplate('{{ "it\'s }}" }}')).toEqual([{ expression: ' "it\'s }}" ' }]);
    expect(scanTemplate('{{ "\\"}}" }}')).toEqual([{ expression: ' "\\"}}" ' }]);
  });

  it('follows string interpolation, whose code may hold strings of its own', () => {
    expect(scanTemplate('{{ "\\(.a + "}}")" }}!')).toEqual([
      { expression: ' "\\(.a + "}}")" ' },
      { text: '!' },
    ]);
  });

  it('balances the braces of jq objects, including three in a row', () => {
    expect(scanTemplate('{{ {a: {b: 1}} }}')).toEqual([{ expression: ' {a: {b: 1}} ' }]);
    expect(scanTemplate('{{{a: 1}}}')).toEqual([{ expression: '{a: 1}' }]);
    expect(scanTemplate('{{ .a }}}')).toEqual([{ expression: ' .a ' }, { text: '}' }]);
  });

  it('keeps a closing "}}" outside any expression as text', () => {
    expect(scanTemplate('a }} b')).toEqual([{ text: 'a }} b' }]);
  });

  it('rejects "{{" inside an expression, and an expression never closed', () => {
    expect(() => scanTemplate('{{ .a {{ .b }} }}')).toThrow(
      '"{{" at character 7 is inside the expression opened at character 1',
    );
    expect(() => scanTemplate('x {{ .a ')).toThrow('"{{" at character 3 is never closed by "}}"');
    expect(() => scanTemplate('{{ "}} ')).toThrow('never closed');
  });
});
