import type { BlueprintRelation, JsonObject, PropertySchema, PropertyType } from '../../../core/blueprint';
import { isBlueprintIdentifier, isPropertyIdentifier } from '../../../core/identifiers';

export const PROPERTY_TYPES: PropertyType[] = ['string', 'number', 'boolean', 'object', 'array'];
export const ITEM_TYPES: PropertyType[] = ['string', 'number', 'boolean', 'object'];

/** The formats each type takes (docs/modelling.md, "Types and formats"); the server refuses any other. */
export const FORMATS: Record<PropertyType, Array<{ value: string; label: string }>> = {
  string: [
    { value: 'url', label: 'URL' },
    { value: 'email', label: 'Email' },
    { value: 'idn-email', label: 'Email (international)' },
    { value: 'user', label: 'User' },
    { value: 'team', label: 'Team' },
    { value: 'date-time', label: 'Date-time' },
    { value: 'timer', label: 'Timer' },
    { value: 'yaml', label: 'YAML' },
    { value: 'markdown', label: 'Markdown' },
    { value: 'proto', label: 'Proto' },
    { value: 'multi-line', label: 'Multi-line text' },
    { value: 'ipv4', label: 'IPv4 address' },
    { value: 'ipv6', label: 'IPv6 address' },
    { value: 'entity', label: 'Entity reference' },
    { value: 'blueprints', label: 'Blueprint reference' },
  ],
  object: [{ value: 'labeled-url', label: 'Labeled URL' }],
  number: [],
  boolean: [],
  array: [],
};

export { MANTINE_COLOR as ENUM_COLORS } from '../../components/enum-colors';

/** The read-only keys a stored blueprint carries: not part of a definition one sends. */
const STORED_ONLY = ['version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];

export interface PropertyRow {
  /** Stable across renames of a new row, so its inputs keep focus while the key is typed. */
  uid: string;
  key: string;
  /** The stored blueprint has it: its key changes only through a rename, never by replacing it. */
  saved: boolean;
  required: boolean;
  schema: PropertySchema;
}

export interface RelationRow {
  uid: string;
  key: string;
  saved: boolean;
  relation: BlueprintRelation & JsonObject;
}

/** A blueprint as the form edits it: rows with stable ids, and every other key kept as it was. */
export interface BlueprintDraft {
  /** identifier, title, icon, description and anything the form has no field for (computed properties…). */
  rest: JsonObject;
  properties: PropertyRow[];
  relations: RelationRow[];
}

let lastUid = 0;
const nextUid = () => `row-${++lastUid}`;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const emptyDefinition = (): JsonObject => ({
  identifier: '',
  title: '',
  schema: { properties: {}, required: [] },
  relations: {},
});

/**
 * The form's rows for a definition (a stored blueprint or the JSON editor's text). `saved` names the keys
 * the stored blueprint has; `previous` lends its row ids to rows of the same key.
 * Throws when the shape is not one the form can show, with the path at fault.
 */
export function draftOf(
  definition: unknown,
  saved: { properties: string[]; relations: string[] } = { properties: [], relations: [] },
  previous?: BlueprintDraft,
): BlueprintDraft {
  if (!isObject(definition)) throw new Error('The blueprint must be a JSON object');
  const { schema = {}, relations = {}, ...others } = definition;
  if (!isObject(schema)) throw new Error('schema must be an object');
  const { properties = {}, required = [] } = schema;
  if (!isObject(properties)) throw new Error('schema.properties must be an object');
  if (!Array.isArray(required)) throw new Error('schema.required must be an array');
  if (!isObject(relations)) throw new Error('relations must be an object');
  const rest = Object.fromEntries(Object.entries(others).filter(([key]) => !STORED_ONLY.includes(key)));
  const uidOf = (rows: Array<{ key: string; uid: string }> | undefined, key: string) =>
    rows?.find((row) => row.key === key)?.uid ?? nextUid();
  return {
    rest,
    properties: Object.entries(properties).map(([key, schema]) => {
      if (!isObject(schema)) throw new Error(`schema.properties.${key} must be an object`);
      return {
        uid: uidOf(previous?.properties, key),
        key,
        saved: saved.properties.includes(key),
        required: required.includes(key),
        schema: schema as PropertySchema,
      };
    }),
    relations: Object.entries(relations).map(([key, relation]) => {
      if (!isObject(relation)) throw new Error(`relations.${key} must be an object`);
      return {
        uid: uidOf(previous?.relations, key),
        key,
        saved: saved.relations.includes(key),
        relation: relation as BlueprintRelation & JsonObject,
      };
    }),
  };
}

/** The definition a draft stands for, in the order a person reads it: what it is, then its fields. */
export function definitionOf(draft: BlueprintDraft): JsonObject {
  const { identifier, title, icon, description, ...others } = draft.rest;
  return {
    identifier,
    title,
    ...(typeof icon === 'string' && icon !== '' ? { icon } : {}),
    ...(typeof description === 'string' && description !== '' ? { description } : {}),
    schema: {
      properties: Object.fromEntries(draft.properties.map((row) => [row.key, row.schema])),
      required: draft.properties.filter((row) => row.required).map((row) => row.key),
    },
    relations: Object.fromEntries(draft.relations.map((row) => [row.key, row.relation])),
    ...others,
  };
}

export const newPropertyRow = (): PropertyRow => ({
  uid: nextUid(),
  key: '',
  saved: false,
  required: false,
  schema: { type: 'string', title: '' },
});

export const newRelationRow = (): RelationRow => ({
  uid: nextUid(),
  key: '',
  saved: false,
  relation: { title: '', target: '', required: false, many: false },
});

/**
 * A property given a new type: keys that belong to the old type (format, items, enum, default) go, so
 * what is sent is a definition of the new type.
 */
export function withType(schema: PropertySchema, type: PropertyType): PropertySchema {
  const { format: _f, items: _i, enum: _e, enumColors: _c, default: _d, blueprint: _b, ...kept } = schema;
  return { ...kept, type, ...(type === 'array' ? { items: { type: 'string' } } : {}) };
}

/** A schema (a property, or an array's items) with a new format, or none: `blueprint` only goes with entity. */
export function withFormat(schema: JsonObject, format: string | null): JsonObject {
  const { format: _f, blueprint, ...kept } = schema;
  if (!format) return kept;
  return { ...kept, format, ...(format === 'entity' && blueprint !== undefined ? { blueprint } : {}) };
}

/** The schema whose `enum` and `enumColors` the form edits: an array's items (Port's way), else the property. */
export const enumHolderOf = (schema: PropertySchema): JsonObject | undefined =>
  schema.type === 'array' ? (schema.items as JsonObject | undefined) : schema;

/** Enums make sense for strings and numbers only. */
export const takesEnum = (schema: PropertySchema) => {
  const type = enumHolderOf(schema)?.type;
  return type === 'string' || type === 'number';
};

export interface DraftProblems {
  [field: string]: string;
}

/**
 * What the server would refuse and the form can say beside the field before sending: keys missing, badly
 * formed or used twice, a relation without a target. Keys of the answer are the fields' names
 * (`identifier`, `properties.<uid>.key`, `relations.<uid>.target`…).
 */
export function problemsOf(draft: BlueprintDraft, creating: boolean): DraftProblems {
  const problems: DraftProblems = {};
  const { identifier, title } = draft.rest;
  if (creating && !isBlueprintIdentifier(identifier))
    problems.identifier =
      identifier === '' || identifier === undefined
        ? 'Give the blueprint an identifier'
        : 'Use letters, digits and @ _ . + : \\ / - (at most 100 characters)';
  if (typeof title !== 'string' || title.trim() === '') problems.title = 'Give the blueprint a title';
  const seen = new Set<string>();
  const rows = [
    ...draft.properties.map((row) => ['properties', row] as const),
    ...draft.relations.map((row) => ['relations', row] as const),
  ];
  for (const [kind, row] of rows) {
    const field = `${kind}.${row.uid}.key`;
    if (row.key === '') problems[field] = 'Give it an identifier';
    else if (!isPropertyIdentifier(row.key))
      problems[field] = 'Use letters, digits and @ _ = - (at most 100 characters)';
    else if (seen.has(row.key))
      problems[field] = `“${row.key}” is already used by another property or relation`;
    seen.add(row.key);
  }
  for (const row of draft.relations)
    if (!row.relation.target) problems[`relations.${row.uid}.target`] = 'Choose the blueprint it points to';
  for (const row of draft.properties) {
    const holder = enumHolderOf(row.schema);
    const values = Array.isArray(holder?.enum) ? holder.enum : [];
    if (values.some((value) => value === '' || (typeof value === 'number' && Number.isNaN(value))))
      problems[`properties.${row.uid}.enum`] = 'Fill in every value, or remove the empty ones';
    else if (new Set(values).size !== values.length)
      problems[`properties.${row.uid}.enum`] = 'Each value may appear once';
  }
  return problems;
}
