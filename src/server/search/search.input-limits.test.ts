import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { MAX_TEXT_OPERATOR_LENGTH } from './search.operators.js';

describeEachDatabase('search values at the edges of what the databases compare', (dialect) => {
  let api: TestApp;
  let bp: string;
  const rule = (property: string, operator: string, value: unknown) => ({
    query: { combinator: 'and', rules: [{ property, operator, value }] },
    sort: { property: 'when', order: 'ASC' },
  });
  const search = (body: unknown) => api.post(`/v1/blueprints/${bp}/entities/search`, body);
  const found = async (body: unknown) => {
    const response = await search(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.entities.map((e: { identifier: string }) => e.identifier).sort();
  };

  beforeAll(async () => {
    api = await startTestApp(dialect);
    bp = uniqueId('edges');
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'Edges',
      schema: {
        properties: {
          when: { type: 'string', format: 'date-time' },
          name: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    });
    expect(created.status).toBe(201);
    const written = await api.post(`/v1/blueprints/${bp}/entities/bulk`, {
      entities: [
        // Lower-case t and z, an offset and a space: all one instant, 2024-05-01T12:00:00Z.
        { identifier: 'lower', properties: { when: '2024-05-01t12:00:00z', name: 'alpha' } },
        { identifier: 'offset', properties: { when: '2024-05-01T14:00:00+02:00', name: 'beta' } },
        { identifier: 'spaced', properties: { when: '2024-05-01 07:00:00-0500', name: 'gamma' } },
        { identifier: 'next', properties: { when: '2024-05-02T00:00:00Z', tags: ['x'] } },
        { identifier: 'last', properties: { when: '9999-12-31T23:59:59.999Z' } },
        { identifier: 'first', properties: { when: '0001-01-01T00:00:00Z' } },
      ],
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect(written.body.errors).toEqual([]);
  });
  afterAll(() => api.close());

  it('stores date-times in canonical UTC form, so every date rule sees them', async () => {
    const lower = await api.get(`/v1/blueprints/${bp}/entities/lower`);
    expect(lower.body.entity.properties.when).toBe('2024-05-01T12:00:00Z');
    const spaced = await api.get(`/v1/blueprints/${bp}/entities/spaced`);
    expect(spaced.body.entity.properties.when).toBe('2024-05-01T12:00:00Z');
    const noon = ['lower', 'offset', 'spaced'];
    expect(await found(rule('when', '=', '2024-05-01T12:00:00Z'))).toEqual(noon);
    expect(await found(rule('when', 'between', { from: '2024-05-01', to: '2024-05-01' }))).toEqual(noon);
    expect(await found(rule('when', '<', '2024-05-02'))).toEqual(['first', ...noon].sort());
    expect(await found(rule('when', '>=', '2024-05-01T11:59:59Z'))).toEqual(['last', 'next', ...noon].sort());
  });

  it('refuses a year outside 0001-9999 or a leap second in a write, naming the property', async () => {
    for (const when of ['0000-06-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '10000-01-01T00:00:00Z']) {
      const response = await api.post(`/v1/blueprints/${bp}/entities`, {
        identifier: 'bad',
        properties: { when },
      });
      expect(response.status, when).toBe(422);
      expect(response.body.message).toMatch(/^properties\.when /);
    }
    const leap = await api.post(`/v1/blueprints/${bp}/entities`, {
      identifier: 'bad',
      properties: { when: '2016-12-31T23:59:60Z' },
    });
    expect(leap.status).toBe(422);
    expect(leap.body.message).toBe('properties.when must not be a leap second (…:60): use …:59');
    // Nothing was written, so comparisons and sorts on the property keep working for everyone.
    expect(await found(rule('when', '>', '2000-01-01'))).toEqual([
      'last',
      'lower',
      'next',
      'offset',
      'spaced',
    ]);
    const sorted = await search({ sort: { property: 'when', order: 'DESC' } });
    expect(sorted.status).toBe(200);
    expect(sorted.body.entities[0].identifier).toBe('last');
  });

  it('refuses a year outside 0001-9999 in a search value, naming the rule', async () => {
    for (const body of [
      rule('when', '>', '0000-01-01'),
      rule('when', '=', '0000-12-31T00:00:00Z'),
      rule('when', 'between', { from: '0000-01-01', to: '2024-01-01' }),
      rule('$createdAt', '<', '0000-01-01T00:00:00Z'),
      rule('when', '<', '10000-01-01'),
    ]) {
      const response = await search(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.message).toMatch(/^rules\[0\]: /);
    }
    const leap = await search(rule('when', '=', '2016-12-31T23:59:60Z'));
    expect(leap.status).toBe(422);
    expect(leap.body.message).toContain('leap second');
  });

  it('takes 9999-12-31 as a bound: spans ending after it stop at its last instant', async () => {
    const all = ['first', 'last', 'lower', 'next', 'offset', 'spaced'];
    expect(await found(rule('when', 'between', { from: '0001-01-01', to: '9999-12-31' }))).toEqual(all);
    expect(await found(rule('when', '<=', '9999-12-31'))).toEqual(all);
    expect(await found(rule('when', '=', '9999-12-31'))).toEqual(['last']);
    expect(await found(rule('when', '>=', '9999-12-31'))).toEqual(['last']);
    expect(await found(rule('when', '>', '9999-12-31'))).toEqual([]);
    expect(await found(rule('when', 'notBetween', { from: '2024-05-02', to: '9999-12-31' }))).toEqual([
      'first',
      'lower',
      'offset',
      'spaced',
    ]);
    // Creation dates compare as text: the clamped bound keeps their order right.
    expect(await found(rule('$createdAt', '<=', '9999-12-31'))).toEqual(all);
    expect(await found(rule('$updatedAt', 'between', { from: '2000-01-01', to: '9999-12-31' }))).toEqual(all);
    expect(await found(rule('$createdAt', '>', '9999-12-31'))).toEqual([]);
  });

  it(`refuses text operator values over ${MAX_TEXT_OPERATOR_LENGTH} characters with 422`, async () => {
    for (const operator of ['contains', 'beginsWith', 'endsWith', 'doesNotContains', 'doesNotEndsWith']) {
      for (const length of [MAX_TEXT_OPERATOR_LENGTH + 1, 50_001]) {
        const response = await search(rule('name', operator, '%'.repeat(length)));
        expect(response.status, `${operator} ${length}`).toBe(422);
        expect(response.body.message).toContain(`the most is ${MAX_TEXT_OPERATOR_LENGTH}`);
        expect(response.body.message).toMatch(/^rules\[0\]: /);
      }
    }
    const tags = await search(rule('tags', 'contains', 'x'.repeat(50_001)));
    expect(tags.status).toBe(422);
    const dates = await search(rule('when', 'contains', 'x'.repeat(50_001)));
    expect(dates.status).toBe(422);
    expect(await found(rule('name', 'contains', '\u00e9'.repeat(MAX_TEXT_OPERATOR_LENGTH)))).toEqual([]);
    expect(await found(rule('name', 'endsWith', `${'%'.repeat(MAX_TEXT_OPERATOR_LENGTH - 3)}pha`))).toEqual(
      [],
    );
    expect(await found(rule('name', 'beginsWith', 'al'))).toEqual(['lower']);
  });

  it('refuses a cursor whose sort value the database cannot compare, as a damaged cursor', async () => {
    const forge = (next: string, value: unknown) => {
      const token = JSON.parse(Buffer.from(next, 'base64url').toString('utf8'));
      return Buffer.from(JSON.stringify({ ...token, v: value })).toString('base64url');
    };
    for (const [property, values] of [
      ['when', ['0000-01-01T00:00:00Z', 'not a date', '2016-12-31T23:59:60Z', 'a\u0000']],
      ['name', ['a\u0000', '\ud800']],
    ] as const) {
      const body = { sort: { property, order: 'ASC' }, limit: 1 };
      const first = await search(body);
      expect(first.status).toBe(200);
      expect(first.body.next).toEqual(expect.any(String));
      for (const value of values) {
        const response = await search({ ...body, from: forge(first.body.next, value) });
        expect(response.status, `${property} ${JSON.stringify(value)}`).toBe(400);
        expect(response.body.error).toBe('invalid_cursor');
      }
    }
  });
});
