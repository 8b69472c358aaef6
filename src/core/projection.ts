import type { Entity } from './entity.js';

/** The entity JSON's top-level fields besides `properties` and `relations`. */
const FIELDS: ReadonlyArray<keyof Entity> = [
  'identifier',
  'title',
  'icon',
  'team',
  'blueprint',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
];
const META_FIELDS: ReadonlyMap<string, keyof Entity> = new Map(
  FIELDS.map((field) => [`$${field}`, field] as const),
);

type Group = 'properties' | 'relations';

/** What one name of include/exclude selects. */
type Selection =
  | { field: keyof Entity }
  /** A whole group, or one key of it (`bare`: named without its group, so maybe of the other one). */
  | { group: Group; key?: string; bare?: true };

/**
 * One name of Port's include/exclude, a path of the entity JSON: `identifier`, `title`, … `properties`,
 * `properties.language`, `relations`, `relations.system`. Portico also takes meta-properties (`$title`)
 * and a bare property or relation identifier (`language`) where no field has that name.
 */
function selectionsOf(name: string): Selection[] {
  const meta = META_FIELDS.get(name);
  if (meta) return [{ field: meta }];
  if ((FIELDS as readonly string[]).includes(name)) return [{ field: name as keyof Entity }];
  if (name === 'properties' || name === 'relations') return [{ group: name }];
  const dot = name.indexOf('.');
  const head = name.slice(0, dot);
  if (dot > 0 && (head === 'properties' || head === 'relations'))
    return [{ group: head, key: name.slice(dot + 1) }];
  return [
    { group: 'properties', key: name, bare: true },
    { group: 'relations', key: name, bare: true },
  ];
}

interface Selected {
  fields: Set<keyof Entity>;
  /** Per group: true for all of it, else the keys named. */
  groups: Record<Group, true | Set<string>>;
  /** Groups named by a path (`properties.x`): answered even when none of their keys is there. */
  named: Set<Group>;
}

function selected(names: readonly string[]): Selected {
  const out: Selected = {
    fields: new Set(),
    groups: { properties: new Set(), relations: new Set() },
    named: new Set(),
  };
  for (const name of names)
    for (const selection of selectionsOf(name)) {
      if ('field' in selection) {
        out.fields.add(selection.field);
        continue;
      }
      if (!selection.bare) out.named.add(selection.group);
      if (selection.key === undefined) out.groups[selection.group] = true;
      else if (out.groups[selection.group] !== true)
        (out.groups[selection.group] as Set<string>).add(selection.key);
    }
  return out;
}

const has = (selection: true | Set<string>, key: string) => selection === true || selection.has(key);

/**
 * Port's include/exclude on an entity: with `include`, only what it names (a group it does not name at
 * all is left out); then without what `exclude` names.
 * @example projectEntity(e, ['identifier', 'properties.language']) // { identifier, properties: { language } }
 */
export function projectEntity(entity: Entity, include?: string[], exclude?: string[]): Partial<Entity> {
  if (!include?.length && !exclude?.length) return entity;
  const kept = include?.length ? selected(include) : undefined;
  const dropped = selected(exclude ?? []);
  const out: Partial<Entity> = {};
  for (const field of FIELDS)
    if ((!kept || kept.fields.has(field)) && !dropped.fields.has(field))
      (out as Record<string, unknown>)[field] = entity[field];
  for (const group of ['properties', 'relations'] as const) {
    const wanted = kept?.groups[group];
    if (dropped.groups[group] === true || (wanted !== undefined && wanted !== true && !wanted.size)) continue;
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entity[group]))
      if ((wanted === undefined || has(wanted, key)) && !has(dropped.groups[group], key)) values[key] = value;
    if (kept && !kept.named.has(group) && !Object.keys(values).length) continue;
    (out as Record<string, unknown>)[group] = values;
  }
  return out;
}

/** What a read asks to change of the entities it answers (Port's query flags). */
export interface ReadShape {
  asOf?: string | undefined;
  include?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  excludeComputed?: boolean | undefined;
  attachTitleToRelation?: boolean | undefined;
}

/** Whether a read answers its entities whole, as they are now: then the database can write their text. */
export const asksForWhole = (shape: ReadShape): boolean =>
  shape.asOf === undefined &&
  !shape.excludeComputed &&
  !shape.attachTitleToRelation &&
  !shape.include?.length &&
  !shape.exclude?.length;
