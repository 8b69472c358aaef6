import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import { unprocessable } from '../errors.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { PropertyValidators } from './property-validator.js';
import * as changes from './schema-change.repo.js';

export interface BreakingChange {
  reason: string;
  count: number;
  examples: string[];
}

const SAMPLE = 5;
const PAGE = 2000;

/**
 * What a new definition would break in the entities that exist now, or undefined. A property's type can
 * never change (as in Port); everything else is judged by the data.
 */
export async function findBreakingChanges(
  db: Db,
  dialect: Dialect,
  validators: PropertyValidators,
  before: BlueprintDefinition,
  after: BlueprintDefinition,
): Promise<BreakingChange | undefined> {
  for (const [key, property] of Object.entries(after.schema.properties)) {
    const old = Object.hasOwn(before.schema.properties, key) ? before.schema.properties[key] : undefined;
    if (old && old.type !== property.type)
      throw unprocessable(
        'property_type_change',
        `schema.properties.${key}.type cannot change from ${old.type} to ${property.type} here: POST /v1/blueprints/${before.identifier}/properties/${key}/change-type with a jq conversion changes it and every entity's value together`,
      );
  }
  for (const [key, relation] of Object.entries(after.relations)) {
    const old = Object.hasOwn(before.relations, key) ? before.relations[key] : undefined;
    if (!old) {
      if (relation.required) {
        const missing = await changes.entitiesMissingRelation(db, before.identifier, key, SAMPLE);
        if (missing.count) return { reason: `new required relation "${key}"`, ...missing };
      }
      continue;
    }
    if (old.target !== relation.target) {
      const used = await changes.entitiesWithRelationTargets(db, before.identifier, key, 1, SAMPLE);
      if (used.count) return { reason: `relations.${key}.target changes from "${old.target}"`, ...used };
    }
    if (old.many && !relation.many) {
      const many = await changes.entitiesWithRelationTargets(db, before.identifier, key, 2, SAMPLE);
      if (many.count) return { reason: `relations.${key} becomes single`, ...many };
    }
    if (!old.required && relation.required) {
      const missing = await changes.entitiesMissingRelation(db, before.identifier, key, SAMPLE);
      if (missing.count) return { reason: `relations.${key} becomes required`, ...missing };
    }
  }
  if (sameJson(before.schema, after.schema)) return undefined;
  return scanProperties(db, dialect, validators, after);
}

async function scanProperties(
  db: Db,
  dialect: Dialect,
  validators: PropertyValidators,
  after: BlueprintDefinition,
): Promise<BreakingChange | undefined> {
  const validator = validators.compile(after);
  const kept = new Set(Object.keys(after.schema.properties));
  let count = 0;
  let firstProblem = '';
  const examples: string[] = [];
  for (let afterId = 0; ;) {
    const page = await changes.scanEntityProperties(db, dialect, after.identifier, afterId, PAGE);
    for (const entity of page) {
      const properties: JsonObject = Object.fromEntries(
        Object.entries(entity.properties).filter(([k]) => kept.has(k)),
      );
      const problem = validator.validate(properties);
      if (!problem) continue;
      count += 1;
      firstProblem ||= problem;
      if (examples.length < SAMPLE) examples.push(entity.identifier);
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return count
    ? { reason: `the new schema rejects existing values (${firstProblem})`, count, examples }
    : undefined;
}

function sameJson(a: unknown, b: unknown) {
  return JSON.stringify(a) === JSON.stringify(b);
}
