import { describe, expect, it } from 'vitest';
import type { UserInputs } from '../../../core/action';
import {
  missingDependencies,
  refusedInput,
  rerunValues,
  sentProperties,
  shownValue,
  staticFormState,
} from './form-values';

describe('form values', () => {
  const inputs: UserInputs = {
    properties: {
      language: { type: 'string', enum: ['go', 'python'], default: 'go' },
      runtime: { type: 'string', dependsOn: ['language'], enum: { jqQuery: '[.form.language]' } },
      slug: { type: 'string', default: { jqQuery: '.form.name' }, visible: false },
      token: { type: 'string', encryption: 'aes256-gcm' },
    },
    required: ['language'],
  };

  it('shows fixed defaults, enums and flags before the server answers; jqQuery ones wait for it', () => {
    const state = staticFormState(inputs, {});
    expect(state.properties).toEqual({ language: 'go' });
    expect(state.inputs.language).toEqual({
      visible: true,
      disabled: false,
      required: true,
      enum: ['go', 'python'],
    });
    expect(state.inputs.runtime).toEqual({ visible: true, disabled: false, required: false });
    expect(state.inputs.slug!.visible).toBe(false);
  });

  it('shows what was given over what the server filled, and waits for dependencies', () => {
    const state = staticFormState(inputs, {});
    expect(shownValue('language', {}, state)).toBe('go');
    expect(shownValue('language', { language: 'python' }, state)).toBe('python');
    expect(
      missingDependencies(inputs.properties.runtime!, { language: '' }, { ...state, properties: {} }),
    ).toEqual(['language']);
    expect(missingDependencies(inputs.properties.runtime!, {}, state)).toEqual([]);
  });

  it('sends only what was given, so that defaults follow what is typed', () => {
    const plain: UserInputs = { properties: {}, required: [] };
    expect(sentProperties(plain, { a: 'x', b: '', c: undefined, d: [], e: false, f: 0 })).toEqual({
      a: 'x',
      e: false,
      f: 0,
    });
  });

  it('sends false for a switch left off that has no default, as a switch shows it', () => {
    const switches: UserInputs = {
      properties: {
        off: { type: 'boolean' },
        on: { type: 'boolean' },
        fixed: { type: 'boolean', default: true },
        computed: { type: 'boolean', default: { jqQuery: '.form.on' } },
        ['constructor']: { type: 'boolean' as const },
        secret: { type: 'boolean', encryption: 'aes256-gcm' },
      },
      required: ['off'],
    };
    expect(sentProperties(switches, { on: true })).toEqual({ off: false, on: true, constructor: false });
  });

  it('shows steps and titles before the server answers; a jqQuery counts as visible', () => {
    const laidOut: UserInputs = {
      properties: { a: { type: 'string' } },
      required: [],
      steps: [
        { title: 'One', order: ['a'] },
        { title: 'Two', order: [], visible: false },
        { title: 'Three', order: [], visible: { jqQuery: '.form.a == "x"' } },
      ],
      titles: { head: { title: 'Head', visible: false }, foot: { title: 'Foot' } },
    };
    const state = staticFormState(laidOut, {});
    expect(state.steps).toEqual([{ visible: true }, { visible: false }, { visible: true }]);
    expect(state.titles).toEqual({ head: { visible: false }, foot: { visible: true } });
  });

  it('fills a re-run with the last inputs but never with secrets or inputs that are gone', () => {
    expect(rerunValues(inputs, { language: 'python', token: '********', gone: 1, slug: 'x' })).toEqual({
      language: 'python',
      slug: 'x',
    });
  });

  it('finds the input a refusal names', () => {
    expect(refusedInput('properties.runtime', inputs)).toBe('runtime');
    expect(refusedInput('properties.constructor', inputs)).toBeUndefined();
    expect(refusedInput('required', inputs)).toBeUndefined();
    expect(refusedInput(undefined, inputs)).toBeUndefined();
  });
});
