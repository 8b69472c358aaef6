import { queryOptions } from '@tanstack/react-query';
import type { Action, ActionRun, SelfServiceTrigger } from '../../core/action';
import type { JsonObject } from '../../core/blueprint';
import type { SearchRule } from '../../core/search';
import { api, seg } from './client';

/** What a form shows now, as the server resolved it (POST /v1/actions/{id}/form). */
export interface FormState {
  /** The values given, with defaults filled. */
  properties: JsonObject;
  /** An input in a hidden step is not visible either. */
  inputs: Record<string, InputState>;
  /** One per step of the action's `userInputs.steps`, in their order. */
  steps: Array<{ visible: boolean }>;
  titles: Record<string, { visible: boolean }>;
}

export interface InputState {
  visible: boolean;
  disabled: boolean;
  required: boolean;
  enum?: unknown[];
  /** An entity input's dataset with its jqQuery values resolved. */
  dataset?: { combinator: 'and' | 'or'; rules: SearchRule[] };
}

/** An action people run through its form; automations (the other kind) are started by their events. */
export type SelfServiceAction = Action & { trigger: SelfServiceTrigger };

export const isSelfServiceAction = (action: Action): action is SelfServiceAction =>
  action.trigger.type === 'self-service';

export interface RunRequest {
  properties: JsonObject;
  entity?: string;
}

/** The self-service actions one may run (of a blueprint): the hub's and an entity's, never automations. */
export const actionListQuery = (blueprint?: string) =>
  queryOptions({
    queryKey: ['actions', 'list', blueprint ?? null],
    staleTime: 30_000,
    queryFn: async () => {
      const query = blueprint === undefined ? '' : `&blueprint_identifier=${seg(blueprint)}`;
      const { actions } = await api.get<{ actions: Action[] }>(
        `/v1/actions?trigger_type=self-service${query}`,
      );
      return actions.filter(isSelfServiceAction);
    },
  });

export const actionQuery = (identifier: string) =>
  queryOptions({
    queryKey: ['actions', 'one', identifier],
    staleTime: 30_000,
    queryFn: async () => (await api.get<{ action: Action }>(`/v1/actions/${seg(identifier)}`)).action,
  });

/**
 * Whether a DAY-2 or DELETE action applies to an entity: its condition and the entity's identifier, searched
 * together. Keyed under the entity, so a live change of the entity asks again.
 */
export const actionAppliesQuery = (action: SelfServiceAction, blueprint: string, entity: string) =>
  queryOptions({
    queryKey: ['entities', 'one', blueprint, entity, 'action-applies', action.identifier],
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const condition = action.trigger.condition;
      if (!condition) return true;
      const { type: _type, ...query } = condition;
      const { entities } = await api.post<{ entities: unknown[] }>(
        `/v1/blueprints/${seg(blueprint)}/entities/search`,
        {
          query: {
            combinator: 'and',
            rules: [query, { property: '$identifier', operator: '=', value: entity }],
          },
          include: ['$identifier'],
          limit: 1,
        },
        signal,
      );
      return entities.length > 0;
    },
  });

/** The form's values with defaults filled and every jqQuery resolved, for what has been typed so far. */
export const formStateQuery = (action: string, request: RunRequest) =>
  queryOptions({
    queryKey: ['actions', 'form', action, request],
    staleTime: 30_000,
    gcTime: 60_000,
    retry: false,
    queryFn: async ({ signal }) =>
      (await api.post<{ form: FormState }>(`/v1/actions/${seg(action)}/form`, request, signal)).form,
  });

export async function runAction(action: string, request: RunRequest) {
  return (await api.post<{ run: ActionRun }>(`/v1/actions/${seg(action)}/runs`, request)).run;
}
