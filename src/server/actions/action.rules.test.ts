import { expect, it } from 'vitest';
import type { JsonObject } from '../../core/blueprint.js';
import { AUTOMATION_EVENT_TYPES } from '../../core/action.js';
import { normalizeAction } from './action.rules.js';
import { AutomationEventType } from './action.schemas.js';

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

it('keeps an automation with its defaults: combinator "and", publish true, no approval', () => {
  const definition = normalizeAction({
    identifier: 'ttl',
    trigger: {
      type: 'automation',
      event: { blueprintIdentifier: 'env', type: 'TIMER_PROPERTY_EXPIRED', propertyIdentifier: 'ttl' },
      condition: { expressions: ['.diff.after != null'], type: 'JQ' },
    },
    invocationMethod: { type: 'WEBHOOK', url: 'https://example.com' },
  });
  expect(definition).toEqual({
    identifier: 'ttl',
    trigger: {
      type: 'automation',
      event: { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: 'env', propertyIdentifier: 'ttl' },
      condition: { type: 'JQ', expressions: ['.diff.after != null'], combinator: 'and' },
    },
    invocationMethod: { type: 'WEBHOOK', url: 'https://example.com', method: 'POST' },
    requiredApproval: false,
    publish: true,
  });
  // The event's keys in Port's order, whatever order they came in.
  expect(Object.keys((definition.trigger as { event: object }).event)).toEqual([
    'type',
    'blueprintIdentifier',
    'propertyIdentifier',
  ]);
});

it("answers with the events core knows: the response schema's list is core's", () => {
  expect(AutomationEventType.anyOf.map((literal) => literal.const)).toEqual([...AUTOMATION_EVENT_TYPES]);
});
