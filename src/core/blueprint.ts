/** The blueprint JSON of Port (port-model §1). */
export type JsonObject = { [key: string]: unknown };

export type PropertyType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** The colour names an enum value may have (`enumColors`). */
export const ENUM_COLORS = [
  'blue',
  'turquoise',
  'orange',
  'purple',
  'pink',
  'yellow',
  'green',
  'red',
  'gold',
  'silver',
  'paleBlue',
  'darkGray',
  'lightGray',
  'bronze',
  'lime',
  'olive',
  'brown',
] as const;

export type EnumColor = (typeof ENUM_COLORS)[number];

export interface PropertySchema extends JsonObject {
  type: PropertyType;
  title?: string;
  format?: string;
  items?: JsonObject;
  enum?: unknown[];
}

export interface BlueprintRelation {
  title?: string;
  description?: string;
  target: string;
  required: boolean;
  many: boolean;
}

export type Ownership =
  { type: 'Direct'; title?: string } | { type: 'Inherited'; path: string; title?: string };

export interface BlueprintDefinition {
  identifier: string;
  title: string;
  icon?: string;
  description?: string;
  schema: { properties: Record<string, PropertySchema>; required: string[] };
  relations: Record<string, BlueprintRelation>;
  mirrorProperties: Record<string, JsonObject>;
  calculationProperties: Record<string, JsonObject>;
  aggregationProperties: Record<string, JsonObject>;
  ownership?: Ownership;
  changelogDestination?: JsonObject;
}

export interface Blueprint extends BlueprintDefinition {
  /** Changes with every write: a client sends it back in If-Match to write only over what it has seen. */
  version: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** The scalar kind a property is searched and sorted as; `undefined` for objects and arrays. */
export type ScalarKind = 'string' | 'number' | 'boolean' | 'date';

/**
 * How a property compares in search and sort.
 * @example scalarKindOf({ type: 'string', format: 'date-time' }) // 'date'
 */
export function scalarKindOf(schema: PropertySchema): ScalarKind | undefined {
  if (schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type !== 'string') return undefined;
  return schema.format === 'date-time' || schema.format === 'timer' ? 'date' : 'string';
}
