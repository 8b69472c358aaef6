import type { Database } from '../storage/database.js';
import { PropertyValidators } from './property-validator.js';

/** What the catalog services share: the database and the compiled-validator cache. */
export interface CatalogContext {
  database: Database;
  validators: PropertyValidators;
  now: () => string;
}

export function createCatalogContext(database: Database): CatalogContext {
  return { database, validators: new PropertyValidators(), now: () => new Date().toISOString() };
}
