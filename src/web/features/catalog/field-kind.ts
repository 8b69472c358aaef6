import type { JsonObject } from '../../../core/blueprint';

/**
 * A value's JSON Schema with Port's formats: a blueprint property or an action input (§5.2) alike.
 * `encryption` only action inputs have; `timer` only properties.
 */
export interface FieldSchema extends JsonObject {
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  format?: string;
  blueprint?: string;
  items?: JsonObject;
  encryption?: unknown;
}

/** The control that shows one value. */
export type FieldKind =
  | { control: 'select'; options: unknown[] }
  | { control: 'multi-select'; options: unknown[] }
  | { control: 'text'; type: 'text' | 'url' | 'email' }
  | { control: 'secret' }
  | { control: 'number' }
  | { control: 'boolean' }
  | { control: 'date-time' }
  | { control: 'long-text'; monospace: boolean }
  | { control: 'code'; language: 'json' | 'yaml' }
  | { control: 'entity'; blueprint: string; many: boolean }
  | { control: 'tags' };

const PICKED: Record<string, string> = { user: '_user', team: '_team' };

/** The blueprint whose entities a user, team or entity value picks from; undefined for other values. */
export function pickedBlueprint(schema: JsonObject | undefined): string | undefined {
  if (typeof schema?.format !== 'string') return undefined;
  if (schema.format === 'entity') return typeof schema.blueprint === 'string' ? schema.blueprint : undefined;
  return Object.hasOwn(PICKED, schema.format) ? PICKED[schema.format] : undefined;
}

/** Chooses the control by type and format; `options` are the enum as it is now (jqQuery or fixed). */
export function fieldKind(schema: FieldSchema, options: unknown[] | undefined): FieldKind {
  if (schema.encryption !== undefined)
    return schema.type === 'string' ? { control: 'secret' } : { control: 'code', language: 'json' };
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as FieldSchema;
    const blueprint = pickedBlueprint(items);
    if (blueprint) return { control: 'entity', blueprint, many: true };
    if (Array.isArray(items.enum)) return { control: 'multi-select', options: items.enum };
    if (options) return { control: 'multi-select', options };
    if (items.type === 'string' || items.type === undefined) return { control: 'tags' };
    return { control: 'code', language: 'json' };
  }
  if (options && schema.type !== 'boolean') return { control: 'select', options };
  const blueprint = pickedBlueprint(schema);
  if (blueprint) return { control: 'entity', blueprint, many: false };
  switch (schema.type) {
    case 'number':
      return { control: 'number' };
    case 'boolean':
      return { control: 'boolean' };
    case 'object':
      return { control: 'code', language: 'json' };
  }
  switch (schema.format) {
    case 'date-time':
    case 'timer':
      return { control: 'date-time' };
    case 'yaml':
      return { control: 'code', language: 'yaml' };
    case 'markdown':
    case 'multi-line':
      return { control: 'long-text', monospace: false };
    case 'proto':
      return { control: 'long-text', monospace: true };
    case 'url':
    case 'email':
      return { control: 'text', type: schema.format };
  }
  return { control: 'text', type: 'text' };
}
