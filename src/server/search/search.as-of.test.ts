import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { moment } from '../../../test/history.js';

/**
 * Relation rules with as_of walk the relations as they were: domains <- systems (domain, required) <-
 * services (system). At `then`: d1 <- sa <- r1, r4; d1 <- sd <- r5; d2 <- sb <- r2. Since: r1 moved to sb,
 * r4 and sd deleted (r5's relation emptied), sb renamed sb2, sc (of d2) and r3 (of sc) created.
 */
describeEachDatabase('search as_of with relation rules', (dialect) => {
  let api: TestApp;
  const id = uniqueId('ar').toLowerCase();
  const [domain, system, service] = [`${id}_domain`, `${id}_system`, `${id}_service`];
  let then: string;

  const write = async (blueprint: string, identifier: string, relations: Record<string, string> = {}) => {
    const answer = await api.post(`/v1/blueprints/${blueprint}/entities?upsert=true`, {
      identifier,
      relations,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  };

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const body of [
      { identifier: domain, schema: { properties: {} } },
      {
        identifier: system,
        schema: { properties: {} },
        relations: { domain: { target: domain, many: false, required: true } },
      },
      {
        identifier: service,
        schema: { properties: {} },
        relations: { system: { target: system, many: false, required: false } },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    for (const name of ['d1', 'd2']) await write(domain, name);
    await write(system, 'sa', { domain: 'd1' });
    await write(system, 'sb', { domain: 'd2' });
    await write(system, 'sd', { domain: 'd1' });
    await write(service, 'r1', { system: 'sa' });
    await write(service, 'r2', { system: 'sb' });
    await write(service, 'r4', { system: 'sa' });
    await write(service, 'r5', { system: 'sd' });
    then = await moment();
    await write(service, 'r1', { system: 'sb' });
    expect((await api.delete(`/v1/blueprints/${service}/entities/r4`)).status).toBe(200);
    expect((await api.delete(`/v1/blueprints/${system}/entities/sd`)).status).toBe(200);
    const renamed = await api.patch(`/v1/blueprints/${system}/entities/sb`, { identifier: 'sb2' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await write(system, 'sc', { domain: 'd2' });
    await write(service, 'r3', { system: 'sc' });
  });
  afterAll(() => api.close());

  /** The identifiers a search of `blueprint` finds (as of `asOf`, when given), sorted. */
  const found = async (blueprint: string | undefined, rule: Record<string, unknown>, asOf?: string) => {
    const path = blueprint ? `/v1/blueprints/${blueprint}/entities/search` : '/v1/entities/search';
    const response = await api.post(`${path}${asOf ? `?as_of=${asOf}` : ''}`, {
      query: { combinator: 'and', rules: [rule] },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.entities.map((e: { identifier: string }) => e.identifier).sort();
  };
  const relatedTo = (blueprint: string, value: string, extra: Record<string, unknown> = {}) => ({
    operator: 'relatedTo',
    blueprint,
    value,
    ...extra,
  });
  const matchAny = (path: string[], value: string) => ({
    operator: 'matchAny',
    property: { path },
    value,
  });

  describe('relatedTo downstream', () => {
    it('follows a relation removed since, and not one added since', async () => {
      const rule = relatedTo(system, 'sa', { direction: 'downstream' });
      expect(await found(service, rule, then)).toEqual(['r1', 'r4']);
      expect(await found(service, rule)).toEqual([]);
      const moved = relatedTo(system, 'sb2', { direction: 'downstream' });
      expect(await found(service, relatedTo(system, 'sb', { direction: 'downstream' }), then)).toEqual([
        'r2',
      ]);
      expect(await found(service, moved)).toEqual(['r1', 'r2']);
    });

    it('walks through an entity deleted since, and not one created since', async () => {
      const rule = relatedTo(domain, 'd1', { direction: 'downstream' });
      expect(await found(service, rule, then)).toEqual(['r1', 'r4', 'r5']);
      expect(await found(service, rule)).toEqual([]);
      const other = relatedTo(domain, 'd2', { direction: 'downstream' });
      expect(await found(service, other, then)).toEqual(['r2']);
      expect(await found(service, other)).toEqual(['r1', 'r2', 'r3']);
      expect(await found(system, other, then)).toEqual(['sb']);
    });

    it('follows required relations only, with required', async () => {
      const rule = relatedTo(domain, 'd1', { direction: 'downstream', required: true });
      expect(await found(system, rule, then)).toEqual(['sa', 'sd']);
      expect(await found(service, rule, then)).toEqual([]);
      expect(await found(system, rule)).toEqual(['sa']);
    });

    it('starts from an entity by the name it had then', async () => {
      const renamed = relatedTo(system, 'sb2', { direction: 'downstream' });
      expect(await found(service, renamed, then)).toEqual([]);
      expect(await found(service, relatedTo(system, 'sc', { direction: 'downstream' }), then)).toEqual([]);
    });
  });

  describe('relatedTo upstream', () => {
    it('follows the relations each entity had then', async () => {
      const rule = relatedTo(service, 'r1', { direction: 'upstream' });
      expect(await found(system, rule, then)).toEqual(['sa']);
      expect(await found(domain, rule, then)).toEqual(['d1']);
      expect(await found(system, rule)).toEqual(['sb2']);
      expect(await found(domain, rule)).toEqual(['d2']);
      expect(await found(undefined, rule, then)).toEqual(['d1', 'sa']);
    });

    it('starts from an entity deleted since, and not from one created since', async () => {
      expect(await found(domain, relatedTo(service, 'r4', { direction: 'upstream' }), then)).toEqual(['d1']);
      expect(await found(system, relatedTo(service, 'r5', { direction: 'upstream' }), then)).toEqual(['sd']);
      expect(await found(system, relatedTo(service, 'r3', { direction: 'upstream' }), then)).toEqual([]);
      expect(await found(system, relatedTo(service, 'r3', { direction: 'upstream' }))).toEqual(['sc']);
    });

    it('follows required relations only, with required', async () => {
      const rule = relatedTo(system, 'sa', { direction: 'upstream', required: true });
      expect(await found(domain, rule, then)).toEqual(['d1']);
      const optional = relatedTo(service, 'r1', { direction: 'upstream', required: true });
      expect(await found(system, optional, then)).toEqual([]);
    });
  });

  it('walks both ways without a direction', async () => {
    expect(await found(undefined, relatedTo(system, 'sa'), then)).toEqual(['d1', 'r1', 'r4']);
  });

  describe('matchAny', () => {
    it('follows the path as it was', async () => {
      expect(await found(service, matchAny(['system', 'domain'], 'd1'), then)).toEqual(['r1', 'r4', 'r5']);
      expect(await found(service, matchAny(['system', 'domain'], 'd1'))).toEqual([]);
      expect(await found(service, matchAny(['system'], 'sb'), then)).toEqual(['r2']);
      expect(await found(service, matchAny(['system'], 'sb2'), then)).toEqual([]);
      expect(await found(service, matchAny(['system'], 'sb2'))).toEqual(['r1', 'r2']);
      expect(await found(service, matchAny(['system', 'domain'], 'd2'), then)).toEqual(['r2']);
    });
  });

  it('does not walk a relation as it is defined today into the time before its definition', async () => {
    const [left, right, source] = [`${id}_left`, `${id}_right`, `${id}_source`];
    for (const body of [
      { identifier: left, schema: { properties: {} } },
      { identifier: right, schema: { properties: {} } },
      {
        identifier: source,
        schema: { properties: {} },
        relations: { link: { target: left, many: false, required: false } },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    // The same identifier in both blueprints: the link then was to the left one.
    await write(left, 'x1');
    await write(right, 'x1');
    await write(source, 'b1', { link: 'x1' });
    const before = await moment();
    // Emptied, the relation can be given another target.
    const emptied = await api.patch(`/v1/blueprints/${source}/entities/b1`, { relations: { link: null } });
    expect(emptied.status, JSON.stringify(emptied.body)).toBe(200);
    const retargeted = await api.patch(`/v1/blueprints/${source}`, {
      relations: { link: { target: right, many: false, required: false } },
    });
    expect(retargeted.status, JSON.stringify(retargeted.body)).toBe(200);
    await write(source, 'b1', { link: 'x1' });
    const to = (blueprint: string) => relatedTo(blueprint, 'x1', { direction: 'downstream' });
    expect(await found(source, to(right), before)).toEqual([]);
    expect(await found(source, to(left), before)).toEqual([]);
    expect(await found(source, to(right))).toEqual(['b1']);
  });

  it('answers the catalog as it was before anything existed, and pages as it does now', async () => {
    const before = '2000-01-01T00:00:00.000Z';
    expect(await found(service, relatedTo(domain, 'd1'), before)).toEqual([]);
    const first = await api.post(`/v1/blueprints/${service}/entities/search?as_of=${then}`, {
      query: { combinator: 'and', rules: [relatedTo(domain, 'd1', { direction: 'downstream' })] },
      limit: 2,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.entities).toHaveLength(2);
    const rest = await api.post(`/v1/blueprints/${service}/entities/search?as_of=${then}`, {
      query: { combinator: 'and', rules: [relatedTo(domain, 'd1', { direction: 'downstream' })] },
      limit: 2,
      from: first.body.next,
    });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    const all = [...first.body.entities, ...rest.body.entities].map(
      (e: { identifier: string }) => e.identifier,
    );
    expect(all.sort()).toEqual(['r1', 'r4', 'r5']);
    // The relations answered are those of then.
    const r1 = first.body.entities.find((e: { identifier: string }) => e.identifier === 'r1');
    expect(r1?.relations.system).toBe('sa');
  });
});
