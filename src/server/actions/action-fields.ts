import type { JsonObject } from '../../core/blueprint.js';
import { isJqQuery } from '../../core/action.js';
import { unprocessable } from '../errors.js';

/** A 422 naming the field of an action definition at fault. */
export const actionError = (field: string, message: string) =>
  unprocessable('invalid_action', `${field} ${message}`, { field });

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `visible` and `disabled`: a boolean or a jqQuery. */
export function checkFlag(field: string, value: unknown) {
  if (value !== undefined && typeof value !== 'boolean' && !isJqQuery(value))
    throw actionError(field, 'must be true, false or {"jqQuery": "..."}');
}
