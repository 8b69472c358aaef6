import { expect, it } from 'vitest';
import type { JsonObject } from '../../core/blueprint.js';
import { normalizeAction } from './action.rules.js';

// HTTP bodies with such keys are refused before they get here (http/json-body.ts); definitions also come
// from the demo and from files, read with JSON.parse, which keeps "__proto__" as an own key.
it('refuses inputs and titles named __proto__, which plain objects read as their prototype', () => {
  const definition = (userInputs: string) =>
    JSON.parse(
      `{"identifier":"a","title":"A","trigger":{"type":"self-service","operation":"CREATE","userInputs":${userInputs}},"invocationMethod":{"type":"WEBHOOK","url":"https://example.com"}}`,
    ) as JsonObject;
  expect(() => normalizeAction(definition('{"properties":{"__proto__":{"type":"string"}}}'))).toThrow(
    /trigger\.userInputs\.properties\.__proto__/,
  );
  expect(() => normalizeAction(definition('{"properties":{},"titles":{"__proto__":{"title":"T"}}}'))).toThrow(
    /trigger\.userInputs\.titles\.__proto__/,
  );
  expect(normalizeAction(definition('{"properties":{"name":{"type":"string"}}}')).identifier).toBe('a');
});
