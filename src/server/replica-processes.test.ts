import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabaseUrl, uniqueId } from '../../test/databases.js';
import { startServerProcesses, type ServerProcess } from '../../test/server-process.js';
import { readmeTierLevel, readmeTierRules, topRule } from '../../test/scorecards.js';

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  etag: string | null;
}

// Issue 10: two server processes on one PostgreSQL database, as replicas behind a load balancer: every
// read-modify-write answered 2xx through either is kept.
describe.skipIf(process.env.PORTICO_TEST_PG === 'off')(
  'two server processes on one PostgreSQL [postgres]',
  () => {
    const WRITERS = 20;
    let servers: ServerProcess[] = [];
    let tokens: string[] = [];
    beforeAll(async () => {
      servers = await startServerProcesses(2, { databaseUrl: await createEmptyDatabaseUrl('postgres') });
      tokens = await Promise.all(servers.map((server) => server.accessToken()));
    }, 120_000);
    afterAll(() => Promise.all(servers.map((server) => server.stop())));

    /** Request i goes to replica i % 2. */
    async function send(
      i: number,
      method: string,
      path: string,
      body?: unknown,
      headers = {},
    ): Promise<Answer> {
      const response = await fetch(`${servers[i % 2]!.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens[i % 2]}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        etag: response.headers.get('etag'),
      };
    }
    const statuses = async (answers: Array<Promise<Answer>>) =>
      (await Promise.all(answers)).map((a) => a.status);

    async function blueprint(properties: Record<string, unknown> = {}) {
      const identifier = uniqueId('replicated');
      const created = await send(0, 'POST', '/v1/blueprints', {
        identifier,
        title: 'Replicated',
        schema: { properties },
        relations: { next: { target: identifier, many: false, required: false } },
      });
      expect(created.status).toBe(201);
      return identifier;
    }

    it('keeps every property of concurrent PATCHes and merge upserts of one entity', async () => {
      const properties = Object.fromEntries(
        Array.from({ length: 2 * WRITERS }, (_, i) => [`p${i}`, { type: 'number' }]),
      );
      const bp = await blueprint(properties);
      expect((await send(0, 'POST', `/v1/blueprints/${bp}/entities`, { identifier: 'e' })).status).toBe(201);
      const answers = await statuses(
        Array.from({ length: 2 * WRITERS }, (_, i) =>
          i < WRITERS
            ? send(i, 'PATCH', `/v1/blueprints/${bp}/entities/e`, { properties: { [`p${i}`]: i } })
            : send(i, 'POST', `/v1/blueprints/${bp}/entities?upsert=true&merge=true`, {
                identifier: 'e',
                properties: { [`p${i}`]: i },
              }),
        ),
      );
      // PATCHes answer 200, POSTs 201 as Port documents it (an upsert that updated too).
      expect(answers).toEqual([...Array(WRITERS).fill(200), ...Array(WRITERS).fill(201)]);
      const stored = (await send(1, 'GET', `/v1/blueprints/${bp}/entities/e`)).body.entity.properties;
      expect(stored).toEqual(Object.fromEntries(Array.from({ length: 2 * WRITERS }, (_, i) => [`p${i}`, i])));
    });

    it('keeps every property of concurrent bulk merges of the same entities through both', async () => {
      const properties = Object.fromEntries(
        Array.from({ length: WRITERS }, (_, i) => [`p${i}`, { type: 'number' }]),
      );
      const bp = await blueprint(properties);
      const ids = ['a', 'b', 'c', 'd', 'e'];
      const answers = await statuses(
        Array.from({ length: WRITERS }, (_, i) =>
          send(i, 'POST', `/v1/blueprints/${bp}/entities/bulk?upsert=true&merge=true`, {
            // Each writer in its own order, so that batches overlap every way.
            entities: (i % 2 ? [...ids].reverse() : ids).map((identifier) => ({
              identifier,
              properties: { [`p${i}`]: i },
            })),
          }),
        ),
      );
      expect(answers).toEqual(Array(WRITERS).fill(200));
      const expected = Object.fromEntries(Array.from({ length: WRITERS }, (_, i) => [`p${i}`, i]));
      for (const id of ids)
        expect((await send(0, 'GET', `/v1/blueprints/${bp}/entities/${id}`)).body.entity.properties).toEqual(
          expected,
        );
    });

    it('never turns an entity written in full into a stub, whichever replica writes which', async () => {
      const bp = await blueprint({ n: { type: 'number' } });
      const name = (batch: number, item: number) => `b${batch}-${item}`;
      const answers = await statuses(
        Array.from({ length: 8 }, (_, batch) =>
          send(
            batch,
            'POST',
            `/v1/blueprints/${bp}/entities/bulk?upsert=true&create_missing_related_entities=true`,
            {
              entities: Array.from({ length: 10 }, (_, item) => ({
                identifier: name(batch, item),
                title: 'full',
                properties: { n: item },
                relations: batch > 0 ? { next: name(batch - 1, 9) } : {},
              })),
            },
          ),
        ),
      );
      expect(answers).toEqual(Array(8).fill(200));
      const all = await send(0, 'POST', `/v1/blueprints/${bp}/entities/search`, { limit: 1000 });
      expect(all.body.entities).toHaveLength(80);
      for (const entity of all.body.entities) expect(entity.title).toBe('full');
    });

    it('keeps the key each of concurrent blueprint PATCHes changes, and every permissions grant', async () => {
      const bp = await blueprint(
        Object.fromEntries(Array.from({ length: WRITERS }, (_, i) => [`p${i}`, { type: 'string' }])),
      );
      const changes: Array<Record<string, unknown>> = [
        { title: 'Renamed' },
        { description: 'Described' },
        { icon: 'Service' },
        { calculationProperties: { shout: { title: 'Shout', calculation: '.title', type: 'string' } } },
      ];
      const answers = await statuses([
        ...changes.map((change, i) => send(i, 'PATCH', `/v1/blueprints/${bp}`, change)),
        ...Array.from({ length: WRITERS }, (_, i) =>
          send(i, 'PATCH', `/v1/blueprints/${bp}/permissions`, {
            entities: { updateProperties: { [`p${i}`]: { roles: ['Admin'] } } },
          }),
        ),
      ]);
      expect(answers).toEqual(Array(changes.length + WRITERS).fill(200));
      expect((await send(1, 'GET', `/v1/blueprints/${bp}`)).body.blueprint).toMatchObject(
        Object.assign({}, ...changes),
      );
      const granted = (await send(0, 'GET', `/v1/blueprints/${bp}/permissions`)).body.permissions.entities
        .updateProperties;
      for (let i = 0; i < WRITERS; i++) expect(granted[`p${i}`].roles).toEqual(['Admin']);
    });

    it('keeps a user in every team that concurrent team changes through both replicas add them to', async () => {
      const email = `${uniqueId('member')}@example.com`.toLowerCase();
      expect((await send(0, 'POST', '/v1/users/invite', { invitee: { email } })).status).toBe(200);
      const teams = Array.from({ length: 10 }, () => uniqueId('team'));
      for (const [i, name] of teams.entries())
        expect((await send(i, 'POST', '/v1/teams', { name })).status).toBe(200);
      const answers = await statuses(
        teams.map((name, i) => send(i, 'PATCH', `/v1/teams/${name}`, { users: [email] })),
      );
      expect(answers).toEqual(Array(teams.length).fill(200));
      const user = (await send(1, 'GET', `/v1/users/${encodeURIComponent(email)}`)).body.user;
      expect([...user.teams].sort()).toEqual([...teams].sort());
    });

    it('counts every increment of clients that read and write with If-Match through both replicas', async () => {
      const bp = await blueprint({ count: { type: 'number' } });
      const url = `/v1/blueprints/${bp}/entities/counter`;
      expect(
        (
          await send(0, 'POST', `/v1/blueprints/${bp}/entities`, {
            identifier: 'counter',
            properties: { count: 0 },
          })
        ).status,
      ).toBe(201);
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, client) => {
          for (let attempt = 0; attempt < 300; attempt++) {
            const read = await send(client + attempt, 'GET', url);
            const count = read.body.entity.properties.count as number;
            const written = await send(
              client + attempt + 1,
              'PATCH',
              url,
              { properties: { count: count + 1 } },
              { 'if-match': read.etag! },
            );
            if (written.status === 200) return;
            expect(written.status).toBe(412);
          }
          throw new Error('an increment never landed');
        }),
      );
      expect((await send(0, 'GET', url)).body.entity.properties.count).toBe(WRITERS);
    });

    it('loses no write to the recomputations of computed values that either replica makes', async () => {
      const [team, service, deploy] = [uniqueId('cteam'), uniqueId('csvc'), uniqueId('cdep')];
      const keys = Array.from({ length: WRITERS }, (_, i) => `p${i}`);
      const created = [
        await send(0, 'POST', '/v1/blueprints', {
          identifier: team,
          title: 'Team',
          schema: { properties: { name: { type: 'string' } } },
        }),
        await send(1, 'POST', '/v1/blueprints', {
          identifier: service,
          title: 'Service',
          schema: { properties: Object.fromEntries(keys.map((key) => [key, { type: 'number' }])) },
          relations: { team: { target: team, many: false, required: false } },
          mirrorProperties: { teamName: { title: 'Team', path: 'team.name' } },
        }),
        await send(0, 'POST', '/v1/blueprints', {
          identifier: deploy,
          title: 'Deployment',
          schema: { properties: {} },
          relations: { service: { target: service, many: false, required: false } },
        }),
      ];
      expect(created.map((c) => c.status)).toEqual([201, 201, 201]);
      const aggregation = await send(1, 'PATCH', `/v1/blueprints/${service}`, {
        aggregationProperties: {
          deployments: {
            title: 'Deployments',
            target: deploy,
            calculationSpec: { calculationBy: 'entities', func: 'count' },
          },
        },
      });
      expect(aggregation.status, JSON.stringify(aggregation.body)).toBe(200);
      expect(
        (
          await send(0, 'POST', `/v1/blueprints/${team}/entities`, {
            identifier: 't',
            properties: { name: 'n0' },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await send(1, 'POST', `/v1/blueprints/${service}/entities`, {
            identifier: 's',
            relations: { team: 't' },
          })
        ).status,
      ).toBe(201);
      const answers = await statuses(
        keys.flatMap((key, i) => [
          send(i, 'PATCH', `/v1/blueprints/${service}/entities/s`, { properties: { [key]: i } }),
          send(i + 1, 'POST', `/v1/blueprints/${deploy}/entities`, {
            identifier: `d${i}`,
            relations: { service: 's' },
          }),
          send(i, 'PATCH', `/v1/blueprints/${team}/entities/t`, { properties: { name: `n${i + 1}` } }),
        ]),
      );
      expect(
        answers.every((status) => status < 300),
        JSON.stringify(answers),
      ).toBe(true);
      const name = (await send(0, 'GET', `/v1/blueprints/${team}/entities/t`)).body.entity.properties.name;
      const until = Date.now() + 10_000;
      let properties: Record<string, unknown> = {};
      for (;;) {
        properties = (await send(1, 'GET', `/v1/blueprints/${service}/entities/s`)).body.entity.properties;
        if ((properties.deployments === WRITERS && properties.teamName === name) || Date.now() > until) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(properties).toMatchObject({
        deployments: WRITERS,
        teamName: name,
        ...Object.fromEntries(keys.map((key, i) => [key, i])),
      });
    });
    it('keeps every scorecard result and its history through both replicas while the scorecard changes', async () => {
      const bp = uniqueId('scored');
      const created = await send(0, 'POST', '/v1/blueprints', {
        identifier: bp,
        title: bp,
        schema: { properties: { readme: { type: 'string' }, tier: { type: 'number' } }, required: [] },
      });
      expect(created.status).toBe(201);
      const entities = Array.from({ length: 60 }, (_, i) => `svc-${i}`);
      const bulk = await send(0, 'POST', `/v1/blueprints/${bp}/entities/bulk?upsert=true`, {
        entities: entities.map((identifier, i) => ({ identifier, properties: { tier: i % 3 } })),
      });
      expect(bulk.status, JSON.stringify(bulk.body)).toBeLessThan(300);
      const scorecard = uniqueId('sc');
      const body = { identifier: scorecard, title: scorecard, rules: readmeTierRules() };
      expect((await send(1, 'POST', `/v1/blueprints/${bp}/scorecards`, body)).status).toBe(201);
      // Clients write through both replicas while the scorecard changes (and is evaluated again).
      const writes = Array.from({ length: 8 }, (_, client) =>
        (async () => {
          for (let round = 0; round < 10; round++) {
            const identifier = entities[(client * 37 + round * 11) % entities.length]!;
            const readme = (client + round) % 2 ? `doc ${client}.${round}` : '';
            const answer = await send(
              client + round,
              'PATCH',
              `/v1/blueprints/${bp}/entities/${identifier}`,
              {
                properties: { readme },
              },
            );
            expect(answer.status, JSON.stringify(answer.body)).toBe(200);
          }
        })(),
      );
      const changed = { ...body, rules: [...body.rules, topRule()] };
      const change = send(1, 'PUT', `/v1/blueprints/${bp}/scorecards/${scorecard}`, changed);
      await Promise.all(writes);
      expect((await change).status, JSON.stringify((await change).body)).toBe(200);

      type Scored = { identifier: string; properties: { readme?: string; tier: number }; scorecards?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- Port's JSON
      const expected = readmeTierLevel;
      const wrong = async () =>
        ((await send(0, 'GET', `/v1/blueprints/${bp}/entities`)).body.entities as Scored[]).filter(
          (e) => e.scorecards?.[scorecard]?.level !== expected(e),
        );
      let left = await wrong();
      for (const until = Date.now() + 30_000; left.length && Date.now() < until; left = await wrong())
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(left.map((e) => e.identifier)).toEqual([]);
      // Each entity's history through either replica is one unbroken chain ending at its level.
      for (const [i, identifier] of entities.entries()) {
        const history = await send(
          i,
          'GET',
          `/v1/blueprints/${bp}/entities/${identifier}/scorecard-history?scorecard=${scorecard}`,
        );
        expect(history.status).toBe(200);
        const chain = [
          ...(history.body.history as Array<{ level: string; previousLevel: string | null }>),
        ].reverse();
        expect(chain[0]?.previousLevel ?? null, identifier).toBeNull();
        chain.forEach((link, n) => {
          if (n > 0) expect(link.previousLevel, `${identifier} #${n}`).toBe(chain[n - 1]!.level);
        });
      }
    });
  },
);
