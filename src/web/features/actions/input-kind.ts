import type { ActionInput } from '../../../core/action';

/** The control that shows one action input (§5.2). */
export type InputKind =
  | { control: 'select'; options: unknown[] }
  | { control: 'multi-select'; options: unknown[] }
  | { control: 'text'; type: 'text' | 'url' | 'email' }
  | { control: 'secret' }
  | { control: 'number' }
  | { control: 'toggle' }
  | { control: 'date-time' }
  | { control: 'long-text'; monospace: boolean }
  | { control: 'code'; language: 'json' | 'yaml' }
  | { control: 'entity'; blueprint: string; many: boolean }
  | { control: 'tags' };

const PICKED: Record<string, string> = { user: '_user', team: '_team' };

/** The blueprint whose entities a user, team or entity input picks from; undefined for other inputs. */
export function pickedBlueprint(input: ActionInput | undefined): string | undefined {
  if (!input?.format) return undefined;
  if (input.format === 'entity') return typeof input.blueprint === 'string' ? input.blueprint : undefined;
  return Object.hasOwn(PICKED, input.format) ? PICKED[input.format] : undefined;
}

/** Chooses the control by type and format; `options` are the enum as resolved now (jqQuery or fixed). */
export function inputKind(input: ActionInput, options: unknown[] | undefined): InputKind {
  if (input.encryption !== undefined)
    return input.type === 'string' ? { control: 'secret' } : { control: 'code', language: 'json' };
  if (input.type === 'array') {
    const items = (input.items ?? {}) as ActionInput;
    const blueprint = pickedBlueprint(items);
    if (blueprint) return { control: 'entity', blueprint, many: true };
    if (Array.isArray(items.enum)) return { control: 'multi-select', options: items.enum };
    if (options) return { control: 'multi-select', options };
    if (items.type === 'string' || items.type === undefined) return { control: 'tags' };
    return { control: 'code', language: 'json' };
  }
  if (options && input.type !== 'boolean') return { control: 'select', options };
  const blueprint = pickedBlueprint(input);
  if (blueprint) return { control: 'entity', blueprint, many: false };
  switch (input.type) {
    case 'number':
      return { control: 'number' };
    case 'boolean':
      return { control: 'toggle' };
    case 'object':
      return { control: 'code', language: 'json' };
  }
  switch (input.format) {
    case 'date-time':
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
      return { control: 'text', type: input.format };
  }
  return { control: 'text', type: 'text' };
}
