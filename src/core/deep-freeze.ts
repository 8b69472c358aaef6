/** `value`, frozen through (Maps' values too): for what a cache shares with every request. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of value instanceof Map ? value.values() : Object.values(value)) deepFreeze(child);
  return value;
}
