import type { ScorecardResult } from './scorecard.js';
import type { JsonObject } from './blueprint.js';

/** An entity as the API returns it (port-model §2.1). */
export interface Entity {
  identifier: string;
  title: string | null;
  icon: string | null;
  blueprint: string;
  team: string[];
  properties: JsonObject;
  relations: Record<string, string | string[] | null>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** On reads and writes of one entity: changes with every write; sent back in If-Match (its ETag). */
  version?: string;
  /** Its results under its blueprint's scorecards, by scorecard (reads only; absent when it has none). */
  scorecards?: Record<string, ScorecardResult>;
}

/** A search-query object used in place of an identifier, team or relation value (port-model §2.4). */
export interface QueryValue {
  combinator: 'and' | 'or';
  rules: unknown[];
}

/** What a client sends to create or change an entity. */
export interface EntityInput {
  identifier?: string | QueryValue;
  title?: string | null;
  icon?: string | null;
  blueprint?: string;
  team?: string | string[] | QueryValue | null;
  properties?: JsonObject;
  relations?: Record<string, string | string[] | null | QueryValue>;
}
