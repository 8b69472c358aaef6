import { scalarKindOf, type Blueprint, type PropertySchema } from '../../../core/blueprint';
import type { OperandKind } from '../../../core/search-operators';
import { propertySchemaOf } from '../../../core/computed-properties';
import type { ScorecardDefinition, ScorecardLevel } from '../../../core/scorecard';

/**
 * A column of a blueprint's table. Its id is what search and sort name: a property's identifier, a
 * meta-property (`$title`), `relations.<id>` or `scorecards.<id>` (property identifiers never hold a dot).
 */
export interface ColumnModel {
  id: string;
  title: string;
  kind: 'meta' | 'property' | 'relation' | 'computed' | 'scorecard';
  schema?: PropertySchema;
  /** A relation's target blueprint. */
  target?: string;
  /** A scorecard's levels, lowest first: its column shows the level each entity reached. */
  levels?: ScorecardLevel[];
  /** Null when the server cannot sort or filter on it. */
  operand: OperandKind | null;
  sortable: boolean;
}

const META: ColumnModel[] = [
  { id: '$title', title: 'Title', kind: 'meta', operand: 'string', sortable: true },
  { id: '$identifier', title: 'Identifier', kind: 'meta', operand: 'string', sortable: true },
  { id: '$team', title: 'Team', kind: 'meta', operand: 'string-array', sortable: false },
  { id: '$createdAt', title: 'Created', kind: 'meta', operand: 'date', sortable: true },
  { id: '$updatedAt', title: 'Last updated', kind: 'meta', operand: 'date', sortable: true },
  { id: '$createdBy', title: 'Created by', kind: 'meta', operand: 'string', sortable: true },
  { id: '$updatedBy', title: 'Updated by', kind: 'meta', operand: 'string', sortable: true },
];

export function operandKindOf(schema: PropertySchema): OperandKind {
  const scalar = scalarKindOf(schema);
  if (scalar) return scalar;
  if (schema.type === 'array' && (schema.items as { type?: string } | undefined)?.type === 'string')
    return 'string-array';
  return 'other';
}

export const SCORECARD_COLUMN = 'scorecards.';

/** The blueprint's columns; with its scorecards, a column of each one's level (filtered by level). */
export function columnsOf(
  blueprint: Blueprint,
  all?: ReadonlyMap<string, Blueprint>,
  scorecards: readonly ScorecardDefinition[] = [],
): ColumnModel[] {
  const properties = Object.entries(blueprint.schema.properties).map(([id, schema]): ColumnModel => {
    const operand = operandKindOf(schema);
    return {
      id,
      title: schema.title ?? id,
      kind: 'property',
      schema,
      operand,
      sortable: operand !== 'other' && operand !== 'string-array',
    };
  });
  const relations = Object.entries(blueprint.relations).map(([id, relation]): ColumnModel => ({
    id: `relations.${id}`,
    title: relation.title ?? id,
    kind: 'relation',
    target: relation.target,
    operand: null,
    sortable: false,
  }));
  // Computed values are searched and sorted like stored ones, by the type their definition gives (a
  // mirror's comes from the blueprint it reads, when the caller knows it).
  const computed = [
    ...Object.entries(blueprint.mirrorProperties),
    ...Object.entries(blueprint.calculationProperties),
    ...Object.entries(blueprint.aggregationProperties),
  ].map(([id, definition]): ColumnModel => {
    const schema = propertySchemaOf(blueprint, id, all ?? new Map([[blueprint.identifier, blueprint]]));
    const operand = schema ? operandKindOf(schema) : null;
    return {
      id,
      title: typeof definition.title === 'string' ? definition.title : id,
      kind: 'computed',
      ...(schema ? { schema } : {}),
      operand: operand === 'other' ? null : operand,
      sortable: operand !== null && operand !== 'other' && operand !== 'string-array',
    };
  });
  // Searched by level (`{"scorecard", "operator", "value"}`) and sorted by it (`{"scorecard", "order"}`).
  const levels = scorecards.map((scorecard): ColumnModel => ({
    id: `${SCORECARD_COLUMN}${scorecard.identifier}`,
    title: scorecard.title,
    kind: 'scorecard',
    levels: scorecard.levels,
    operand: null,
    sortable: true,
  }));
  return [...META, ...properties, ...relations, ...computed, ...levels];
}

/**
 * Title first, then the blueprint's first properties and relations, each scorecard's level, then the
 * last change.
 */
export function defaultColumnIds(
  blueprint: Blueprint,
  scorecards: readonly ScorecardDefinition[] = [],
): string[] {
  const properties = Object.keys(blueprint.schema.properties).slice(0, 5);
  const relations = Object.keys(blueprint.relations)
    .slice(0, 2)
    .map((id) => `relations.${id}`);
  const levels = scorecards.map((scorecard) => `${SCORECARD_COLUMN}${scorecard.identifier}`);
  return ['$title', ...properties, ...relations, ...levels, '$updatedAt'];
}

/** An entity's value for a column. */
export function valueOf(
  entity: {
    identifier: string;
    title: string | null;
    team: string[];
    properties: Record<string, unknown>;
    relations: Record<string, unknown>;
    createdAt: string;
    updatedAt: string;
    createdBy: string;
    updatedBy: string;
    scorecards?: Record<string, { level: string }>;
  },
  id: string,
): unknown {
  switch (id) {
    case '$title':
      return entity.title ?? entity.identifier;
    case '$identifier':
      return entity.identifier;
    case '$team':
      return entity.team;
    case '$createdAt':
      return entity.createdAt;
    case '$updatedAt':
      return entity.updatedAt;
    case '$createdBy':
      return entity.createdBy;
    case '$updatedBy':
      return entity.updatedBy;
  }
  if (id.startsWith('relations.')) return entity.relations[id.slice('relations.'.length)];
  if (id.startsWith(SCORECARD_COLUMN)) return entity.scorecards?.[id.slice(SCORECARD_COLUMN.length)]?.level;
  return Object.hasOwn(entity.properties, id) ? entity.properties[id] : undefined;
}
