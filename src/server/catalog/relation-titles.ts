import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import type { Db } from '../storage/database.js';
import { findEntityTitles } from './entity.repo.js';

/** A relation's value with Port's `attach_title_to_relation`: each target as `{identifier, title}`. */
export interface TitledTarget {
  identifier: string;
  title: string | null;
}

/**
 * Port's `attach_title_to_relation=true`: each relation target of `entities` as `{identifier, title}`.
 * The entities' relations hold only targets their reader may read (hydrate left the others out), so
 * only those titles are read.
 */
export async function withRelationTitles(
  db: Db,
  entities: readonly Entity[],
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
): Promise<Entity[]> {
  const wanted = new Map<string, Set<string>>();
  const targetOf = (entity: Entity, relation: string) => {
    const relations = blueprints.get(entity.blueprint)?.relations;
    return relations && Object.hasOwn(relations, relation) ? relations[relation]!.target : undefined;
  };
  for (const entity of entities)
    for (const [relation, value] of Object.entries(entity.relations)) {
      const target = targetOf(entity, relation);
      if (target === undefined || value === null) continue;
      const set = wanted.get(target) ?? new Set<string>();
      for (const identifier of [value].flat()) if (typeof identifier === 'string') set.add(identifier);
      wanted.set(target, set);
    }
  const titles = new Map<string, Map<string, string | null>>();
  for (const [target, identifiers] of wanted)
    titles.set(target, await findEntityTitles(db, target, [...identifiers]));
  const titled = (target: string | undefined, identifier: unknown): unknown =>
    typeof identifier === 'string' && target !== undefined
      ? { identifier, title: titles.get(target)?.get(identifier) ?? null }
      : identifier;
  return entities.map((entity) => ({
    ...entity,
    relations: Object.fromEntries(
      Object.entries(entity.relations).map(([relation, value]) => {
        const target = targetOf(entity, relation);
        return [
          relation,
          Array.isArray(value)
            ? value.map((identifier) => titled(target, identifier))
            : titled(target, value),
        ];
      }),
    ) as Entity['relations'],
  }));
}
