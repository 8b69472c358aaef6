import { describe, expect, it } from 'vitest';
import { definitionOf, draftOf, newPropertyRow, problemsOf, withFormat, withType } from './blueprint-draft';

const stored = {
  identifier: 'service',
  title: 'Service',
  icon: 'Microservice',
  schema: {
    properties: {
      language: { type: 'string', enum: ['Go'], enumColors: { Go: 'blue' }, minLength: 1 },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['language'],
  },
  relations: { system: { target: 'system', required: false, many: false } },
  mirrorProperties: { owner: { path: 'system.$title' } },
  version: '3-abc',
  createdAt: '2026-01-01T00:00:00Z',
};

describe('the blueprint draft', () => {
  it('gives back the same definition, keeping keys the form has no field for, without stored-only ones', () => {
    const draft = draftOf(stored, { properties: ['language', 'tags'], relations: ['system'] });
    expect(draft.properties.map((row) => [row.key, row.saved, row.required])).toEqual([
      ['language', true, true],
      ['tags', true, false],
    ]);
    const { version: _v, createdAt: _c, ...definition } = stored;
    expect(definitionOf(draft)).toEqual(definition);
    expect(Object.keys(definitionOf(draft)).slice(0, 3)).toEqual(['identifier', 'title', 'icon']);
  });

  it('keeps row ids across a trip through JSON, so the form keeps its place', () => {
    const draft = draftOf(stored);
    const again = draftOf(JSON.parse(JSON.stringify(definitionOf(draft))), undefined, draft);
    expect(again.properties.map((row) => row.uid)).toEqual(draft.properties.map((row) => row.uid));
  });

  it('refuses JSON the form cannot show, naming where', () => {
    expect(() => draftOf([])).toThrow('JSON object');
    expect(() => draftOf({ schema: { properties: { a: 1 } } })).toThrow('schema.properties.a');
    expect(() => draftOf({ relations: [] })).toThrow('relations must be an object');
  });

  it('drops what belongs to the old type or format', () => {
    expect(
      withType({ type: 'string', format: 'url', enum: ['a'], default: 'a', title: 'T' }, 'array'),
    ).toEqual({
      type: 'array',
      title: 'T',
      items: { type: 'string' },
    });
    expect(withFormat({ type: 'string', format: 'entity', blueprint: 'x' }, 'url')).toEqual({
      type: 'string',
      format: 'url',
    });
  });

  it('names the fields to fix before sending: missing, malformed or repeated keys, empty enum values', () => {
    const draft = draftOf({ identifier: 'bad id', title: '', relations: { a: { target: '' } } });
    const twin = { ...newPropertyRow(), key: 'a' };
    const empty = { ...newPropertyRow(), key: 'b', schema: { type: 'string' as const, enum: ['x', ''] } };
    draft.properties.push(twin, empty);
    const problems = problemsOf(draft, true);
    expect(problems.identifier).toMatch(/letters, digits/i);
    expect(problems.title).toBeDefined();
    expect(problems[`relations.${draft.relations[0]!.uid}.key`]).toContain('already used');
    expect(problems[`relations.${draft.relations[0]!.uid}.target`]).toBeDefined();
    expect(problems[`properties.${empty.uid}.enum`]).toBeDefined();
    expect(problemsOf(draft, false).identifier).toBeUndefined();
  });
});
