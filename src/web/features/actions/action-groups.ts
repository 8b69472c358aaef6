import type { ActionOperation } from '../../../core/action';
import type { SelfServiceAction } from '../../api/action.queries';

export interface ActionGroup {
  /** The blueprint the actions are for; null for actions tied to none. */
  blueprint: string | null;
  title: string;
  actions: SelfServiceAction[];
}

const OPERATION_ORDER: Record<ActionOperation, number> = { CREATE: 0, 'DAY-2': 1, DELETE: 2 };

const titleOf = (action: SelfServiceAction) => action.title || action.identifier;

/** Whether an action's title, identifier or description holds the text (case-insensitive). */
export function actionMatches(action: SelfServiceAction, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [action.title, action.identifier, action.description].some((field) =>
    field?.toLowerCase().includes(needle),
  );
}

/**
 * The hub's sections: the actions that match, by blueprint (titled, A to Z; those of no blueprint last),
 * CREATE first in each, then DAY-2, then DELETE, each by title.
 */
export function groupActions(
  actions: SelfServiceAction[],
  text: string,
  blueprintTitle: (identifier: string) => string,
): ActionGroup[] {
  const groups = new Map<string | null, SelfServiceAction[]>();
  for (const action of actions) {
    if (!actionMatches(action, text)) continue;
    const blueprint = action.trigger.blueprintIdentifier ?? null;
    groups.set(blueprint, [...(groups.get(blueprint) ?? []), action]);
  }
  return [...groups]
    .map(([blueprint, list]) => ({
      blueprint,
      title: blueprint === null ? 'Not tied to a blueprint' : blueprintTitle(blueprint),
      actions: list.sort(
        (a, b) =>
          OPERATION_ORDER[a.trigger.operation] - OPERATION_ORDER[b.trigger.operation] ||
          titleOf(a).localeCompare(titleOf(b)),
      ),
    }))
    .sort((a, b) => (a.blueprint === null ? 1 : b.blueprint === null ? -1 : a.title.localeCompare(b.title)));
}
