/** Port's search grammar (port-model §4). */
export interface SearchQuery {
  combinator: 'and' | 'or';
  rules: SearchRule[];
}

export type SearchRule = SearchQuery | PropertyRule | RelatedToRule | MatchAnyRule | ScorecardRule;

export interface PropertyRule {
  property: string;
  operator: string;
  value?: unknown;
}

/**
 * Port's scorecard rules: the level an entity reached (`>`, `>=`… compare levels in their order), or with
 * `scorecardRule` one rule's result (`SUCCESS` or `FAILURE`).
 */
export interface ScorecardRule {
  scorecard: string;
  scorecardRule?: string;
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

/** A sort by the level reached under a scorecard, in its order of levels (entities it does not score last). */
export interface ScorecardSort {
  scorecard: string;
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

/**
 * Port's `$datasource`: the client that last wrote an entity, as it named itself (Ocean's integrations find
 * what they own by it). Searched like `$identifier`, but not part of an entity's JSON, nor of its history.
 */
export const DATASOURCE = '$datasource';

/** A meta-property a search rule may name: every one of META_PROPERTIES, and `$datasource`. */
export const isSearchableMeta = (name: string): name is MetaProperty | typeof DATASOURCE =>
  name === DATASOURCE || isMetaProperty(name);

/** True for `$identifier`, `$title`, … e.g. `isMetaProperty('$team') === true`. */
export function isMetaProperty(name: string): name is MetaProperty {
  return (META_PROPERTIES as readonly string[]).includes(name);
}
