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

/** What a Member learns through scorecards and relation conditions of entities it may not read: nothing. */
describeEachDatabase('scorecards and what a Member may not read', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startScorecardsApp(dialect);
  });
  afterAll(() => api.close());

  it('answers an unreadable relation target, history and count as missing ones', async () => {
    const mine = uniqueId('team');
    const theirs = uniqueId('team');
    for (const name of [mine, theirs]) expect((await api.post('/v1/teams', { name })).status).toBe(200);
    const system = uniqueId('system');
    const service = uniqueId('service');
    await api.post('/v1/blueprints', {
      identifier: system,
      title: system,
      schema: { properties: {}, required: [] },
    });
    await api.post('/v1/blueprints', {
      identifier: service,
      title: service,
      schema: { properties: { readme: { type: 'string' } }, required: [] },
      relations: { system: { target: system, many: false, required: false, title: 'System' } },
    });
    const owners = { roles: ['Admin'], ownedByTeam: true };
    for (const bp of [system, service])
      expect(
        (await api.patch(`/v1/blueprints/${bp}/permissions`, { entities: { read: owners } })).status,
      ).toBe(200);
    await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'secret-system', team: [theirs] });
    await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'visible',
      team: [mine],
      relations: { system: 'secret-system' },
    });
    const sc = await createScorecard(
      api,
      service,
      scorecardBody([rule('documented', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }])]),
    );
    // An entity of theirs, deleted, its identifier then taken by one of the Member's.
    await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'reused',
      team: [theirs],
      properties: { readme: 'x' },
    });
    expect((await resultsOf(api, service, 'reused'))?.[sc.identifier]?.level).toBe('Bronze');
    await api.delete(`/v1/blueprints/${service}/entities/reused`);
    await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'reused', team: [mine] });
    expect((await resultsOf(api, service, 'reused'))?.[sc.identifier]?.level).toBe('Basic');

    const member = await createPerson(api, { teams: [mine] });
    const search = (rules: unknown[]) =>
      api.post(
        `/v1/blueprints/${service}/entities/search`,
        { query: { combinator: 'and', rules } },
        member.headers,
      );
    for (const condition of [
      { relation: 'system', operator: '=', value: 'secret-system' },
      { relation: 'system', operator: 'beginsWith', value: 'secret' },
      { relation: 'system', operator: 'isNotEmpty' },
    ]) {
      const found = await search([condition]);
      expect(found.status, JSON.stringify(found.body)).toBe(200);
      expect(found.body.entities, JSON.stringify(condition)).toEqual([]);
    }
    const empty = await search([{ relation: 'system', operator: 'isEmpty' }]);
    expect(empty.body.entities.map((e: { identifier: string }) => e.identifier).sort()).toEqual([
      'reused',
      'visible',
    ]);

    // The history of "reused" is its own, not that of the entity that bore its name before.
    const history = await api.get(
      `/v1/blueprints/${service}/entities/reused/scorecard-history?scorecard=${sc.identifier}`,
      member.headers,
    );
    expect(history.status).toBe(200);
    expect(history.body.history.map((h: { level: string }) => h.level)).toEqual(['Basic']);
    // The evaluation's counts are of the whole blueprint: not for a reader of part of it.
    const read = await api.get(`/v1/blueprints/${service}/scorecards/${sc.identifier}`, member.headers);
    expect(read.body.scorecard.evaluation).not.toHaveProperty('total');
    expect(read.body.scorecard.evaluation.status).toBe('done');
  });

  it('refuses names an object already has, and keeps counts right for any team name', async () => {
    const service = uniqueId('service');
    await api.post('/v1/blueprints', {
      identifier: service,
      title: service,
      schema: { properties: {}, required: [] },
    });
    for (const [body, field] of [
      [scorecardBody([], { identifier: '__proto__' }), 'identifier'],
      [scorecardBody([], { identifier: 'constructor' }), 'identifier'],
      [
        scorecardBody([rule('toString', 'Bronze', [{ property: '$title', operator: 'isNotEmpty' }])]),
        'rules[0].identifier',
      ],
      [scorecardBody([], { levels: [{ title: 'hasOwnProperty', color: 'red' }] }), 'levels[0].title'],
    ] as const) {
      const answer = await api.post(`/v1/blueprints/${service}/scorecards`, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      expect(answer.body.message).toContain(field);
    }
    const team = '__proto__';
    await api.post('/v1/teams', { name: team });
    const sc = await createScorecard(
      api,
      service,
      scorecardBody([rule('titled', 'Bronze', [{ property: '$title', operator: 'isNotEmpty' }])]),
    );
    await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'odd', title: 'Odd', team: [team] });
    await resultsOf(api, service, 'odd');
    const levels = await api.get(`/v1/blueprints/${service}/scorecards/${sc.identifier}/levels?points=1`);
    expect(levels.status, JSON.stringify(levels.body)).toBe(200);
    expect(levels.body.points[0].teams[team]).toEqual({
      total: 1,
      levels: { Basic: 0, Bronze: 1, Silver: 0, Gold: 0 },
    });
    expect(({} as Record<string, unknown>).total).toBeUndefined();
    expect((await api.get('/healthz')).status).toBe(200);
  });
});
