import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../../test/databases.js';
import { eventually } from '../../../../test/eventually.js';
import { createPerson } from '../../../../test/people.js';

describeEachDatabase('computed properties', (dialect) => {
  let api: TestApp;
  const id = uniqueId('cp').toLowerCase();
  const [domain, system, service, deployment] = ['domain', 'system', 'service', 'deploy'].map(
    (n) => `${id}_${n}`,
  ) as [string, string, string, string];

  const ok = (response: { status: number; body: unknown }) => {
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return response.body as { entity: { properties: Record<string, unknown> } };
  };
  const write = async (blueprint: string, entity: Record<string, unknown>) =>
    ok(await api.post(`/v1/blueprints/${blueprint}/entities?upsert=true&merge=true`, entity)).entity;
  const read = async (blueprint: string, identifier: string) =>
    ok(await api.get(`/v1/blueprints/${blueprint}/entities/${identifier}`)).entity.properties;
  const blueprint = (identifier: string, rest: Record<string, unknown>) =>
    api.post('/v1/blueprints', {
      identifier,
      title: identifier,
      schema: { properties: { size: { type: 'number' }, status: { type: 'string' } }, required: [] },
      ...rest,
    });

  beforeAll(async () => {
    api = await startTestApp(dialect);
    expect((await blueprint(domain, {})).status).toBe(201);
    expect(
      (await blueprint(system, { relations: { domain: { target: domain, many: false, required: false } } }))
        .status,
    ).toBe(201);
    expect(
      (
        await blueprint(service, {
          relations: { system: { target: system, many: false, required: false } },
          mirrorProperties: {
            domainTitle: { title: 'Domain', path: 'system.domain.$title' },
            systemStatus: { title: 'System status', path: 'system.status' },
          },
          calculationProperties: {
            slug: { title: 'Slug', type: 'string', calculation: "'svc-' + .identifier" },
            label: {
              title: 'Label',
              type: 'string',
              calculation: '.properties.slug + " in " + (.properties.domainTitle // "nowhere")',
            },
            doubled: { title: 'Doubled', type: 'number', calculation: '.properties.size * 2' },
          },
        })
      ).body,
    ).toMatchObject({ ok: true });
    const created = await blueprint(deployment, {
      relations: { service: { target: service, many: false, required: false } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const aggregated = await api.patch(`/v1/blueprints/${service}`, {
      aggregationProperties: {
        deployments: {
          title: 'Deployments',
          target: deployment,
          calculationSpec: { calculationBy: 'entities', func: 'count' },
        },
        failed: {
          title: 'Failed',
          target: deployment,
          calculationSpec: { calculationBy: 'entities', func: 'count' },
          query: { combinator: 'and', rules: [{ property: 'status', operator: '=', value: 'failed' }] },
        },
        totalSize: {
          title: 'Total size',
          target: deployment,
          calculationSpec: { calculationBy: 'property', func: 'sum', property: 'size' },
        },
        medianSize: {
          title: 'Median size',
          target: deployment,
          calculationSpec: { calculationBy: 'property', func: 'median', property: 'size' },
        },
      },
    });
    expect(aggregated.status, JSON.stringify(aggregated.body)).toBe(200);
    await write(domain, { identifier: 'payments', title: 'Payments' });
    await write(domain, { identifier: 'search', title: 'Search' });
    await write(system, {
      identifier: 'ledger',
      title: 'Ledger',
      properties: { status: 'ok' },
      relations: { domain: 'payments' },
    });
  });
  afterAll(() => api.close());

  it('a write answers with its own mirror and calculation values, calculations reading others', async () => {
    const written = await write(service, {
      identifier: 'billing',
      properties: { size: 21 },
      relations: { system: 'ledger' },
    });
    expect(written.properties).toMatchObject({
      size: 21,
      domainTitle: 'Payments',
      systemStatus: 'ok',
      slug: 'svc-billing',
      label: 'svc-billing in Payments',
      doubled: 42,
      deployments: 0,
      failed: 0,
      totalSize: 0,
      medianSize: null,
    });
    expect(await read(service, 'billing')).toMatchObject({ label: 'svc-billing in Payments', doubled: 42 });
  });

  it('a change of an entity a mirror reads reaches the entities reading it, two relations away too', async () => {
    await write(service, { identifier: 'checkout', relations: { system: 'ledger' } });
    await write(domain, { identifier: 'payments', title: 'Money' });
    await write(system, { identifier: 'ledger', properties: { status: 'degraded' } });
    await eventually(
      () => read(service, 'checkout'),
      (p) =>
        expect(p).toMatchObject({
          domainTitle: 'Money',
          systemStatus: 'degraded',
          label: 'svc-checkout in Money',
        }),
    );
    // A relation moved two steps away is followed as well.
    await write(system, { identifier: 'ledger', relations: { domain: 'search' } });
    await eventually(
      () => read(service, 'checkout'),
      (p) => expect(p).toMatchObject({ domainTitle: 'Search', label: 'svc-checkout in Search' }),
    );
  });

  it('aggregations follow writes, moves and deletes of the entities they count', async () => {
    await write(service, { identifier: 'agg-a' });
    await write(service, { identifier: 'agg-b' });
    await write(deployment, {
      identifier: 'd1',
      properties: { size: 3, status: 'ok' },
      relations: { service: 'agg-a' },
    });
    await write(deployment, {
      identifier: 'd2',
      properties: { size: 5, status: 'failed' },
      relations: { service: 'agg-a' },
    });
    await write(deployment, {
      identifier: 'd3',
      properties: { size: 10, status: 'ok' },
      relations: { service: 'agg-a' },
    });
    await eventually(
      () => read(service, 'agg-a'),
      (p) => expect(p).toMatchObject({ deployments: 3, failed: 1, totalSize: 18, medianSize: 5 }),
    );
    await write(deployment, { identifier: 'd2', relations: { service: 'agg-b' } });
    await eventually(
      () => read(service, 'agg-a'),
      (p) => expect(p).toMatchObject({ deployments: 2, failed: 0, totalSize: 13, medianSize: 6.5 }),
    );
    await eventually(
      () => read(service, 'agg-b'),
      (p) => expect(p).toMatchObject({ deployments: 1, failed: 1, totalSize: 5 }),
    );
    expect((await api.delete(`/v1/blueprints/${deployment}/entities/d1`)).status).toBe(200);
    await eventually(
      () => read(service, 'agg-a'),
      (p) => expect(p).toMatchObject({ deployments: 1, totalSize: 10, medianSize: 10 }),
    );
  });

  it('computed values are searched and sorted like stored ones, and left out on request', async () => {
    await write(service, { identifier: 'sort-1', properties: { size: 1 } });
    await write(service, { identifier: 'sort-2', properties: { size: 7 } });
    const found = ok(
      await api.post(`/v1/blueprints/${service}/entities/search`, {
        query: {
          combinator: 'and',
          rules: [
            { property: 'doubled', operator: '>', value: 1 },
            { property: 'slug', operator: 'beginsWith', value: 'svc-sort' },
          ],
        },
        sort: { property: 'doubled', order: 'DESC' },
      }),
    ) as unknown as { entities: Array<{ identifier: string }> };
    expect(found.entities.map((e) => e.identifier)).toEqual(['sort-2', 'sort-1']);
    const plain = ok(
      await api.get(`/v1/blueprints/${service}/entities/sort-2?exclude_calculated_properties=true`),
    );
    expect(plain.entity.properties).toEqual({ size: 7 });
    // Sent back with its computed values, an entity writes only what is its own.
    const full = await read(service, 'sort-2');
    const replaced = await api.put(`/v1/blueprints/${service}/entities/sort-2`, {
      identifier: 'sort-2',
      properties: { ...full, size: 8 },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.entity.properties).toMatchObject({ size: 8, doubled: 16 });
  });

  it('a new or changed calculation is computed for the entities that exist', async () => {
    await write(service, { identifier: 'later', properties: { size: 4 } });
    const changed = await api.patch(`/v1/blueprints/${service}`, {
      calculationProperties: {
        slug: { title: 'Slug', type: 'string', calculation: "'service-' + .identifier" },
        label: { title: 'Label', type: 'string', calculation: '.properties.slug' },
        doubled: { title: 'Tripled', type: 'number', calculation: '.properties.size * 3' },
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await eventually(
      () => read(service, 'later'),
      (p) => expect(p).toMatchObject({ slug: 'service-later', label: 'service-later', doubled: 12 }),
    );
  });

  it('a new definition reaches every existing entity, page after page', async () => {
    const many = `${id}_many`;
    expect((await blueprint(many, {})).status).toBe(201);
    const entities = Array.from({ length: 1_100 }, (_, i) => ({
      identifier: `m${i}`,
      properties: { size: i },
    }));
    expect((await api.post(`/v1/blueprints/${many}/entities/bulk?upsert=true`, { entities })).status).toBe(
      200,
    );
    const changed = await api.patch(`/v1/blueprints/${many}`, {
      calculationProperties: { half: { title: 'Half', type: 'number', calculation: '.properties.size / 2' } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await eventually(
      () =>
        api.post(`/v1/blueprints/${many}/entities/search`, {
          query: { combinator: 'and', rules: [{ property: 'half', operator: 'isEmpty' }] },
          limit: 1,
        }),
      (r) => expect(r.body.entities).toEqual([]),
      20_000,
    );
    expect(await read(many, 'm1099')).toMatchObject({ half: 549.5 });
  });

  it('a calculation that runs away gets null, and the server answers meanwhile', async () => {
    const loops = `${id}_loops`;
    expect((await blueprint(loops, {})).status).toBe(201);
    const entities = Array.from({ length: 40 }, (_, i) => ({ identifier: `l${i}`, properties: { size: i } }));
    expect((await api.post(`/v1/blueprints/${loops}/entities/bulk?upsert=true`, { entities })).status).toBe(
      200,
    );
    const changed = await api.patch(`/v1/blueprints/${loops}`, {
      calculationProperties: {
        forever: { title: 'Forever', type: 'number', calculation: 'last(range(1e15))' },
        fine: { title: 'Fine', type: 'number', calculation: '.properties.size + 1' },
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // Other requests are answered while jq is stopped at its limits.
    expect((await api.get(`/v1/blueprints/${loops}/entities/l3`)).status).toBe(200);
    const values = await eventually(
      () => read(loops, 'l39'),
      (p) => expect(p).toHaveProperty('forever'),
      60_000,
    );
    expect(values).toMatchObject({ forever: null, fine: 40, size: 39 });
  });

  it('shows a Member no value computed from entities it may not read, nor lets it search by one', async () => {
    const secret = `${id}_secret`;
    const reader = `${id}_reader`;
    expect((await blueprint(secret, {})).status).toBe(201);
    expect(
      (
        await blueprint(reader, {
          relations: { secret: { target: secret, many: false, required: false } },
          mirrorProperties: { secretStatus: { title: 'Secret', path: 'secret.status' } },
          calculationProperties: {
            echo: { title: 'Echo', type: 'string', calculation: '.properties.secretStatus' },
            own: { title: 'Own', type: 'number', calculation: '.properties.size' },
            // Reads without naming what: may read the hidden mirror, so hidden too.
            all: { title: 'All', type: 'string', calculation: '[.properties[] | tostring] | join(",")' },
            escaped: { title: 'Escaped', type: 'string', calculation: '.properties["\\u0073ecretStatus"]' },
          },
        })
      ).status,
    ).toBe(201);
    const owners = { roles: ['Admin'], ownedByTeam: true };
    expect(
      (await api.patch(`/v1/blueprints/${secret}/permissions`, { entities: { read: owners } })).status,
    ).toBe(200);
    await write(secret, { identifier: 'vault', properties: { status: 'TOPSECRET' } });
    await write(reader, { identifier: 'r1', properties: { size: 2 }, relations: { secret: 'vault' } });
    expect(await read(reader, 'r1')).toMatchObject({
      secretStatus: 'TOPSECRET',
      echo: 'TOPSECRET',
      own: 2,
      escaped: 'TOPSECRET',
    });
    expect(String((await read(reader, 'r1')).all)).toContain('TOPSECRET');

    const member = await createPerson(api, {});
    const as = (method: string, path: string, body?: unknown) =>
      api.request(method, path, body, member.headers);
    const seen = await as('GET', `/v1/blueprints/${reader}/entities/r1`);
    expect(seen.status).toBe(200);
    expect(seen.body.entity.properties).toEqual({ size: 2, own: 2 });
    const listed = await as('POST', `/v1/blueprints/${reader}/entities/search`, {
      query: { combinator: 'and', rules: [] },
    });
    expect(JSON.stringify(listed.body)).not.toContain('TOPSECRET');
    const probe = await as('POST', `/v1/blueprints/${reader}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: 'secretStatus', operator: '=', value: 'TOPSECRET' }] },
    });
    expect(probe.status).toBe(422);
    expect(probe.body.message).toMatch(/unknown property "secretStatus"/);
    const sorted = await as('POST', `/v1/blueprints/${reader}/entities/search`, {
      sort: { property: 'echo' },
    });
    expect(sorted.status).toBe(422);
    const history = await as('GET', `/v1/blueprints/${reader}/entities/r1/history`);
    expect(JSON.stringify(history.body)).not.toContain('TOPSECRET');
  });

  it('shows a Member no calculation that reads a relation to entities it may not read', async () => {
    const [hidden, holder] = [`${id}_shut`, `${id}_shutter`];
    expect((await blueprint(hidden, {})).status).toBe(201);
    expect(
      (
        await blueprint(holder, {
          relations: { hidden: { target: hidden, many: false, required: false } },
          calculationProperties: {
            target: { title: 'Target', type: 'string', calculation: '.relations.hidden' },
            relations: { title: 'Relations', type: 'string', calculation: '.relations | tojson' },
            own: { title: 'Own', type: 'number', calculation: '.properties.size' },
          },
        })
      ).status,
    ).toBe(201);
    const owners = { roles: ['Admin'], ownedByTeam: true };
    expect(
      (await api.patch(`/v1/blueprints/${hidden}/permissions`, { entities: { read: owners } })).status,
    ).toBe(200);
    await write(hidden, { identifier: 'hidden-vault-name' });
    await write(holder, {
      identifier: 'h1',
      properties: { size: 3 },
      relations: { hidden: 'hidden-vault-name' },
    });
    expect(await read(holder, 'h1')).toMatchObject({ target: 'hidden-vault-name', own: 3 });

    const member = await createPerson(api, {});
    const as = (method: string, path: string, body?: unknown) =>
      api.request(method, path, body, member.headers);
    const seen = await as('GET', `/v1/blueprints/${holder}/entities/h1`);
    expect(seen.status).toBe(200);
    expect(seen.body.entity.relations.hidden).toBeNull();
    expect(seen.body.entity.properties).toEqual({ size: 3, own: 3 });
    const listed = await as('POST', `/v1/blueprints/${holder}/entities/search`, {});
    expect(JSON.stringify(listed.body)).not.toContain('hidden-vault-name');
    const probe = await as('POST', `/v1/blueprints/${holder}/entities/search`, {
      query: {
        combinator: 'and',
        rules: [{ property: 'target', operator: '=', value: 'hidden-vault-name' }],
      },
    });
    expect(probe.status).toBe(422);
    const history = await as('GET', `/v1/blueprints/${holder}/entities/h1/history`);
    expect(JSON.stringify(history.body)).not.toContain('hidden-vault-name');
  });

  it('calculations read relations, escaped names and whole properties in the right order, and stay fresh', async () => {
    const holder = `${id}_holder`;
    const created = await blueprint(holder, {
      relations: { domain: { target: domain, many: false, required: false } },
      mirrorProperties: { mir: { title: 'Mirror', path: 'domain.$title' } },
      calculationProperties: {
        // Before the calculations they read, on purpose: the order is by what they read.
        escaped: { title: 'Escaped', type: 'string', calculation: '.properties["\\u0063alc1"] + "!"' },
        whole: {
          title: 'Whole',
          type: 'string',
          calculation: '.properties | to_entries | map(select(.key == "calc1")) | .[0].value',
        },
        calc1: { title: 'Calc', type: 'string', calculation: '.properties.mir + "?"' },
        rel: { title: 'Relation', type: 'string', calculation: '.relations.domain // "none"' },
        // Names itself only in a string: no cycle.
        y: { title: 'Y', type: 'string', calculation: '(.properties.size | tostring) + "y"' },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // A relation read by a calculation alone, with no mirror along it.
    const pointer = `${id}_pointer`;
    const made = await blueprint(pointer, {
      relations: { domain: { target: domain, many: false, required: false } },
      calculationProperties: {
        rel: { title: 'Relation', type: 'string', calculation: '.relations.domain // "none"' },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await write(domain, { identifier: 'hd', title: 'Search' });
    await write(holder, { identifier: 'h1', properties: { size: 1 }, relations: { domain: 'hd' } });
    await write(pointer, { identifier: 'p1', relations: { domain: 'hd' } });
    expect(await read(holder, 'h1')).toMatchObject({
      calc1: 'Search?',
      escaped: 'Search?!',
      whole: 'Search?',
      rel: 'hd',
      y: '1y',
    });
    // A rename of the target changes the relation's value, which a calculation reads.
    ok(await api.patch(`/v1/blueprints/${domain}/entities/hd`, { identifier: 'hd2', title: 'Find' }));
    await eventually(
      () => read(holder, 'h1'),
      (properties) =>
        expect(properties).toMatchObject({
          mir: 'Find',
          calc1: 'Find?',
          escaped: 'Find?!',
          whole: 'Find?',
          rel: 'hd2',
        }),
    );
    await eventually(
      () => read(pointer, 'p1'),
      (properties) => expect(properties).toMatchObject({ rel: 'hd2' }),
    );
    ok(await api.delete(`/v1/blueprints/${domain}/entities/hd2`));
    await eventually(
      () => read(pointer, 'p1'),
      (properties) => expect(properties).toMatchObject({ rel: 'none' }),
    );
    await eventually(
      () => read(holder, 'h1'),
      (properties) => expect(properties).toMatchObject({ mir: null, rel: 'none' }),
    );
  });

  it('a calculation reading an inherited team follows the owners, from the first write on', async () => {
    const [owner, owned] = [`${id}_owner`, `${id}_owned`];
    const [red, blue] = [`${id}-red`, `${id}-blue`];
    for (const name of [red, blue]) ok(await api.post('/v1/teams', { name }));
    expect((await blueprint(owner, { ownership: { type: 'Direct' } })).status).toBe(201);
    const created = await blueprint(owned, {
      relations: { app: { target: owner, many: false, required: false } },
      ownership: { type: 'Inherited', path: 'app' },
      calculationProperties: {
        teams: { title: 'Teams', type: 'string', calculation: '.team | join(",")' },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await write(owner, { identifier: 'a1', team: [red] });
    // The write's own answer already holds the values of the team it inherits, as written.
    const first = await write(owned, { identifier: 'c1', relations: { app: 'a1' } });
    expect(first).toMatchObject({ team: [red], properties: { teams: red } });
    const teamsOf = () => read(owned, 'c1');
    await eventually(teamsOf, (properties) => expect(properties.teams).toBe(red));
    await write(owner, { identifier: 'a1', team: [red, blue] });
    await eventually(teamsOf, (properties) => expect(properties.teams).toBe([blue, red].sort().join(',')));
    ok(await api.post('/v1/teams', { name: `${id}-green` }));
    await write(owner, { identifier: 'a2', team: [`${id}-green`] });
    const moved = await write(owned, { identifier: 'c1', relations: { app: 'a2' } });
    expect(moved).toMatchObject({ team: [`${id}-green`], properties: { teams: `${id}-green` } });
    const untouched = await write(owned, { identifier: 'c1', properties: { size: 1 } });
    expect(untouched).toMatchObject({ team: [`${id}-green`], properties: { teams: `${id}-green` } });
    ok(await api.delete(`/v1/blueprints/${owner}/entities/a2`));
    await eventually(teamsOf, (properties) => expect(properties.teams).toBe(''));
    await write(owned, { identifier: 'c1', relations: { app: 'a1' } });
    ok(await api.delete(`/v1/blueprints/${owner}/entities/a1`));
    await eventually(teamsOf, (properties) => expect(properties.teams).toBe(''));
  });

  it('refuses definitions that cannot work, naming the property', async () => {
    const refused = async (rest: Record<string, unknown>, field: RegExp) => {
      const response = await blueprint(`${id}_bad`, rest);
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(response.body.message).toMatch(field);
    };
    await refused(
      { calculationProperties: { broken: { title: 'B', type: 'string', calculation: '.identifier | (' } } },
      /calculationProperties\.broken\.calculation: the jq program .* does not compile/,
    );
    await refused(
      {
        calculationProperties: {
          a: { title: 'A', type: 'number', calculation: '.properties.b + 1' },
          b: { title: 'B', type: 'number', calculation: '.properties.a + 1' },
        },
      },
      /calculationProperties\.a depends on itself/,
    );
    await refused(
      {
        calculationProperties: {
          x: { title: 'X', type: 'string', calculation: '(.properties["\\u0079"] // "A") + "1"' },
          y: { title: 'Y', type: 'string', calculation: '(.properties.x // "B") + "2"' },
        },
      },
      /calculationProperties\.[xy] depends on itself/,
    );
    await refused(
      { mirrorProperties: { m: { title: 'M', path: 'nowhere.$title' } } },
      /mirrorProperties\.m\.path: .*no relation "nowhere"/,
    );
    await refused(
      {
        aggregationProperties: {
          n: { title: 'N', target: domain, calculationSpec: { calculationBy: 'entities', func: 'count' } },
        },
      },
      /aggregationProperties\.n\.target: blueprint ".*" is not related/,
    );
    await refused(
      {
        relations: { service: { target: service, many: false, required: false } },
        aggregationProperties: {
          n: {
            title: 'N',
            target: service,
            calculationSpec: { calculationBy: 'property', func: 'sum', property: 'nope' },
          },
        },
      },
      /aggregationProperties\.n\.calculationSpec\.property/,
    );
    expect((await api.get(`/v1/blueprints/${id}_bad`)).status).toBe(404);
  });
});
