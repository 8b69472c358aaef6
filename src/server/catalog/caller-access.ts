import { isDeepStrictEqual } from 'node:util';
import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import type { CallerAccess } from '../../core/permissions.js';
import { DomainError } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { BlueprintGate } from './access.js';
import type { EntityWriteHook } from './catalog-context.js';
import { changeOf } from './entity-access.js';
import type { EntityState } from './entity.repo.js';
import type { PlannedWrite } from './entity-write.js';
import { checkPeopleChange, checkPeopleDeletion } from './system-blueprint-rules.js';

export type { CallerAccess } from '../../core/permissions.js';

/** The entity asked about: its owners decide `ownedByTeam` grants. */
export interface AccessSubject {
  identifier: string;
  title: string | null;
  icon: string | null;
  team: string[];
  properties: JsonObject;
}

export interface AccessJudges {
  actor: Actor;
  blueprint: BlueprintDefinition;
  gate: BlueprintGate;
  hook: EntityWriteHook | undefined;
  mayModel: boolean;
}

// No stored value holds a NUL character (the JSON body parser refuses it), so a probe always changes.
const PROBE = '\u0000probe';

/**
 * Answers each question by planning a write that changes only that field and asking the checks the write
 * path asks (entity-access's change, the people rules, the blueprint's write hook), so the answer never
 * claims more than a write is allowed. Without `subject`, an entity no team owns stands for the rest.
 */
export function callerAccessOf(judges: AccessJudges, subject: AccessSubject | undefined): CallerAccess {
  const { actor, blueprint } = judges;
  const before = stateOf(blueprint, subject ?? unowned(blueprint));
  const update = (after: Partial<EntityState>, relations?: Map<string, string[]>) =>
    allows(judges, plan(before, { ...before, ...after }, relations));
  const registerTeams = subject ? [subject.team] : [[], ...(actor.teams.length ? [[...actor.teams]] : [])];
  const fresh = stateOf(blueprint, { ...unowned(blueprint), properties: {} });
  return {
    register: registerTeams.some((team) => allows(judges, plan(undefined, { ...fresh, team }))),
    update: update({ title: `${before.title ?? ''}${PROBE}` }),
    unregister: allowsDeletion(judges, before),
    updateProperties: Object.entries(blueprint.schema.properties)
      .filter(([key, schema]) =>
        update({
          properties: { ...before.properties, [key]: probeValue(schema.enum, before.properties[key]) },
        }),
      )
      .map(([key]) => key),
    updateRelations: Object.keys(blueprint.relations).filter((key) => update({}, new Map([[key, [PROBE]]]))),
    changeBlueprint: judges.mayModel,
    changePermissions: judges.mayModel,
  };
}

/** Another allowed value where the property lists them (a hook may refuse some changes), else any other. */
const probeValue = (allowed: unknown[] | undefined, current: unknown) =>
  allowed?.find((value) => !isDeepStrictEqual(value, current)) ?? PROBE;

const unowned = (blueprint: BlueprintDefinition): AccessSubject => ({
  identifier: '',
  title: null,
  icon: null,
  team: [],
  // What an entity written without them holds: the properties' defaults.
  properties: Object.fromEntries(
    Object.entries(blueprint.schema.properties)
      .filter(([, schema]) => schema.default !== undefined)
      .map(([key, schema]) => [key, schema.default]),
  ),
});

const stateOf = (blueprint: BlueprintDefinition, subject: AccessSubject): EntityState => ({
  blueprint: blueprint.identifier,
  identifier: subject.identifier,
  title: subject.title,
  icon: subject.icon,
  team: [...subject.team],
  properties: subject.properties,
  createdAt: '',
  createdBy: '',
  datasource: null,
  updatedAt: '',
  updatedBy: '',
});

function plan(before: EntityState | undefined, after: EntityState, relations = new Map()): PlannedWrite {
  return {
    index: 0,
    identifier: after.identifier,
    createOnly: before === undefined,
    state: after,
    relations,
    ...(before ? { existing: { id: 0, version: 0, state: before, relations: new Map() } } : {}),
  };
}

/** The checks entity.service's writeRound makes of each planned item, in its order. */
function allows({ actor, blueprint, gate, hook }: AccessJudges, planned: PlannedWrite): boolean {
  if (gate.missing(changeOf(planned, blueprint))) return false;
  return refusesNothing(() => {
    checkPeopleChange(blueprint.identifier, planned, actor);
    hook?.check(planned.state, planned.existing?.state, actor);
  });
}

/** The checks entity-access's deletionGuard makes of an entity it may read. */
function allowsDeletion({ actor, blueprint, gate }: AccessJudges, before: EntityState): boolean {
  if (gate.missing({ action: 'unregister', before: { ...before, relations: new Map() } })) return false;
  return refusesNothing(() => checkPeopleDeletion(blueprint.identifier, before.identifier, actor));
}

function refusesNothing(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}
