import { describe, expect, it } from 'vitest';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { PropertyValidators } from './property-validator.js';

const blueprint: BlueprintDefinition = {
  identifier: 'svc',
  title: 'Service',
  schema: {
    properties: {
      when: { type: 'string', format: 'date-time' },
      timer: { type: 'string', format: 'timer' },
      dates: { type: 'array', items: { type: 'string', format: 'date-time' } },
      n: { type: 'number' },
      meta: { type: 'object' },
    },
    required: [],
  },
  relations: {},
  mirrorProperties: {},
  calculationProperties: {},
  aggregationProperties: {},
};

const validate = (properties: Record<string, unknown>) => {
  const problem = new PropertyValidators().compile(blueprint).validate(properties);
  return { problem, properties };
};

// Writes that do not come through the HTTP body parser (ingest, automations) meet the same rules.
describe('property validator', () => {
  it('refuses numbers JSON cannot hold, at any depth, naming the property', () => {
    expect(validate({ n: Infinity }).problem).toBe('properties.n must be a finite number');
    expect(validate({ meta: { a: [1, -Infinity] } }).problem).toBe(
      'properties.meta.a[1] must be a finite number',
    );
    expect(validate({ n: NaN }).problem).toBe('properties.n must be a finite number');
    expect(validate({ n: 1e308 }).problem).toBeUndefined();
  });

  it('writes date-times in the canonical form search compares against', () => {
    const { problem, properties } = validate({
      when: '2024-05-01t14:00:00.5+02:00',
      timer: '2024-05-01 12:00:00z',
      dates: ['2024-05-01T12:00:00-0100', '2024-05-01T12:00:00Z'],
    });
    expect(problem).toBeUndefined();
    expect(properties).toEqual({
      when: '2024-05-01T12:00:00.5Z',
      timer: '2024-05-01T12:00:00Z',
      dates: ['2024-05-01T13:00:00Z', '2024-05-01T12:00:00Z'],
    });
  });

  it('refuses years outside 0001-9999 and leap seconds, naming the property', () => {
    expect(validate({ when: '0000-01-01T00:00:00Z' }).problem).toBe(
      'properties.when must be a date-time in the years 0001 to 9999',
    );
    // The zone moves it into year 0000 or 10000.
    expect(validate({ when: '0001-01-01T00:30:00+01:00' }).problem).toMatch(/years 0001 to 9999/);
    expect(validate({ timer: '9999-12-31T23:30:00-01:00' }).problem).toMatch(/^properties.timer .*9999/);
    expect(validate({ dates: ['2024-01-01T00:00:00Z', '0000-12-31T00:00:00Z'] }).problem).toMatch(
      /^properties.dates.1 .*years 0001 to 9999/,
    );
    expect(validate({ when: '2016-12-31T23:59:60Z' }).problem).toBe(
      'properties.when must not be a leap second (…:60): use …:59',
    );
    expect(validate({ when: '2024-02-30T00:00:00Z' }).problem).toMatch(
      /^properties.when must be an ISO-8601/,
    );
    expect(validate({ when: '0001-01-01T00:00:00Z' }).problem).toBeUndefined();
    expect(validate({ when: '9999-12-31T23:59:59.999999Z' }).problem).toBeUndefined();
  });
});
