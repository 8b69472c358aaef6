import type { PropertySchema } from '../../core/blueprint.js';
import { isBlueprint, and, not, or, propertyTarget, type Condition } from './search.targets.js';
import { DomainError } from '../errors.js';
import { operatorContextOf, type CompileContext } from './search.context.js';
import { compileOperator } from './search.operators.js';
import { invalidRule, isPlainObject, type RulePath } from './search.values.js';
import { resolveContextValue } from './search.user-context.js';

const SCHEMA_OPERATORS = new Set(['=', '!=', 'contains']);
const TYPES = new Set(['string', 'number', 'boolean', 'array']);

/**
 * `{propertySchema: {type, format?, items?}, operator, value}`: `=` and `contains` match when any property
 * of that schema matches; `!=` when none equals the value.
 */
export function compilePropertySchemaRule(
  rule: Record<string, unknown>,
  path: RulePath,
  ctx: CompileContext,
): Condition {
  const wanted = rule.propertySchema;
  if (!isPlainObject(wanted) || typeof wanted.type !== 'string' || !TYPES.has(wanted.type))
    throw invalidRule(path, 'propertySchema needs a "type" of string, number, boolean or array');
  if (wanted.format !== undefined && typeof wanted.format !== 'string')
    throw invalidRule(path, 'propertySchema.format must be a string');
  const operator = rule.operator;
  if (typeof operator !== 'string' || !SCHEMA_OPERATORS.has(operator))
    throw invalidRule(path, 'a propertySchema rule takes the operator "=", "!=" or "contains"');
  const value = resolveContextValue(rule.value, ctx.scope.user, path);
  const positive = operator === '!=' ? '=' : operator;
  const parts: Condition[] = [];
  let firstError: unknown;
  for (const blueprint of ctx.candidates) {
    const properties = ctx.scope.blueprints.get(blueprint)?.schema.properties ?? {};
    const conditions: Condition[] = [];
    for (const [key, schema] of Object.entries(properties)) {
      if (!schemaMatches(schema, wanted)) continue;
      const target = propertyTarget(ctx.dialect, blueprint, key, schema);
      // Without a format, `{type: "string"}` also finds date-times; those take only date values, so skip them.
      try {
        conditions.push(compileOperator(target, positive, value, operatorContextOf(ctx, path)));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        firstError ??= error;
      }
    }
    if (conditions.length > 0) parts.push(and([isBlueprint(blueprint), or(conditions)]));
  }
  if (parts.length === 0 && firstError) throw firstError;
  const any = or(parts);
  return operator === '!=' ? not(any) : any;
}

function schemaMatches(schema: PropertySchema, wanted: Record<string, unknown>): boolean {
  if (schema.type !== wanted.type) return false;
  if (wanted.format !== undefined && schema.format !== wanted.format) return false;
  const items = wanted.items;
  if (!isPlainObject(items)) return true;
  return (
    (items.type === undefined || schema.items?.type === items.type) &&
    (items.format === undefined || schema.items?.format === items.format)
  );
}
