import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import {
  createScorecard,
  resultsOf,
  rule,
  scorecardBody,
  startScorecardsApp,
} from '../../../test/scorecards.js';

describeEachDatabase('scorecards', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startScorecardsApp(dialect);
  });
  afterAll(() => api.close());

  async function serviceBlueprint() {
    const identifier = uniqueId('service');
    const created = await api.post('/v1/blueprints', {
      identifier,
      title: identifier,
      schema: {
        properties: {
          language: { type: 'string' },
          environment: { type: 'string' },
          incidents: { type: 'number' },
          readme: { type: 'string' },
        },
        required: [],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return identifier;
  }

  it('creates, lists, reads, replaces and deletes scorecards with Port JSON and default levels', async () => {
    const bp = await serviceBlueprint();
    const body = scorecardBody([
      rule('has-readme', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }]),
    ]);
    const created = await createScorecard(api, bp, body);
    expect(created).toMatchObject({
      identifier: body.identifier,
      title: body.title,
      blueprint: bp,
      levels: [
        { title: 'Basic', color: 'paleBlue' },
        { title: 'Bronze', color: 'bronze' },
        { title: 'Silver', color: 'silver' },
        { title: 'Gold', color: 'gold' },
      ],
      rules: [{ identifier: 'has-readme', level: 'Bronze' }],
      createdBy: expect.any(String),
      updatedAt: expect.any(String),
    });
    const all = await api.get('/v1/scorecards');
    expect(all.body.scorecards.map((s: { identifier: string }) => s.identifier)).toContain(body.identifier);
    const one = await api.get(`/v1/blueprints/${bp}/scorecards/${body.identifier}`);
    expect(one.body.scorecard.identifier).toBe(body.identifier);
    // What a GET answers can be written back unchanged (migration tools do).
    const replaced = await api.put(`/v1/blueprints/${bp}/scorecards/${body.identifier}`, {
      ...one.body.scorecard,
      title: 'Renamed',
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.scorecard.title).toBe('Renamed');
    const again = await api.post(`/v1/blueprints/${bp}/scorecards`, body);
    expect(again.status).toBe(409);
    expect((await api.delete(`/v1/blueprints/${bp}/scorecards/${body.identifier}`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${bp}/scorecards/${body.identifier}`)).status).toBe(404);
  });

  it('refuses bad definitions with 422 naming the field, and writes nothing', async () => {
    const bp = await serviceBlueprint();
    const ok = rule('r', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: 'x', rules: [] }, 'identifier'],
      [{ identifier: 'a b', title: 'x', rules: [] }, 'identifier'],
      [{ identifier: 'x', rules: [] }, 'title'],
      [{ identifier: 'x', title: 'x' }, 'rules'],
      [{ identifier: 'x', title: 'x', rules: [], extra: 1 }, 'extra'],
      [{ identifier: 'x', title: 'x', rules: [{ ...ok, level: 'Platinum' }] }, 'rules[0].level'],
      [{ identifier: 'x', title: 'x', rules: [{ ...ok, level: 'Basic' }] }, 'rules[0].level'],
      [{ identifier: 'x', title: 'x', rules: [ok, ok] }, 'rules[1].identifier'],
      [{ identifier: 'x', title: 'x', rules: [{ ...ok, identifier: 'a b' }] }, 'rules[0].identifier'],
      [
        { identifier: 'x', title: 'x', rules: [{ ...ok, query: { combinator: 'xor', conditions: [] } }] },
        'rules[0].query.combinator',
      ],
      [
        { identifier: 'x', title: 'x', rules: [{ ...ok, query: { combinator: 'and', conditions: [] } }] },
        'rules[0].query.conditions',
      ],
      [
        {
          identifier: 'x',
          title: 'x',
          rules: [rule('r', 'Bronze', [{ property: 'nope', operator: '=', value: 1 }])],
        },
        'rules[0].query.conditions[0]',
      ],
      [
        {
          identifier: 'x',
          title: 'x',
          rules: [rule('r', 'Bronze', [{ relation: 'nope', operator: 'isEmpty' }])],
        },
        'rules[0].query.conditions[0]',
      ],
      [
        {
          identifier: 'x',
          title: 'x',
          rules: [rule('r', 'Bronze', [{ property: 'incidents', operator: '<', value: 'many' }])],
        },
        'rules[0].query.conditions[0]',
      ],
      [
        { identifier: 'x', title: 'x', rules: [], levels: [{ title: 'A', color: 'mauve' }] },
        'levels[0].color',
      ],
      [{ identifier: 'x', title: 'x', rules: [], levels: [] }, 'levels'],
      [
        {
          identifier: 'x',
          title: 'x',
          rules: [
            rule(
              'r',
              'Bronze',
              Array.from({ length: 21 }, () => ({ property: 'readme', operator: 'isNotEmpty' })),
            ),
          ],
        },
        'rules[0].query.conditions',
      ],
      [
        {
          identifier: 'x',
          title: 'x',
          rules: [],
          filter: { combinator: 'and', conditions: [{ property: 'zzz', operator: 'isEmpty' }] },
        },
        'filter.conditions[0]',
      ],
    ];
    for (const [body, field] of cases) {
      const answer = await api.post(`/v1/blueprints/${bp}/scorecards`, body);
      expect(answer.status, `${field}: ${JSON.stringify(answer.body)}`).toBe(422);
      expect(answer.body.message).toContain(field);
    }
    expect((await api.post(`/v1/blueprints/nope-${uniqueId()}/scorecards`, scorecardBody([ok]))).status).toBe(
      404,
    );
    expect((await api.get(`/v1/blueprints/${bp}/scorecards`)).body.scorecards).toEqual([]);
  });

  it('lets a Member read scorecards but not change them', async () => {
    const bp = await serviceBlueprint();
    const { headers: as } = await createPerson(api);
    const body = scorecardBody([rule('r', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }])]);
    expect((await api.request('POST', `/v1/blueprints/${bp}/scorecards`, body, as)).status).toBe(403);
    await createScorecard(api, bp, body);
    expect((await api.request('GET', `/v1/blueprints/${bp}/scorecards`, undefined, as)).status).toBe(200);
    expect(
      (await api.request('DELETE', `/v1/blueprints/${bp}/scorecards/${body.identifier}`, undefined, as))
        .status,
    ).toBe(403);
  });

  it('gives each entity its level: cumulative levels, the filter, results on reads', async () => {
    const bp = await serviceBlueprint();
    const body = scorecardBody(
      [
        rule('has-readme', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }]),
        rule('typed', 'Silver', [{ property: 'language', operator: 'in', value: ['go', 'ts'] }]),
        rule('calm', 'Gold', [{ property: 'incidents', operator: '<', value: 3 }]),
      ],
      {
        filter: {
          combinator: 'and',
          conditions: [{ property: 'environment', operator: '=', value: 'production' }],
        },
      },
    );
    const put = (identifier: string, properties: Record<string, unknown>) =>
      api.post(`/v1/blueprints/${bp}/entities?upsert=true`, { identifier, properties });
    await put('gold', { environment: 'production', readme: 'yes', language: 'go', incidents: 0 });
    await put('silver', { environment: 'production', readme: 'yes', language: 'ts', incidents: 9 });
    // Passes Silver's and Gold's rules but not Bronze's: still Basic.
    await put('basic', { environment: 'production', language: 'go', incidents: 0 });
    await put('staging', { environment: 'staging', readme: 'yes' });
    const { identifier: sc } = await createScorecard(api, bp, body);
    expect((await resultsOf(api, bp, 'gold'))?.[sc]).toEqual({
      level: 'Gold',
      rules: [
        { identifier: 'has-readme', status: 'SUCCESS', level: 'Bronze' },
        { identifier: 'typed', status: 'SUCCESS', level: 'Silver' },
        { identifier: 'calm', status: 'SUCCESS', level: 'Gold' },
      ],
    });
    expect((await resultsOf(api, bp, 'silver'))?.[sc]?.level).toBe('Silver');
    expect((await resultsOf(api, bp, 'basic'))?.[sc]?.level).toBe('Basic');
    expect(await resultsOf(api, bp, 'staging')).toBeUndefined();
    const progress = await api.get(`/v1/blueprints/${bp}/scorecards/${sc}`);
    expect(progress.body.scorecard.evaluation).toMatchObject({ status: 'done', evaluated: 4, total: 4 });

    // A write changes the results: Silver drops to Bronze, staging enters the scorecard.
    await api.patch(`/v1/blueprints/${bp}/entities/silver`, { properties: { language: 'cobol' } });
    await api.patch(`/v1/blueprints/${bp}/entities/staging`, { properties: { environment: 'production' } });
    expect((await resultsOf(api, bp, 'silver'))?.[sc]?.level).toBe('Bronze');
    expect((await resultsOf(api, bp, 'staging'))?.[sc]?.level).toBe('Bronze');

    // Searches and exclude see them too.
    const search = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [{ scorecard: sc, operator: '=', value: 'Bronze' }] },
    });
    expect(search.status, JSON.stringify(search.body)).toBe(200);
    expect(search.body.entities.map((e: { identifier: string }) => e.identifier).sort()).toEqual([
      'silver',
      'staging',
    ]);
    const atLeastSilver = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [{ scorecard: sc, operator: '>=', value: 'Silver' }] },
    });
    expect(atLeastSilver.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['gold']);
    const failing = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: {
        combinator: 'and',
        rules: [{ scorecard: sc, scorecardRule: 'has-readme', operator: '=', value: 'FAILURE' }],
      },
    });
    expect(failing.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['basic']);
    const sorted = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [] },
      sort: { scorecard: sc, order: 'DESC' },
    });
    expect(sorted.status, JSON.stringify(sorted.body)).toBe(200);
    // By level, highest first; ties in the same direction (the later created first).
    expect(sorted.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual([
      'gold',
      'staging',
      'silver',
      'basic',
    ]);
    const unknownSort = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [] },
      sort: { scorecard: 'nope' },
    });
    expect(unknownSort.status).toBe(422);
    expect(unknownSort.body.message, JSON.stringify(unknownSort.body)).toContain('nope');
    const excluded = await api.get(`/v1/blueprints/${bp}/entities/gold?exclude=scorecards`);
    expect(excluded.body.entity.scorecards).toBeUndefined();
    const listed = await api.get(`/v1/blueprints/${bp}/entities`);
    expect(
      listed.body.entities.find((e: { identifier: string }) => e.identifier === 'gold').scorecards[sc].level,
    ).toBe('Gold');

    // A change of the definition evaluates every entity again.
    const changed = await api.put(`/v1/blueprints/${bp}/scorecards/${sc}`, {
      ...body,
      rules: [rule('has-readme', 'Bronze', [{ property: 'readme', operator: 'isEmpty' }])],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // Only a Bronze rule now: passing it is Bronze, the levels above without rules are not reached.
    expect((await resultsOf(api, bp, 'basic'))?.[sc]?.level).toBe('Bronze');
    expect((await resultsOf(api, bp, 'gold'))?.[sc]?.level).toBe('Basic');
    // Deleting it takes the results off.
    await api.delete(`/v1/blueprints/${bp}/scorecards/${sc}`);
    expect(await resultsOf(api, bp, 'gold')).toBeUndefined();
  });

  it('evaluates again, as time passes, a scorecard whose rules read the time', async () => {
    const bp = uniqueId('service');
    await api.post('/v1/blueprints', {
      identifier: bp,
      title: bp,
      schema: { properties: { reviewed: { type: 'string', format: 'date-time' } }, required: [] },
    });
    await api.post(`/v1/blueprints/${bp}/entities`, {
      identifier: 'fresh',
      properties: { reviewed: new Date().toISOString() },
    });
    const { identifier: sc } = await createScorecard(
      api,
      bp,
      scorecardBody([
        rule('reviewed-lately', 'Bronze', [
          { property: 'reviewed', operator: 'between', value: { preset: 'lastWeek' } },
        ]),
      ]),
    );
    expect((await resultsOf(api, bp, 'fresh'))?.[sc]?.level).toBe('Bronze');
    const startedAt = async () =>
      (await api.get(`/v1/blueprints/${bp}/scorecards/${sc}`)).body.scorecard.evaluation.startedAt;
    const first = await startedAt();
    await expect.poll(startedAt, { timeout: 15_000, interval: 100 }).not.toBe(first);
  });
});
