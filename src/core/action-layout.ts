/** Where an action form's inputs and titles sit: its steps, in order (port-model §5.1). */
import type { UserInputs } from './action.js';

export type FormItem = { kind: 'input'; name: string } | { kind: 'title'; name: string };

/** A step of the form (or the whole form when it has no steps); a form with steps has one per step. */
export interface FormSection {
  title?: string;
  items: FormItem[];
}

/**
 * The form's steps and what each shows, in order: a step's or the form's `order` may name inputs and
 * decorative titles; inputs that no order names follow, in the order they are defined (in the last step
 * when there are steps). Titles no order names come before those inputs.
 *
 * @example formSections({ properties: { a, b }, required: [], steps: [{ title: 'One', order: ['b'] }] })
 *   // → [{ title: 'One', items: [{ kind: 'input', name: 'b' }, { kind: 'input', name: 'a' }] }]
 */
export function formSections(inputs: UserInputs): FormSection[] {
  const titles = inputs.titles ?? {};
  const placed = new Set<string>();
  const itemsOf = (names: string[]) =>
    names.flatMap((name): FormItem[] => {
      if (placed.has(name)) return [];
      if (Object.hasOwn(inputs.properties, name)) {
        placed.add(name);
        return [{ kind: 'input', name }];
      }
      if (Object.hasOwn(titles, name)) {
        placed.add(name);
        return [{ kind: 'title', name }];
      }
      return [];
    });

  const sections: FormSection[] = inputs.steps?.length
    ? inputs.steps.map((step) => ({ title: step.title, items: itemsOf(step.order ?? []) }))
    : [{ items: itemsOf(inputs.order ?? []) }];
  const rest = itemsOf([...Object.keys(titles), ...Object.keys(inputs.properties)]);
  sections[sections.length - 1]!.items.push(...rest);
  return sections;
}

/**
 * The section that holds an input (0 when none does), e.g. for the step of an input the server refused.
 *
 * @example sectionOf(formSections(inputs), 'a') // → 0
 */
export function sectionOf(sections: FormSection[], name: string): number {
  const index = sections.findIndex((section) =>
    section.items.some((item) => item.kind === 'input' && item.name === name),
  );
  return Math.max(index, 0);
}
