import { describe, expect, it } from 'vitest';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import {
  keepDefinedThen,
  namesSinceAfter,
  redefinedNames,
  withDependents,
  type DefinedSince,
} from './defined-since.js';

const blueprint = (identifier: string, parts: Partial<BlueprintDefinition> = {}): BlueprintDefinition => ({
  identifier,
  title: identifier,
  schema: { properties: {}, required: [] },
  relations: {},
  mirrorProperties: {},
  calculationProperties: {},
  aggregationProperties: {},
  ...parts,
});

describe('redefinedNames', () => {
  const before = blueprint('service', {
    schema: { properties: { tier: { type: 'number' }, name: { type: 'string' } }, required: [] },
    relations: { system: { target: 'system', many: false, required: false } },
    mirrorProperties: { systemName: { title: 'System', path: 'system.name' } },
    calculationProperties: { label: { title: 'Label', type: 'string', calculation: '.title' } },
  });

  it('names those added, removed, of another kind or computed otherwise; not a stored schema or a title changed', () => {
    const after = blueprint('service', {
      schema: {
        // tier: another schema, its values are the same; systemName: a mirror before.
        properties: { tier: { type: 'string' }, systemName: { type: 'string' }, added: { type: 'string' } },
        required: [],
      },
      relations: { system: { target: 'platform', many: false, required: false } },
      calculationProperties: {
        label: { title: 'Another title', type: 'string', calculation: '.title', colorized: true },
      },
    });
    expect([...redefinedNames(before, after)].sort()).toEqual(['added', 'name', 'system', 'systemName']);
  });

  it('names a calculation whose program changes', () => {
    const after = structuredClone(before);
    after.calculationProperties.label = { title: 'Label', type: 'string', calculation: '.identifier' };
    expect([...redefinedNames(before, after)]).toEqual(['label']);
  });
});

describe('withDependents', () => {
  const system = blueprint('system', {
    schema: { properties: { name: { type: 'string' } }, required: [] },
  });
  const service = blueprint('service', {
    relations: { system: { target: 'system', many: false, required: false } },
    mirrorProperties: { systemName: { title: 'System', path: 'system.name' } },
    calculationProperties: {
      shout: { title: 'Shout', type: 'string', calculation: '.properties.systemName' },
      plain: { title: 'Plain', type: 'string', calculation: '.title' },
    },
  });
  const all = new Map([
    ['system', system],
    ['service', service],
  ]);

  it('adds the mirrors whose paths read a name defined anew, and the calculations that read them', () => {
    const out = withDependents(all, new Map([['system', new Set(['name'])]]));
    expect([...(out.get('system') ?? [])]).toEqual(['name']);
    expect([...(out.get('service') ?? [])].sort()).toEqual(['shout', 'systemName']);
  });

  it('adds nothing for a name nothing reads', () => {
    const out = withDependents(all, new Map([['system', new Set(['other'])]]));
    expect(out.get('service')).toBeUndefined();
  });
});

describe('namesSinceAfter', () => {
  const after = blueprint('service', {
    schema: { properties: { stored: { type: 'string' } }, required: [] },
    mirrorProperties: { mirrored: { title: 'M', path: 'system.name' } },
  });

  it('dates a stored property from the change, anything else after it, and forgets names gone', () => {
    const names = { gone: '2026-01-01T00:00:00.000Z', mirrored: '2026-01-01T00:00:00.000Z' };
    const instants = { at: '2026-02-01T00:00:00.000Z', after: '2026-02-01T00:00:00.005Z' };
    expect(namesSinceAfter(names, after, new Set(['stored']), instants)).toEqual({
      stored: instants.at,
      mirrored: '2026-01-01T00:00:00.000Z',
    });
    expect(namesSinceAfter(names, after, new Set(['stored', 'mirrored']), instants)).toEqual({
      stored: instants.at,
      mirrored: instants.after,
    });
  });
});

describe('keepDefinedThen', () => {
  const since: DefinedSince = {
    blueprint: '2026-01-01T00:00:00.000Z',
    names: { reused: '2026-03-01T00:00:00.000Z', owner: '2026-03-01T00:00:00.000Z' },
  };
  const version = () => ({
    properties: { reused: 'old', kept: 1 },
    relations: { owner: 'someone', other: 'x' },
  });

  it("leaves out a version's values under names defined after it", () => {
    expect(keepDefinedThen(version(), '2026-02-01T00:00:00.000Z', since)).toEqual({
      properties: { kept: 1 },
      relations: { other: 'x' },
    });
  });

  it('keeps them in versions from then on', () => {
    expect(keepDefinedThen(version(), '2026-03-01T00:00:00.000Z', since)).toEqual(version());
  });
});
