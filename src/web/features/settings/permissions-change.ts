import {
  ENTITY_ACTIONS,
  type BlueprintPermissions,
  type Grant,
  type PermissionsChange,
} from '../../api/permission.queries';

const KEYED = ['updateProperties', 'updateRelations'] as const;

/** A grant as the PATCH takes it: the read policy is left out, so it stays as it is. */
const sent = ({ roles, users, teams, ownedByTeam }: Grant) => ({ roles, users, teams, ownedByTeam });

const sameGrant = (a: Grant | undefined, b: Grant | undefined) =>
  JSON.stringify(a && sent(a)) === JSON.stringify(b && sent(b));

/** The PATCH that turns `saved` into `draft`: only the grants that differ, each whole; null when none. */
export function permissionsChange(
  saved: BlueprintPermissions,
  draft: BlueprintPermissions,
): PermissionsChange | null {
  const entities: PermissionsChange['entities'] = {};
  for (const action of ENTITY_ACTIONS)
    if (!sameGrant(saved.entities[action], draft.entities[action]))
      entities[action] = sent(draft.entities[action]);
  for (const kind of KEYED)
    for (const [key, grant] of Object.entries(draft.entities[kind]))
      if (!sameGrant(saved.entities[kind][key], grant)) (entities[kind] ??= {})[key] = sent(grant);
  return Object.keys(entities).length ? { entities } : null;
}
