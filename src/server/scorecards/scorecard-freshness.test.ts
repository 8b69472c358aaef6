import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { createAutomation } from '../../../test/automations.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { systemActor } from '../identity/actor.js';
import { levelChanges } from './scorecard-history.repo.js';
import {
  createScorecard,
  levelBecomes,
  resultsOf,
  rule,
  scorecardBody,
  startScorecardsApp,
} from '../../../test/scorecards.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

describeEachDatabase('scorecards on relations, computed values and over time', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    api = await startScorecardsApp(dialect);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await api.close();
  });

  /** A domain blueprint (tier, a count of its services) and a service blueprint related to it. */
  async function model() {
    const domain = uniqueId('domain');
    const service = uniqueId('service');
    const post = async (body: Record<string, unknown>) => {
      const created = await api.post('/v1/blueprints', body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    };
    await post({
      identifier: domain,
      title: domain,
      schema: { properties: { tier: { type: 'string' } }, required: [] },
    });
    await post({
      identifier: service,
      title: service,
      schema: { properties: { readme: { type: 'string' } }, required: [] },
      relations: { domain: { target: domain, many: false, required: false, title: 'Domain' } },
      mirrorProperties: { domainTier: { title: 'Domain tier', path: 'domain.tier' } },
    });
    const patched = await api.patch(`/v1/blueprints/${domain}`, {
      aggregationProperties: {
        services: {
          title: 'Services',
          target: service,
          calculationSpec: { calculationBy: 'entities', func: 'count' },
        },
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    return { domain, service };
  }

  it('follows writes on either side of a relation: mirrors, aggregations and relation conditions', async () => {
    const { domain, service } = await model();
    await api.post(`/v1/blueprints/${domain}/entities`, {
      identifier: 'pay',
      properties: { tier: 'silver' },
    });
    const onService = await createScorecard(
      api,
      service,
      scorecardBody([
        rule('has-domain', 'Bronze', [{ relation: 'domain', operator: 'isNotEmpty' }]),
        rule('gold-domain', 'Silver', [{ property: 'domainTier', operator: '=', value: 'gold' }]),
        rule('not-legacy', 'Gold', [{ relation: 'domain', operator: '!=', value: 'legacy' }]),
      ]),
    );
    const onDomain = await createScorecard(
      api,
      domain,
      scorecardBody([rule('staffed', 'Bronze', [{ property: 'services', operator: '>=', value: 2 }])]),
    );
    await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'cart',
      relations: { domain: 'pay' },
    });
    await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'lonely' });
    await levelBecomes(api, service, 'cart', onService.identifier, 'Bronze');
    await levelBecomes(api, service, 'lonely', onService.identifier, 'Basic');
    await levelBecomes(api, domain, 'pay', onDomain.identifier, 'Basic');

    // The domain's write reaches the service through its mirror.
    await api.patch(`/v1/blueprints/${domain}/entities/pay`, { properties: { tier: 'gold' } });
    await levelBecomes(api, service, 'cart', onService.identifier, 'Gold');
    // A second service reaches the domain through its aggregation.
    await api.patch(`/v1/blueprints/${service}/entities/lonely`, { relations: { domain: 'pay' } });
    await levelBecomes(api, domain, 'pay', onDomain.identifier, 'Bronze');
    await levelBecomes(api, service, 'lonely', onService.identifier, 'Gold');
    // Deleting a related entity empties the relation: the services drop back.
    await api.post(`/v1/blueprints/${domain}/entities`, { identifier: 'legacy' });
    await api.patch(`/v1/blueprints/${service}/entities/lonely`, { relations: { domain: 'legacy' } });
    await levelBecomes(api, service, 'lonely', onService.identifier, 'Bronze');
    await api.delete(`/v1/blueprints/${domain}/entities/legacy`);
    await levelBecomes(api, service, 'lonely', onService.identifier, 'Basic');
    await levelBecomes(api, domain, 'pay', onDomain.identifier, 'Basic');
  });

  it('evaluates an entity renamed and written in one change under its new identifier', async () => {
    const service = uniqueId('plain');
    const created = await api.post('/v1/blueprints', {
      identifier: service,
      title: service,
      schema: { properties: { readme: { type: 'string' } }, required: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sc = await createScorecard(
      api,
      service,
      scorecardBody([rule('documented', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }])]),
    );
    await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'old-name' });
    await levelBecomes(api, service, 'old-name', sc.identifier, 'Basic');
    const renamed = await api.patch(`/v1/blueprints/${service}/entities/old-name`, {
      identifier: 'new-name',
      properties: { readme: 'here' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await levelBecomes(api, service, 'new-name', sc.identifier, 'Bronze');
  });

  it('refuses a change of the blueprint that a rule reads (force removes the rule), and follows renames', async () => {
    const { service } = await model();
    const sc = await createScorecard(
      api,
      service,
      scorecardBody([
        rule('documented', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }]),
        rule('placed', 'Silver', [{ relation: 'domain', operator: 'isNotEmpty' }]),
      ]),
    );
    const renamed = await api.patch(`/v1/blueprints/${service}/properties/readme/rename`, {
      newPropertyName: 'docs',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const after = await api.get(`/v1/blueprints/${service}/scorecards/${sc.identifier}`);
    expect(after.body.scorecard.rules[0].query.conditions[0].property).toBe('docs');
    const current = (await api.get(`/v1/blueprints/${service}`)).body.blueprint;
    const key = Object.keys(current.schema.properties)[0]!;
    const without = { ...current, schema: { properties: {}, required: [] } };
    const refused = await api.put(`/v1/blueprints/${service}`, without);
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.message).toContain(sc.identifier);
    expect(refused.body.message).toContain('documented');
    expect((await api.get(`/v1/blueprints/${service}`)).body.blueprint.schema.properties[key]).toBeDefined();
    const forced = await api.put(`/v1/blueprints/${service}?force=true`, without);
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    const left = await api.get(`/v1/blueprints/${service}/scorecards/${sc.identifier}`);
    expect(left.body.scorecard.rules.map((r: { identifier: string }) => r.identifier)).toEqual(['placed']);
  });

  it('keeps every change: the entity timeline, the level distribution over time, initiatives', async () => {
    const { service } = await model();
    const team = uniqueId('team');
    expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
    const sc = await createScorecard(
      api,
      service,
      scorecardBody([rule('documented', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }])]),
    );
    await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'a', team: [team] });
    await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'b', team: [team] });
    await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'c' });
    await resultsOf(api, service, 'a');
    const middle = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.patch(`/v1/blueprints/${service}/entities/a`, { properties: { readme: 'here' } });
    await levelBecomes(api, service, 'a', sc.identifier, 'Bronze');

    const timeline = await api.get(`/v1/blueprints/${service}/entities/a/scorecard-history`);
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    expect(timeline.body.history.map((h: { level: string }) => h.level)).toEqual(['Bronze', 'Basic']);
    expect(timeline.body.history[0]).toMatchObject({
      previousLevel: 'Basic',
      cause: 'entity',
      flipped: [{ identifier: 'documented', status: 'SUCCESS', was: 'FAILURE' }],
    });
    // Entering the scorecard, every rule flipped from none.
    expect(timeline.body.history[1]).toMatchObject({
      previousLevel: null,
      flipped: [{ identifier: 'documented', status: 'FAILURE', was: null }],
    });

    const levels = await api.get(
      `/v1/blueprints/${service}/scorecards/${sc.identifier}/levels?from=${middle}&points=2`,
    );
    expect(levels.status, JSON.stringify(levels.body)).toBe(200);
    const [then, now] = levels.body.points;
    expect(then).toMatchObject({ total: 3, levels: { Basic: 3, Bronze: 0 } });
    expect(now).toMatchObject({ total: 3, levels: { Basic: 2, Bronze: 1 } });
    expect(now.teams[team]).toMatchObject({ total: 2, levels: { Basic: 1, Bronze: 1 } });
    expect(levels.body.rules).toEqual([{ identifier: 'documented', passing: 1, failing: 2 }]);
    // Without `from`, the first point is at the first results, not at the scorecard's creation (none yet).
    const all = await api.get(`/v1/blueprints/${service}/scorecards/${sc.identifier}/levels?points=2`);
    expect(all.body.points[0].total).toBeGreaterThanOrEqual(1);
    expect(all.body.points[1]).toMatchObject({ total: 3, levels: { Basic: 2, Bronze: 1 } });
    // The changes are read a page at a time: pages of one give what one page gives.
    const { stored } = await api.services.scorecards.find(systemActor(), service, sc.identifier);
    const read = async (pageSize?: number) => {
      const pages = [];
      const end = new Date().toISOString();
      for await (const page of levelChanges(
        api.database.db,
        api.database.dialect,
        stored.id,
        end,
        undefined,
        pageSize,
      ))
        pages.push(page);
      return pages;
    };
    const [whole, ones] = [await read(), await read(1)];
    expect(whole).toHaveLength(1);
    expect(ones).toHaveLength(4);
    expect(ones.flat()).toEqual(whole.flat());
    for (const [query, field] of [
      ['from=soon', 'from'],
      ['from=1', 'from'],
      ['from=2026-01-01&to=10000-01-01', 'to'],
      ['points=0', 'points'],
    ]) {
      const bad = await api.get(`/v1/blueprints/${service}/scorecards/${sc.identifier}/levels?${query}`);
      expect(bad.status, query).toBe(422);
      expect(bad.body.message, query).toContain(field);
    }

    const initiative = uniqueId('init');
    const created = await api.post('/v1/initiatives', {
      identifier: initiative,
      title: 'Document everything',
      blueprint: service,
      scorecard: sc.identifier,
      level: 'Bronze',
      dueDate: '2027-03-31',
      teams: [team],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const progress = await api.get(`/v1/initiatives/${initiative}/progress`);
    expect(progress.body.progress).toMatchObject({
      total: 2,
      reached: 1,
      percent: 50,
      teams: [{ team, total: 2, reached: 1, behind: [{ identifier: 'b', level: 'Basic' }] }],
    });
    const wrong = await api.post('/v1/initiatives', {
      identifier: uniqueId('init'),
      title: 'x',
      blueprint: service,
      scorecard: sc.identifier,
      level: 'Platinum',
      dueDate: '2027-03-31',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toContain('level');
    for (const [change, field] of [
      [{ dueDate: '1' }, 'dueDate'],
      [{ blueprint: uniqueId('nope') }, 'blueprint'],
      [{ scorecard: 'nope' }, 'scorecard'],
      [{ description: 'x'.repeat(2_001) }, 'description'],
    ] as const) {
      const base = {
        identifier: uniqueId('init'),
        title: 'x',
        blueprint: service,
        scorecard: sc.identifier,
        level: 'Bronze',
        dueDate: '2027-03-31',
      };
      const refused = await api.post('/v1/initiatives', { ...base, ...change });
      expect(refused.status, field).toBe(422);
      expect(refused.body.message, field).toContain(field);
    }
    // Deleting the scorecard deletes its initiatives.
    await api.delete(`/v1/blueprints/${service}/scorecards/${sc.identifier}`);
    expect((await api.get(`/v1/initiatives/${initiative}`)).status).toBe(404);
  });

  it('is an event an automation receives: a service that drops below Bronze pages its owner', async () => {
    const { service } = await model();
    const sc = await createScorecard(
      api,
      service,
      scorecardBody([rule('documented', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }])]),
    );
    const path = uniqueId('dropped');
    await createAutomation(
      api,
      {
        event: { type: 'ENTITY_UPDATED', blueprintIdentifier: service },
        condition: {
          type: 'JQ',
          combinator: 'and',
          expressions: [
            `.diff.before.scorecards["${sc.identifier}"].level == "Bronze"`,
            `.diff.after.scorecards["${sc.identifier}"].level == "Basic"`,
          ],
        },
      },
      {
        invocationMethod: {
          type: 'WEBHOOK',
          url: `${receiver.url}/${path}`,
          body: {
            entity: '{{ .event.context.entityIdentifier }}',
            stats: '{{ .event.diff.after.scorecardsStats }}',
          },
        },
      },
    );
    await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'svc',
      properties: { readme: 'yes' },
    });
    await levelBecomes(api, service, 'svc', sc.identifier, 'Bronze');
    await api.patch(`/v1/blueprints/${service}/entities/svc`, { properties: { readme: '' } });
    await expect
      .poll(() => receiver.received.filter((r) => r.path === `/${path}`).map((r) => r.body), {
        timeout: 15_000,
      })
      .toEqual([{ entity: 'svc', stats: 0 }]);
  });
});
