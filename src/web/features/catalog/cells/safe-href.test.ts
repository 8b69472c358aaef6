import { expect, it } from 'vitest';
import { csvField } from '../export';
import { safeHref } from './safe-href';

it('makes links only of http, https and mailto addresses', () => {
  expect(safeHref('https://example.com/a?b#c')).toBe('https://example.com/a?b#c');
  expect(safeHref('mailto:ada@example.com')).toBe('mailto:ada@example.com');
  for (const hostile of [
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example',
    'not a url',
  ])
    expect(safeHref(hostile), hostile).toBeUndefined();
});

it('quotes CSV fields and defuses spreadsheet formulas', () => {
  expect(csvField('plain')).toBe('plain');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('line\nbreak')).toBe('"line\nbreak"');
  expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
  expect(csvField('+1')).toBe("'+1");
  expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
});
