/** Port's search grammar (port-model §4). */
export interface SearchQuery {
  combinator: 'and' | 'or';
  rules: SearchRule[];
}

export type SearchRule = SearchQuery | PropertyRule | RelatedToRule | MatchAnyRule;

export interface PropertyRule {
  property: string;
  operator: string;
  value?: unknown;
}

export interface RelatedToRule {
  operator: 'relatedTo';
  blueprint: string;
  value: string | string[];
  direction?: 'upstream' | 'downstream';
  required?: boolean;
}

export interface RelationPathStep {
  relation: string;
  maxHops: number;
}

export interface MatchAnyRule {
  property: { path: Array<string | RelationPathStep>; fromBlueprint?: string };
  operator: 'matchAny';
  value: string | string[];
}

export interface SearchSort {
  property: string;
  order: 'ASC' | 'DESC';
}

export const META_PROPERTIES = [
  '$identifier',
  '$title',
  '$team',
  '$icon',
  '$blueprint',
  '$createdAt',
  '$updatedAt',
  '$createdBy',
  '$updatedBy',
] as const;

export type MetaProperty = (typeof META_PROPERTIES)[number];

/** True for `$identifier`, `$title`, … e.g. `isMetaProperty('$team') === true`. */
export function isMetaProperty(name: string): name is MetaProperty {
  return (META_PROPERTIES as readonly string[]).includes(name);
}
