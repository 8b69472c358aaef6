import { describe, expect, it } from 'vitest';
import { fieldKind, pickedBlueprint } from './field-kind';

describe('fieldKind', () => {
  it('chooses a control for each of Port’s input types and formats', () => {
    expect(fieldKind({ type: 'string' }, undefined)).toEqual({ control: 'text', type: 'text' });
    expect(fieldKind({ type: 'string', format: 'email' }, undefined)).toEqual({
      control: 'text',
      type: 'email',
    });
    expect(fieldKind({ type: 'string', format: 'url' }, undefined)).toEqual({ control: 'text', type: 'url' });
    expect(fieldKind({ type: 'string', format: 'date-time' }, undefined)).toEqual({ control: 'date-time' });
    expect(fieldKind({ type: 'string', format: 'yaml' }, undefined)).toEqual({
      control: 'code',
      language: 'yaml',
    });
    expect(fieldKind({ type: 'string', format: 'markdown' }, undefined).control).toBe('long-text');
    expect(fieldKind({ type: 'string', format: 'multi-line' }, undefined).control).toBe('long-text');
    expect(fieldKind({ type: 'string', encryption: 'aes256-gcm' }, undefined)).toEqual({ control: 'secret' });
    expect(fieldKind({ type: 'number' }, undefined)).toEqual({ control: 'number' });
    expect(fieldKind({ type: 'boolean' }, undefined)).toEqual({ control: 'boolean' });
    expect(fieldKind({ type: 'object' }, undefined)).toEqual({ control: 'code', language: 'json' });
    expect(fieldKind({ type: 'array', items: { type: 'number' } }, undefined)).toEqual({
      control: 'code',
      language: 'json',
    });
    expect(fieldKind({ type: 'array', items: { type: 'string' } }, undefined)).toEqual({ control: 'tags' });
    expect(fieldKind({ type: 'string' }, ['a'])).toEqual({ control: 'select', options: ['a'] });
    expect(fieldKind({ type: 'number' }, [1, 2])).toEqual({ control: 'select', options: [1, 2] });
  });

  it('picks users, teams and entities, one or many', () => {
    expect(fieldKind({ type: 'string', format: 'user' }, undefined)).toEqual({
      control: 'entity',
      blueprint: '_user',
      many: false,
    });
    expect(fieldKind({ type: 'array', items: { type: 'string', format: 'team' } }, undefined)).toEqual({
      control: 'entity',
      blueprint: '_team',
      many: true,
    });
    expect(fieldKind({ type: 'string', format: 'entity', blueprint: 'service' }, undefined)).toEqual({
      control: 'entity',
      blueprint: 'service',
      many: false,
    });
    expect(pickedBlueprint({ type: 'string', format: 'constructor' })).toBeUndefined();
  });

  it('chooses the same controls for blueprint properties, with their own formats', () => {
    expect(fieldKind({ type: 'string', format: 'timer' }, undefined)).toEqual({ control: 'date-time' });
    expect(fieldKind({ type: 'string', format: 'proto' }, undefined)).toEqual({
      control: 'long-text',
      monospace: true,
    });
    expect(fieldKind({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } }, undefined)).toEqual({
      control: 'multi-select',
      options: ['a', 'b'],
    });
    expect(fieldKind({ type: 'boolean', enum: [true] }, [true])).toEqual({ control: 'boolean' });
  });
});
