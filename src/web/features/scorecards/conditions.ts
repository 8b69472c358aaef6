import type { Blueprint, PropertySchema } from '../../../core/blueprint';
import { propertySchemaOf } from '../../../core/computed-properties';
import type { ScorecardQuery } from '../../../core/scorecard';
import { OPERATOR_LABELS, operandOf, type PropertyOperator } from '../../../core/search-operators';
import { columnsOf } from '../catalog/columns';

/** One of a rule's conditions, in words, with what it reads of an entity. */
export interface ConditionView {
  /** A property (meta-properties and computed ones included) or a relation. */
  kind: 'property' | 'relation';
  /** Its identifier: `language`, `$team`, a relation's `system`. */
  id: string;
  /** Its title on the blueprint, else its identifier. */
  subject: string;
  /** The operator and the value it is compared with: `is one of Go, Java`. */
  test: string;
  /** How the entity's value is shown (a property's schema). */
  schema?: PropertySchema;
  /** A relation's target blueprint. */
  target?: string;
}

const operatorWords = (operator: string, not: boolean) => {
  if (not && operator === 'isEmpty') return 'is not empty';
  if (not && operator === 'isNotEmpty') return 'is empty';
  return Object.hasOwn(OPERATOR_LABELS, operator) ? OPERATOR_LABELS[operator as PropertyOperator] : operator;
};

/** A condition's value as text: a list joined, a date range by its preset or bounds, JSON for the rest. */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'empty';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') {
    const range = value as { preset?: unknown; from?: unknown; to?: unknown };
    if (typeof range.preset === 'string') return range.preset;
    if (range.from !== undefined || range.to !== undefined)
      return `${valueText(range.from ?? '…')} – ${valueText(range.to ?? '…')}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** The conditions of a rule (or of a filter), each in words, against the blueprint it scores. */
export function conditionsOf(
  query: ScorecardQuery,
  blueprint: Blueprint,
  all?: ReadonlyMap<string, Blueprint>,
): ConditionView[] {
  const columns = new Map(columnsOf(blueprint, all).map((column) => [column.id, column]));
  return query.conditions.map((condition): ConditionView => {
    const operator = String(condition.operator ?? '');
    const words = operatorWords(operator, condition.not === true);
    const test =
      operandOf(operator) === 'none' || condition.value === undefined
        ? words
        : `${words} ${valueText(condition.value)}`;
    if (typeof condition.relation === 'string') {
      const id = condition.relation;
      const relation = blueprint.relations[id];
      return {
        kind: 'relation',
        id,
        subject: relation?.title ?? id,
        test,
        ...(relation ? { target: relation.target } : {}),
      };
    }
    const id = typeof condition.property === 'string' ? condition.property : JSON.stringify(condition);
    const column = columns.get(id);
    const schema =
      column?.schema ?? propertySchemaOf(blueprint, id, all ?? new Map([[blueprint.identifier, blueprint]]));
    return {
      kind: 'property',
      id,
      subject: column?.title ?? id,
      test,
      ...(schema ? { schema } : {}),
    };
  });
}
