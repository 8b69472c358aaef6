import { unprocessable, type DomainError } from '../errors.js';

/** Where a rule sits in the query, e.g. `rules[1].rules[0]`; the root query is ''. */
export type RulePath = string;

export const MAX_LIST_VALUES = 1000;

export const childPath = (path: RulePath, index: number) =>
  path ? `${path}.rules[${index}]` : `rules[${index}]`;

const MAX_MESSAGE_LENGTH = 500;

/** Messages echo what the client sent, so a megabyte-long name is cut short. */
export const clip = (message: string) =>
  message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;

export function invalidRule(path: RulePath, message: string): DomainError {
  const at = path || 'query';
  return unprocessable('invalid_search_query', clip(`${at}: ${message}`), { rule: at });
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function expectString(value: unknown, path: RulePath, what: string): string {
  if (typeof value !== 'string') throw invalidRule(path, `${what} must be a string`);
  return value;
}

export function expectStringList(value: unknown, path: RulePath, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalidRule(path, `${what} must be an array of strings`);
  if (value.length > MAX_LIST_VALUES)
    throw invalidRule(path, `${what} has more than ${MAX_LIST_VALUES} items`);
  return value as string[];
}

export function expectStringOrList(value: unknown, path: RulePath, what: string): string[] {
  return typeof value === 'string'
    ? [value]
    : expectStringList(value, path, `${what} (a string or an array)`);
}

export function expectNumber(value: unknown, path: RulePath, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidRule(path, `${what} must be a finite number`);
  return value;
}

export function expectNumberList(value: unknown, path: RulePath, what: string): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
    throw invalidRule(path, `${what} must be an array of finite numbers`);
  if (value.length > MAX_LIST_VALUES)
    throw invalidRule(path, `${what} has more than ${MAX_LIST_VALUES} items`);
  return value as number[];
}

export function expectBoolean(value: unknown, path: RulePath, what: string): boolean {
  if (typeof value !== 'boolean') throw invalidRule(path, `${what} must be true or false`);
  return value;
}
