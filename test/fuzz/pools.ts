/** The fixed pools of hostile names and values the fuzz suite draws from. */
import { PROPERTY_OPERATORS } from '../../src/server/search/search.operators.js';

/** Names that are own properties of every plain object, and names that look like meta-properties. */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

export const LONG = 'x'.repeat(1001);
const VERY_LONG = 'y'.repeat(50_001);

/** Text that has broken parsers, SQL, JSON columns, PostgreSQL's text type or LIKE patterns before. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  'a',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d\ude00',
  '\u202e\u200b\ufeff',
  '\n\r\t\u0085\u2028',
  "'; drop table entities; --",
  '" or 1=1 --',
  '%',
  '_',
  '\\',
  '\\%_',
  '%00',
  '../..',
  '/',
  '?#',
  '{{x}}',
  '${x}',
  'null',
  'true',
  '1e309',
  'NaN',
  'Infinity',
  'My Teams',
  '$identifier',
  '$team',
  LONG,
  VERY_LONG,
  ...PROTOTYPE_NAMES,
];

export const HOSTILE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53) - 2,
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

export const HOSTILE_DATES = [
  '2026-11-20',
  '2026-11-20T10:00:00Z',
  '2026-11-20T10:00:00.123456789Z',
  '2026-11-20T10:00:00+14:00',
  '2026-11-20T10:00:00-23:59',
  '2026-11-20T10:00',
  '2026-11-20t10:00:00z',
  '2016-12-31T23:59:60Z',
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '0001-01-01T00:00:00Z',
  '9999-12-31',
  '9999-12-31T23:59:59.999Z',
  '10000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30',
  '2026-13-01',
  '2026-11-20T25:61:61Z',
  'today',
];

export const DATE_PRESETS = [
  'today',
  'tomorrow',
  'yesterday',
  'lastWeek',
  'last3Years',
  'nextMonth',
  'next12Months',
  ...PROTOTYPE_NAMES,
];

export const OPERATORS = [...PROPERTY_OPERATORS, 'relatedTo', 'matchAny', 'like', '', ...PROTOTYPE_NAMES];

export const META = ['$identifier', '$title', '$icon', '$blueprint', '$team', '$createdAt', '$updatedBy'];
