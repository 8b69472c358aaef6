/** Port's property operators (port-model §4), and which apply to which kind of value. */
export const PROPERTY_OPERATORS = [
  '=',
  '!=',
  'contains',
  'doesNotContains',
  'beginsWith',
  'doesNotBeginsWith',
  'endsWith',
  'doesNotEndsWith',
  'in',
  'notIn',
  'containsAny',
  '>',
  '>=',
  '<',
  '<=',
  'between',
  'notBetween',
  'isEmpty',
  'isNotEmpty',
  'isExpired',
  'isNotExpired',
] as const;

export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

/** How a value is compared: a property's scalar kind, an array of strings, or anything else. */
export type OperandKind = 'string' | 'number' | 'boolean' | 'date' | 'string-array' | 'other';

const TEXT = [
  'contains',
  'doesNotContains',
  'beginsWith',
  'doesNotBeginsWith',
  'endsWith',
  'doesNotEndsWith',
];
const EMPTY = ['isEmpty', 'isNotEmpty'];

/** The operators the search compiler accepts for each kind (docs/searching.md, "Operators"). */
export const OPERATORS_BY_KIND: Readonly<Record<OperandKind, readonly PropertyOperator[]>> = {
  string: ['=', '!=', 'in', 'notIn', 'containsAny', ...TEXT, ...EMPTY] as PropertyOperator[],
  number: ['=', '!=', 'in', 'notIn', '>', '>=', '<', '<=', ...EMPTY] as PropertyOperator[],
  boolean: ['=', '!=', ...EMPTY] as PropertyOperator[],
  date: [
    '=',
    '!=',
    'in',
    'notIn',
    ...TEXT,
    '>',
    '>=',
    '<',
    '<=',
    'between',
    'notBetween',
    'isExpired',
    'isNotExpired',
    ...EMPTY,
  ] as PropertyOperator[],
  'string-array': [
    '=',
    '!=',
    'in',
    'notIn',
    'containsAny',
    'contains',
    'doesNotContains',
    ...EMPTY,
  ] as PropertyOperator[],
  other: EMPTY as PropertyOperator[],
};

/** What the value of an operator is: none, one value, a list, or a date range. */
export function operandOf(operator: string): 'none' | 'one' | 'list' | 'range' {
  if (EMPTY.includes(operator) || operator === 'isExpired' || operator === 'isNotExpired') return 'none';
  if (operator === 'in' || operator === 'notIn' || operator === 'containsAny') return 'list';
  if (operator === 'between' || operator === 'notBetween') return 'range';
  return 'one';
}

/** Words for a filter builder's operator menu. */
export const OPERATOR_LABELS: Readonly<Record<PropertyOperator, string>> = {
  '=': 'is',
  '!=': 'is not',
  contains: 'contains',
  doesNotContains: 'does not contain',
  beginsWith: 'begins with',
  doesNotBeginsWith: 'does not begin with',
  endsWith: 'ends with',
  doesNotEndsWith: 'does not end with',
  in: 'is one of',
  notIn: 'is none of',
  containsAny: 'has any of',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  between: 'is between',
  notBetween: 'is not between',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  isExpired: 'has expired',
  isNotExpired: 'has not expired',
};
