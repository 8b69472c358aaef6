import type { Action, ActionOperation } from '../../../core/action';

export interface ActionGroup {
  /** The blueprint the actions are for; null for actions tied to none. */
  blueprint: string | null;
  title: string;
  actions: Action[];
}

const OPERATION_ORDER: Record<ActionOperation, number> = { CREATE: 0, 'DAY-2': 1, DELETE: 2 };

const titleOf = (action: Action) => action.title || action.identifier;

/** Whether an action's title, identifier or description holds the text (case-insensitive). */
export function actionMatches(action: Action, text: string): boolean {
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
  actions: Action[],
  text: string,
  blueprintTitle: (identifier: string) => string,
): ActionGroup[] {
  const groups = new Map<string | null, Action[]>();
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
