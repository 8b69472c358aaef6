import type { BlueprintDefinition } from '../../core/blueprint.js';
import { isMetaProperty } from '../../core/search.js';
import { conflict, unprocessable } from '../errors.js';

export type BlueprintMap = Map<string, BlueprintDefinition>;

const invalid = (message: string) => unprocessable('invalid_blueprint', message);

/** What needs other blueprints: relation targets, mirror paths, aggregation targets, ownership path. */
export function checkReferences(definition: BlueprintDefinition, all: BlueprintMap) {
  for (const [key, relation] of Object.entries(definition.relations))
    if (!all.has(relation.target))
      throw invalid(`relations.${key}.target: blueprint "${relation.target}" does not exist`);
  for (const [key, mirror] of Object.entries(definition.mirrorProperties))
    checkMirrorPath(`mirrorProperties.${key}.path`, definition, String(mirror.path), all);
  for (const [key, aggregation] of Object.entries(definition.aggregationProperties))
    if (!all.has(String(aggregation.target)))
      throw invalid(
        `aggregationProperties.${key}.target: blueprint "${String(aggregation.target)}" does not exist`,
      );
  if (definition.ownership?.type === 'Inherited')
    walkRelations('ownership.path', definition, definition.ownership.path.split('.'), all);
}

/**
 * Why `definition`'s Inherited ownership cannot be followed yet, when the blueprint has no relations at all:
 * it is written before them, as Port's backup tools restore blueprints (bare, then with relations, then
 * whole). A blueprint with relations whose path names another is refused as before (a mistake).
 */
export function ownershipAwaitingRelations(definition: BlueprintDefinition) {
  if (definition.ownership?.type !== 'Inherited' || Object.keys(definition.relations).length)
    return undefined;
  const first = definition.ownership.path.split('.')[0];
  return `ownership.path: "${definition.identifier}" has no relation "${first}" yet (it has none)`;
}

/**
 * After `changed` is saved (or deleted), every other blueprint must still make sense: a change that would
 * leave another blueprint's relation, mirror path, aggregation or ownership dangling is refused.
 */
export function checkOtherBlueprints(changed: string, all: BlueprintMap) {
  for (const other of all.values()) {
    if (other.identifier === changed) continue;
    try {
      checkReferences(other, all);
    } catch (error) {
      throw conflict(
        'blueprint_in_use',
        `blueprint "${other.identifier}" depends on "${changed}" and would break: ${(error as Error).message}`,
      );
    }
  }
}

function walkRelations(path: string, from: BlueprintDefinition, relations: string[], all: BlueprintMap) {
  let current = from;
  for (const name of relations) {
    const relation = Object.hasOwn(current.relations, name) ? current.relations[name] : undefined;
    if (!relation) throw invalid(`${path}: "${current.identifier}" has no relation "${name}"`);
    const next = all.get(relation.target);
    if (!next) throw invalid(`${path}: blueprint "${relation.target}" does not exist`);
    current = next;
  }
  return current;
}

function checkMirrorPath(path: string, from: BlueprintDefinition, value: string, all: BlueprintMap) {
  const segments = value.split('.');
  const last = segments.pop()!;
  const target = walkRelations(path, from, segments, all);
  const known =
    isMetaProperty(last) ||
    Object.hasOwn(target.schema.properties, last) ||
    Object.hasOwn(target.calculationProperties, last) ||
    Object.hasOwn(target.mirrorProperties, last) ||
    Object.hasOwn(target.aggregationProperties, last) ||
    Object.hasOwn(target.relations, last);
  if (!known) throw invalid(`${path}: blueprint "${target.identifier}" has no property "${last}"`);
}

/**
 * Rewrites mirror and ownership paths of every blueprint after `owner` renames `from` to `to`: relation
 * steps taken at `owner` (kind relation), or the final property read on `owner` (kind property or mirror).
 * Paths are walked on the definitions from before the rename. Returns the blueprints that changed.
 */
export function renameInPaths(
  all: BlueprintMap,
  owner: string,
  kind: 'property' | 'mirror' | 'relation',
  from: string,
  to: string,
): BlueprintDefinition[] {
  const changed: BlueprintDefinition[] = [];
  for (const blueprint of all.values()) {
    const next = structuredClone(blueprint);
    let touched = false;
    for (const mirror of Object.values(next.mirrorProperties)) {
      const rewritten = rewritePath(all, blueprint, String(mirror.path), true, owner, kind, from, to);
      if (rewritten !== mirror.path) [mirror.path, touched] = [rewritten, true];
    }
    if (next.ownership?.type === 'Inherited') {
      const rewritten = rewritePath(all, blueprint, next.ownership.path, false, owner, kind, from, to);
      if (rewritten !== next.ownership.path) [next.ownership.path, touched] = [rewritten, true];
    }
    if (touched) changed.push(next);
  }
  return changed;
}

function rewritePath(
  all: BlueprintMap,
  start: BlueprintDefinition,
  path: string,
  endsInProperty: boolean,
  owner: string,
  kind: 'property' | 'mirror' | 'relation',
  from: string,
  to: string,
): string {
  const segments = path.split('.');
  const steps = endsInProperty ? segments.length - 1 : segments.length;
  let current: BlueprintDefinition | undefined = start;
  for (let i = 0; i < segments.length && current; i++) {
    const segment = segments[i]!;
    const atOwner = current.identifier === owner && segment === from;
    if (i < steps) {
      if (atOwner && kind === 'relation') segments[i] = to;
      current = all.get(
        (Object.hasOwn(current.relations, segment) ? current.relations[segment]?.target : undefined) ?? '',
      );
    } else if (atOwner && kind !== 'relation') segments[i] = to;
  }
  return segments.join('.');
}
