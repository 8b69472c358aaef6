import { createHash } from 'node:crypto';
import { scalarKindOf, type PropertySchema } from '../../core/blueprint.js';
import type { Dialect } from './dialect/index.js';

/** The name of the partial expression index of property `key` of `blueprint`. */
export const propertyIndexName = (blueprint: string, key: string) =>
  `ep_${createHash('sha1').update(`${blueprint}\u0000${key}`).digest('hex').slice(0, 24)}`;

/** Which properties get an index. PostgreSQL's btree rejects entries over ~2.7 kB, so unbounded texts don't. */
export function propertyIndexKind(dialect: Dialect, schema: PropertySchema): 'text' | 'number' | undefined {
  const kind = scalarKindOf(schema);
  // Dates are compared and sorted as instants (dialect.dateOf), which no expression index covers, and on
  // SQLite booleans are compared as JSON values: an index on either would only cost writes.
  if (!kind || kind === 'date') return undefined;
  if (kind === 'boolean') return dialect.name === 'postgres' ? 'number' : undefined;
  if (kind === 'number') return dialect.name === 'postgres' ? 'number' : 'text';
  if (['markdown', 'yaml', 'proto', 'multi-line'].includes(String(schema.format))) return undefined;
  if (dialect.name === 'postgres') {
    const bounded =
      Array.isArray(schema.enum) ||
      (typeof schema.maxLength === 'number' && schema.maxLength <= 1000) ||
      ['email', 'user', 'team', 'ipv4', 'ipv6', 'url'].includes(String(schema.format));
    if (!bounded) return undefined;
  }
  return 'text';
}
