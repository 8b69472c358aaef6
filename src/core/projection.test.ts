import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.js';
import { projectEntity } from './projection.js';

const entity = {
  identifier: 'svc',
  title: 'Service',
  icon: null,
  blueprint: 'service',
  team: ['a'],
  properties: { language: 'go', tier: 1, identifier: 'a property named identifier' },
  relations: { system: 'sys', language: null },
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  updatedAt: '2026-01-02T00:00:00.000Z',
  updatedBy: 'u',
} as unknown as Entity;

describe("projectEntity: Port's include and exclude paths", () => {
  it.each([
    [['properties.language', 'identifier'], { identifier: 'svc', properties: { language: 'go' } }],
    [['identifier', 'relations'], { identifier: 'svc', relations: { system: 'sys', language: null } }],
    [['properties'], { properties: entity.properties }],
    [['title', 'relations.system'], { title: 'Service', relations: { system: 'sys' } }],
    // Portico's: meta-properties and bare identifiers (a property and a relation of that name).
    [['$identifier', 'tier'], { identifier: 'svc', properties: { tier: 1 } }],
    [['language'], { properties: { language: 'go' }, relations: { language: null } }],
  ])('include %j', (include, expected) => {
    expect(projectEntity(entity, include)).toEqual(expected);
  });

  it.each([
    [['identifier'], 'identifier'],
    [['relations'], 'relations'],
    [['properties'], 'properties'],
    [['$title'], 'title'],
  ])('exclude %j drops %s', (exclude, dropped) => {
    const projected = projectEntity(entity, undefined, exclude) as Record<string, unknown>;
    expect(projected).not.toHaveProperty(dropped);
    expect(Object.keys(projected).length).toBe(Object.keys(entity).length - 1);
  });

  it('exclude of one property or relation keeps the rest, and applies after include', () => {
    expect(projectEntity(entity, undefined, ['properties.tier', 'relations.system'])).toMatchObject({
      properties: { language: 'go', identifier: 'a property named identifier' },
      relations: { language: null },
    });
    expect(projectEntity(entity, ['properties'], ['properties.tier'])).toEqual({
      properties: { language: 'go', identifier: 'a property named identifier' },
    });
  });
});
