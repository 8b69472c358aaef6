import { describe, expect, it } from 'vitest';
import type { UserInputs } from './action.js';
import { formSections, sectionOf } from './action-layout.js';

const names = (inputs: UserInputs) =>
  formSections(inputs).map((section) => ({
    title: section.title,
    items: section.items.map((item) => `${item.kind}:${item.name}`),
  }));

describe('formSections', () => {
  it('follows the order given, then the inputs it leaves out, skipping unknown and repeated names', () => {
    const inputs: UserInputs = {
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } },
      required: [],
      order: ['c', 'ghost', 'head', 'a', 'c'],
      titles: { head: { title: 'Details' } },
    };
    expect(names(inputs)).toEqual([
      { title: undefined, items: ['input:c', 'title:head', 'input:a', 'input:b'] },
    ]);
  });

  it('makes a section per step, with the inputs no step names in the last one', () => {
    const inputs: UserInputs = {
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } },
      required: [],
      steps: [
        { title: 'One', order: ['b'] },
        { title: 'Two', order: ['a'], visible: false },
      ],
    };
    expect(names(inputs)).toEqual([
      { title: 'One', items: ['input:b'] },
      { title: 'Two', items: ['input:a', 'input:c'] },
    ]);
    expect(sectionOf(formSections(inputs), 'c')).toBe(1);
  });

  it('does not take inherited names for inputs', () => {
    const inputs: UserInputs = { properties: {}, required: [], order: ['constructor', 'toString'] };
    expect(names(inputs)).toEqual([{ title: undefined, items: [] }]);
  });
});
