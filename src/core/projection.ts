import type { Entity } from './entity.js';

const META_FIELDS: Record<string, keyof Entity> = {
  $identifier: 'identifier',
  $title: 'title',
  $icon: 'icon',
  $team: 'team',
  $blueprint: 'blueprint',
  $createdAt: 'createdAt',
  $createdBy: 'createdBy',
  $updatedAt: 'updatedAt',
  $updatedBy: 'updatedBy',
};

/**
 * Port's include/exclude: names are meta-properties (`$title`), property or relation identifiers, or
 * `properties.x` / `relations.y` paths.
 * @example projectEntity(e, ['$identifier', 'language']) // { identifier, properties: { language } }
 */
export function projectEntity(entity: Entity, include?: string[], exclude?: string[]): Partial<Entity> {
  if (!include?.length && !exclude?.length) return entity;
  const keep = (name: string, group: 'properties' | 'relations' | 'meta') => {
    const names = group === 'meta' ? [name] : [name, `${group}.${name}`];
    if (exclude?.some((x) => names.includes(x))) return false;
    return !include?.length || include.some((x) => names.includes(x));
  };
  const out: Partial<Entity> = {};
  for (const [meta, field] of Object.entries(META_FIELDS))
    if (keep(meta, 'meta')) (out as Record<string, unknown>)[field] = entity[field];
  const properties = Object.fromEntries(
    Object.entries(entity.properties).filter(([k]) => keep(k, 'properties')),
  );
  const relations = Object.fromEntries(
    Object.entries(entity.relations).filter(([k]) => keep(k, 'relations')),
  );
  if (Object.keys(properties).length || !include?.length) out.properties = properties;
  if (Object.keys(relations).length || !include?.length) out.relations = relations;
  return out;
}
