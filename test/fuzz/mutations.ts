/* eslint-disable @typescript-eslint/no-explicit-any -- walks untyped JSON */

/** Mutations of a generated JSON body: one node replaced, one key added, or the text itself broken. */

/** Every node of a JSON value, by its path of keys. */
function nodePaths(value: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(at);
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      nodePaths(child, [...at, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return value.map((child, index) => (index === head ? replaceAt(child, rest, replacement) : child));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  Object.defineProperty(copy, head!, {
    value: replaceAt(copy[head!], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

export type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; at: number; with: unknown }
  | { kind: 'extra-key'; at: number; key: string; with: unknown }
  | {
      kind: 'text';
      edit:
        | 'infinite-number'
        | 'nul-escape'
        | 'surrogate-escape'
        | 'deep'
        | 'truncate'
        | 'duplicate-key'
        | 'not-json'
        | 'empty'
        | 'proto-key';
    };

export function applyMutation(value: unknown, mutation: Mutation): string {
  if (mutation.kind === 'replace') {
    const all = nodePaths(value);
    const paths = all.length > 1 ? all.slice(1) : all;
    return JSON.stringify(replaceAt(value, paths[mutation.at % paths.length]!, mutation.with)) ?? 'null';
  }
  if (mutation.kind === 'extra-key') {
    const paths = nodePaths(value).filter((path) => {
      let node: any = value;
      for (const key of path) node = node[key];
      return node && typeof node === 'object' && !Array.isArray(node);
    });
    if (paths.length === 0) return JSON.stringify(value) ?? 'null';
    const path = paths[mutation.at % paths.length]!;
    let node: any = value;
    for (const key of path) node = node[key];
    return JSON.stringify(replaceAt(value, path, { ...node, [mutation.key]: mutation.with })) ?? 'null';
  }
  const text = JSON.stringify(value) ?? 'null';
  if (mutation.kind === 'none') return text;
  switch (mutation.edit) {
    case 'infinite-number':
      return /:-?\d/.test(text)
        ? text.replace(/:-?\d[\d.eE+-]*/, ':1e309')
        : text.replace(/^\{/, '{"count":-1e309,');
    case 'nul-escape':
      return text.replace(/"([^"\\]*)"(?!:)/, '"$1\\u0000"');
    case 'surrogate-escape':
      return text.replace(/"([^"\\]*)"(?!:)/, '"$1\\ud800"');
    case 'deep':
      return text.replace(/^\{/, `{"deep":${'['.repeat(2000)}${']'.repeat(2000)},`);
    case 'truncate':
      return text.slice(0, Math.max(1, text.length - 2));
    case 'duplicate-key':
      return text.replace(/^\{"([^"]+)":/, '{"$1":null,"$1":');
    case 'proto-key':
      return text.replace(/^\{/, '{"__proto__":{"isAdmin":true},');
    case 'not-json':
      return `${text}garbage`;
    case 'empty':
      return '';
  }
}
