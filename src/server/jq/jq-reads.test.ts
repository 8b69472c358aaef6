import { describe, expect, it } from 'vitest';
import { cutToReads, entityReads } from '../../core/jq-reads.js';
import { createJqPool } from './jq-pool.js';

const reads = (program: string) => {
  const found = entityReads(program);
  return (
    found && {
      keys: [...found.keys].sort(),
      properties: [...found.properties].sort(),
      relations: [...found.relations].sort(),
    }
  );
};

const SURE: Array<[string, string[], string[], string[]]> = [
  ['.identifier + "-" + .properties.language', ['identifier'], ['language'], []],
  ['(.properties.domainTitle // "none") + ": " + .title', ['title'], ['domainTitle'], []],
  ['.properties["a b"] + .properties."c" + .["title"]', ['title'], ['a b', 'c'], []],
  ['.relations.domain', [], [], ['domain']],
  ['.relations | length', ['relations'], [], []],
  ['.properties.tags | map(ascii_downcase) | join(",")', [], ['tags'], []],
  ['.properties.tags | map(select(. != "x")) | length', [], ['tags'], []],
  ['"\\(.properties.a)-\\(.title | ascii_downcase)"', ['title'], ['a'], []],
  ['if .properties.a > 1 then "big" elif .properties.b then .title else null end', ['title'], ['a', 'b'], []],
  ['.title as $t | .properties.x + $t', ['title'], ['x'], []],
  ['first(.properties.tags[]) // "none"', [], ['tags'], []],
  ['try (.properties.n | tonumber) // 0', [], ['n'], []],
  ['[.properties.a, .properties.b] | max', [], ['a', 'b'], []],
  ['.properties.obj | {x: .a, y}', [], ['obj'], []],
  ['.properties.n * .5 + 1e3 - -.properties.m', [], ['m', 'n'], []],
  ['.properties.tags[.properties.i]', [], ['i', 'tags'], []],
  ['not', [], [], []],
  ['now - (.createdAt | fromdate)', ['createdAt'], [], []],
  ['.properties.s | test("a(b)c"; "i")', [], ['s'], []],
  ['.properties.x | if . then "y" end', [], ['x'], []],
];

describe('entityReads', () => {
  it.each(SURE)('%s', (program, keys, properties, relations) => {
    expect(reads(program)).toEqual({ keys, properties, relations });
  });
  it.each([
    '.',
    '.properties',
    '.properties | keys',
    '.properties | to_entries | length',
    '.properties[]',
    '.properties[.title]',
    '.properties?.x',
    '..',
    'tojson',
    'tostring | length',
    'length',
    '. as $e | $e.properties.x',
    '.properties as $p | $p.x',
    '{title}',
    'if .properties.a then "x" end',
    'reduce .properties.xs[] as $x (0; . + $x)',
    'def f: .; f',
    '.properties.a = 1',
    '.properties |= {}',
    'try .properties.a catch .',
    '$ENV.HOME',
    'env.HOME',
    'input',
    '.properties.a # a comment',
    '."\\(.title)"',
    'select(.properties.a) | .title',
    'getpath(["properties", "x"])',
    '@base64',
    '[.[] | length]',
    '.properties.a)',
    '"open',
    // Where jq runs it in the text, which moves as programs are run together.
    '.properties.dt as $d | $__loc__.line',
  ])('%s reads anything', (program) => {
    expect(entityReads(program)).toBeUndefined();
  });

  // The proof that matters: over entities that differ only outside what a program is said to read, jq
  // gives the same answers.
  it('jq answers the same for an entity and the entity cut to what the program reads', async () => {
    const pool = createJqPool({ workers: 1 });
    try {
      const entity = {
        identifier: 'svc-1',
        title: 'Service One',
        icon: null,
        blueprint: 'service',
        team: ['a'],
        properties: {
          language: 'go',
          tags: ['X', 'y'],
          n: '42',
          m: 3,
          i: 1,
          a: 2,
          b: false,
          s: 'xABCx',
          x: true,
          obj: { a: 1, y: 2 },
          domainTitle: 'Payments',
          'a b': 'ab',
          c: 'c',
        },
        relations: { domain: 'd1' },
        createdAt: '2026-01-01T00:00:00.000Z',
        createdBy: 'u',
        updatedAt: '2026-01-02T00:00:00.000Z',
        updatedBy: 'u',
      };
      for (const [program] of SURE) {
        const found = entityReads(program)!;
        const cut = cutToReads(entity, found);
        const [onCut, onEntity] = (await pool.evaluateEachAll([program], [cut, entity])).map(([result]) =>
          result && 'outputs' in result ? result.outputs : result?.error.message,
        );
        expect(onCut, program).toEqual(onEntity);
      }
    } finally {
      await pool.close();
    }
  });
});
