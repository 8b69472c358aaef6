import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { createAction, createBlueprint, runReaches } from '../../../test/actions.js';
import {
  automationsDatabaseUrl,
  createAutomation,
  runsOf,
  startAutomationsApp,
} from '../../../test/automations.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook bodies are arbitrary JSON
const eventNumber = (body: Record<string, any>) => Number(String(body.event.id).slice('event_'.length));

describeEachDatabase('automations', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    api = await startAutomationsApp(dialect, await automationsDatabaseUrl(dialect));
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await api.close();
  });

  // Port's editor writes this body: the whole trigger data.
  const hook = (path: string) => ({
    type: 'WEBHOOK',
    url: `${receiver.url}/${path}`,
    body: { '{{ spreadValue() }}': '{{ . }}' },
  });
  const bodiesAt = (path: string) =>
    receiver.received.filter((r) => r.path === `/${path}`).map((r) => r.body as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  const upsert = (bp: string, identifier: string, properties: Record<string, unknown>) =>
    api.post(`/v1/blueprints/${bp}/entities?upsert=true&merge=true`, { identifier, properties });

  it('fires on entity created, updated and deleted, each with its own event and Port trigger data', async () => {
    const bp = await createBlueprint(api, { status: { type: 'string' } });
    const paths = {
      created: uniqueId('c'),
      updated: uniqueId('u'),
      deleted: uniqueId('d'),
      any: uniqueId('a'),
    };
    await createAutomation(
      api,
      { event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } },
      { invocationMethod: hook(paths.created) },
    );
    await createAutomation(
      api,
      { event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp } },
      { invocationMethod: hook(paths.updated) },
    );
    await createAutomation(
      api,
      { event: { type: 'ENTITY_DELETED', blueprintIdentifier: bp } },
      { invocationMethod: hook(paths.deleted) },
    );
    const any = await createAutomation(
      api,
      { event: { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: bp } },
      { invocationMethod: hook(paths.any) },
    );

    expect((await upsert(bp, 'svc', { status: 'ok' })).status).toBe(201);
    expect((await upsert(bp, 'svc', { status: 'degraded' })).status).toBeLessThan(300);
    expect((await api.delete(`/v1/blueprints/${bp}/entities/svc`)).status).toBe(200);

    // Each automation's runs are delivered on their own: wait for every one read below.
    await receiver.waitFor(3, `/${paths.any}`);
    await receiver.waitFor(1, `/${paths.created}`);
    await receiver.waitFor(1, `/${paths.updated}`);
    await receiver.waitFor(1, `/${paths.deleted}`);
    const [created] = bodiesAt(paths.created);
    expect(created).toMatchObject({
      inputs: null,
      trigger: { origin: 'AUTOMATION', by: { userId: api.clientId } },
      event: {
        action: 'CREATE',
        resourceType: 'entity',
        trigger: { origin: 'API', by: { userId: api.clientId } },
        context: { blueprintIdentifier: bp, entityIdentifier: 'svc', propertyIdentifier: null },
        diff: { before: null, after: { identifier: 'svc', blueprint: bp, properties: { status: 'ok' } } },
      },
      entity: null,
    });
    expect(created!.event.id).toMatch(/^event_\d+$/);
    expect(created!.run.id).toMatch(/^r_/);
    expect(created!.event.diff.after).not.toHaveProperty('version');
    const [updated] = bodiesAt(paths.updated);
    expect(updated!.event).toMatchObject({
      action: 'UPDATE',
      diff: { before: { properties: { status: 'ok' } }, after: { properties: { status: 'degraded' } } },
    });
    const [deleted] = bodiesAt(paths.deleted);
    expect(deleted!.event).toMatchObject({
      action: 'DELETE',
      diff: { before: { identifier: 'svc' }, after: null },
    });
    // Delivered concurrently, so in any order; the events are in commit order.
    const inStreamOrder = bodiesAt(paths.any).sort((a, b) => eventNumber(a) - eventNumber(b));
    expect(inStreamOrder.map((b) => b.event.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(new Set(bodiesAt(paths.any).map((b) => b.event.id)).size).toBe(3);

    // Each firing is a run of the automation, with its status and a log naming its event.
    const runs = await runsOf(api, any);
    expect(runs).toHaveLength(3);
    for (const run of runs) expect(['IN_PROGRESS', 'SUCCESS']).toContain(run.status);
    const logs = await api.get(`/v1/actions/runs/${runs[0]!.id}/logs`);
    expect(JSON.stringify(logs.body)).toMatch(/Triggered by event_\d+/);
  });

  it('fires only where its condition holds; a condition that fails makes a failed run and the rest go on', async () => {
    const bp = await createBlueprint(api, { status: { type: 'string' } });
    const path = uniqueId('cond');
    const degrading = await createAutomation(
      api,
      {
        event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp },
        condition: {
          type: 'JQ',
          combinator: 'and',
          expressions: [
            '.diff.before.properties.status == "ok"',
            '.diff.after.properties.status == "degraded"',
          ],
        },
      },
      { invocationMethod: hook(path) },
    );
    const broken = await createAutomation(api, {
      event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp },
      condition: { type: 'JQ', combinator: 'or', expressions: ['.diff.after.properties.status | length'] },
    });
    await upsert(bp, 'a', { status: 'ok' });
    await upsert(bp, 'b', { status: 'ok' });
    await upsert(bp, 'a', { status: 'degraded' });
    await upsert(bp, 'b', { status: 'broken' });
    await upsert(bp, 'a', { status: 'ok' });
    await receiver.waitFor(1, `/${path}`);
    await expect.poll(async () => (await runsOf(api, broken)).length, { timeout: 10_000 }).toBe(3);
    const failed = await runsOf(api, broken);
    for (const run of failed)
      expect(run).toMatchObject({ status: 'FAILURE', statusLabel: 'Condition failed' });
    const logs = await api.get(`/v1/actions/runs/${failed[0]!.id}/logs`);
    expect(JSON.stringify(logs.body)).toMatch(/not a boolean/);
    expect((await runsOf(api, degrading)).length).toBe(1);
    expect(bodiesAt(path)[0]!.event.context.entityIdentifier).toBe('a');
  });

  it('stops a runaway condition and reports it, while the other automations and a failing backend go on', async () => {
    const bp = await createBlueprint(api, { status: { type: 'string' } });
    const path = uniqueId('steady');
    const runaway = await createAutomation(api, {
      event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp },
      condition: {
        type: 'JQ',
        combinator: 'and',
        expressions: ['if .diff.after then (def spin: spin; spin) else true end'],
      },
    });
    const failing = await createAutomation(
      api,
      { event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } },
      { invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}/always-500`, synchronized: true } },
    );
    receiver.respond((request) =>
      request.path === '/always-500'
        ? { status: 500, body: { ok: false } }
        : { status: 200, body: { ok: true } },
    );
    const steady = await createAutomation(
      api,
      {
        event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp },
        condition: { type: 'JQ', combinator: 'and', expressions: ['.diff.after.properties.status != null'] },
      },
      { invocationMethod: hook(path) },
    );
    try {
      await upsert(bp, 'one', { status: 'ok' });
      await upsert(bp, 'two', { status: 'ok' });
      await receiver.waitFor(2, `/${path}`);
      await expect.poll(async () => (await runsOf(api, runaway)).length, { timeout: 20_000 }).toBe(2);
      for (const run of await runsOf(api, runaway)) {
        expect(run).toMatchObject({ status: 'FAILURE', statusLabel: 'Condition failed' });
        const logs = await api.get(`/v1/actions/runs/${run.id}/logs`);
        expect(JSON.stringify(logs.body)).toMatch(/did not finish within \d+ ms/);
      }
      expect((await runsOf(api, steady)).length).toBe(2);
      await expect
        .poll(async () => (await runsOf(api, failing)).map((r) => r.status), { timeout: 20_000 })
        .toEqual(['FAILURE', 'FAILURE']);
    } finally {
      receiver.respond(undefined);
    }
  });

  it('records a NUL in a failed condition or a backend answer, and neither stops the stream nor redelivers', async () => {
    const bp = await createBlueprint(api, { status: { type: 'string' } });
    const path = uniqueId('after-nul');
    const answersNul = uniqueId('answers-nul');
    // jq's error carries the NUL; PostgreSQL refuses one in text and jsonb, which stalled every automation.
    const nulError = await createAutomation(api, {
      event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp },
      condition: {
        type: 'JQ',
        combinator: 'and',
        expressions: ['if .diff.after.properties.status == "nul" then error("a\\u0000b") else false end'],
      },
    });
    const nulAnswer = await createAutomation(
      api,
      { event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp } },
      { invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}/${answersNul}`, synchronized: true } },
    );
    const steady = await createAutomation(
      api,
      { event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp } },
      { invocationMethod: hook(path) },
    );
    receiver.respond((request) =>
      request.path === `/${answersNul}`
        ? { status: 200, body: { echoed: 'x\u0000y', 'k\u0000': 1 } }
        : { status: 200, body: { ok: true } },
    );
    try {
      await upsert(bp, 'one', { status: 'ok' });
      await upsert(bp, 'one', { status: 'nul' });
      await upsert(bp, 'one', { status: 'after' });
      await receiver.waitFor(2, `/${path}`);
      await expect.poll(async () => (await runsOf(api, nulError)).length).toBe(1);
      const [failed] = await runsOf(api, nulError);
      expect(failed).toMatchObject({ status: 'FAILURE', statusLabel: 'Condition failed' });
      const logs = await api.get(`/v1/actions/runs/${failed!.id}/logs`);
      expect(JSON.stringify(logs.body)).toContain('a\ufffdb');
      await expect
        .poll(async () => (await runsOf(api, nulAnswer)).map((run) => run.status))
        .toEqual(['SUCCESS', 'SUCCESS']);
      const [answered] = await runsOf(api, nulAnswer);
      expect((await api.get(`/v1/actions/runs/${answered!.id}`)).body.run.response).toEqual({
        echoed: 'x\ufffdy',
        'k\ufffd': 1,
      });
      // Delivered once each: the answer was recorded, not the attempt retried.
      expect(receiver.received.filter((r) => r.path === `/${answersNul}`)).toHaveLength(2);
      expect((await runsOf(api, steady)).length).toBe(2);
    } finally {
      receiver.respond(undefined);
    }
  });

  it('fires on an event as it was when the event happened, though turned off or on before it is read', async () => {
    const bp = await createBlueprint(api, {});
    const slow = await createBlueprint(api, {});
    const path = uniqueId('toggled');
    // Holds the stream up (a runaway condition, stopped after its time limit) while the rest is written.
    await createAutomation(api, {
      event: { type: 'ENTITY_CREATED', blueprintIdentifier: slow },
      condition: {
        type: 'JQ',
        expressions: ['if .diff.after.identifier == "stall" then (def spin: spin; spin) else true end'],
      },
    });
    const definition = (publish: boolean, on = bp, identifier = toggled, to = path) => ({
      identifier,
      title: identifier,
      trigger: { type: 'automation', event: { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: on } },
      invocationMethod: { ...hook(to), body: { e: '{{ .event.context.entityIdentifier }}' } },
      publish,
    });
    const toggled = uniqueId('toggled');
    expect((await api.post('/v1/actions', definition(true))).status).toBe(201);
    const turn = async (publish: boolean) =>
      expect((await api.put(`/v1/actions/${toggled}`, definition(publish))).status).toBe(200);
    // The only automation on its blueprint: turned off, nothing listens there any more.
    const alone = await createBlueprint(api, {});
    const [aloneId, alonePath] = [uniqueId('alone'), uniqueId('alone')];
    expect((await api.post('/v1/actions', definition(true, alone, aloneId, alonePath))).status).toBe(201);
    expect((await upsert(slow, 'stall', {})).status).toBe(201);
    // Created while the stream is held up: from then on.
    const latePath = uniqueId('late');
    await createAutomation(
      api,
      { event: { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: bp } },
      { invocationMethod: { ...hook(latePath), body: { e: '{{ .event.context.entityIdentifier }}' } } },
    );
    await upsert(bp, 'while-on', {});
    await turn(false);
    await upsert(bp, 'while-off', {});
    await turn(true);
    await upsert(bp, 'on-again', {});
    await upsert(bp, 'before-off', {});
    await turn(false);
    await upsert(alone, 'alone-before-off', {});
    expect(
      (await api.put(`/v1/actions/${aloneId}`, definition(false, alone, aloneId, alonePath))).status,
    ).toBe(200);
    await receiver.waitFor(3, `/${path}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      bodiesAt(path)
        .map((body) => body.e)
        .sort(),
    ).toEqual(['before-off', 'on-again', 'while-on']);
    await receiver.waitFor(1, `/${alonePath}`);
    expect(bodiesAt(alonePath).map((body) => body.e)).toEqual(['alone-before-off']);
    await receiver.waitFor(4, `/${latePath}`);
    expect(
      bodiesAt(latePath)
        .map((body) => body.e)
        .sort(),
    ).toEqual(['before-off', 'on-again', 'while-off', 'while-on']);
  });

  it('does not fire while unpublished', async () => {
    const bp = await createBlueprint(api, {});
    const path = uniqueId('unpublished');
    const off = await createAutomation(
      api,
      { event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } },
      { invocationMethod: hook(path), publish: false },
    );
    const witness = await createAutomation(api, {
      event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp },
    });
    await upsert(bp, 'x', {});
    await expect.poll(async () => (await runsOf(api, witness)).length, { timeout: 10_000 }).toBe(1);
    expect(await runsOf(api, off)).toEqual([]);
    expect(bodiesAt(path)).toEqual([]);
  });

  it('writes entities with UPSERT_ENTITY from the event, as the automation', async () => {
    const bp = await createBlueprint(api, { status: { type: 'string' } });
    const incidents = await createBlueprint(api, { service: { type: 'string' }, was: { type: 'string' } });
    const automation = await createAutomation(
      api,
      {
        event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp },
        condition: {
          type: 'JQ',
          combinator: 'and',
          expressions: ['.diff.after.properties.status == "down"'],
        },
      },
      {
        invocationMethod: {
          type: 'UPSERT_ENTITY',
          blueprintIdentifier: incidents,
          mapping: {
            identifier: '{{ "incident-" + .event.context.entityIdentifier }}',
            title: '{{ .event.diff.after.identifier + " is down" }}',
            properties: {
              service: '{{ .event.context.entityIdentifier }}',
              was: '{{ .event.diff.before.properties.status }}',
            },
          },
        },
      },
    );
    await upsert(bp, 'api', { status: 'up' });
    await upsert(bp, 'api', { status: 'down' });
    await expect.poll(async () => (await runsOf(api, automation)).length, { timeout: 10_000 }).toBe(1);
    const [run] = await runsOf(api, automation);
    await runReaches(api, run!.id, 'SUCCESS');
    const incident = await api.get(`/v1/blueprints/${incidents}/entities/incident-api`);
    expect(incident.status).toBe(200);
    expect(incident.body.entity).toMatchObject({
      title: 'api is down',
      properties: { service: 'api', was: 'up' },
      createdBy: `automation:${automation}`,
    });
  });

  it("fires on an action's runs, and on another automation's runs, never on its own", async () => {
    const action = await createAction(api, {
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}/backend` },
    });
    const created = await createAutomation(api, { event: { type: 'RUN_CREATED', actionIdentifier: action } });
    const anyRun = await createAutomation(api, { event: { type: 'ANY_RUN_CHANGE' } });
    const onAutomation = await createAutomation(api, {
      event: { type: 'RUN_CREATED', actionIdentifier: created },
    });
    const run = await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'x' } });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    const runId = run.body.run.id as string;
    await expect.poll(async () => (await runsOf(api, created)).length, { timeout: 10_000 }).toBe(1);
    const [firing] = await runsOf(api, created);
    const trigger = await api.get(`/v1/actions/runs/${firing!.id}`);
    expect(trigger.status).toBe(200);
    // The automation on the other automation's runs fired once: on the run above.
    await expect.poll(async () => (await runsOf(api, onAutomation)).length, { timeout: 10_000 }).toBe(1);
    // ANY_RUN_CHANGE without an action: the runs of self-service actions only (the one above: created,
    // then delivered), not automations' runs, its own or others'.
    await expect
      .poll(async () => (await runsOf(api, anyRun)).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const fired of await runsOf(api, anyRun)) expect(fired.action.identifier).toBe(anyRun);
    const firedOn = await Promise.all(
      (await runsOf(api, anyRun)).map(async (r) => (await api.get(`/v1/actions/runs/${r.id}/logs`)).body),
    );
    for (const logs of firedOn) expect(JSON.stringify(logs)).toContain(runId);
  });

  it('fires on changes of computed values, marked derived, with the values that changed', async () => {
    const domain = await createBlueprint(api, { tier: { type: 'string' } });
    const service = uniqueId('svcbp');
    const made = await api.post('/v1/blueprints', {
      identifier: service,
      title: service,
      schema: { properties: {}, required: [] },
      relations: { domain: { target: domain, many: false, required: false } },
      mirrorProperties: { domainTier: { path: 'domain.tier' } },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const path = uniqueId('derived');
    await createAutomation(
      api,
      {
        event: { type: 'ENTITY_UPDATED', blueprintIdentifier: service },
        condition: {
          type: 'JQ',
          combinator: 'and',
          expressions: ['.diff.after.properties.domainTier == "gold"'],
        },
      },
      { invocationMethod: hook(path) },
    );
    await upsert(domain, 'payments', { tier: 'silver' });
    await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'ledger',
      relations: { domain: 'payments' },
    });
    await upsert(domain, 'payments', { tier: 'gold' });
    await receiver.waitFor(1, `/${path}`);
    const [fired] = bodiesAt(path);
    expect(fired!.event).toMatchObject({
      derived: true,
      action: 'UPDATE',
      context: { blueprintIdentifier: service, entityIdentifier: 'ledger' },
      diff: {
        before: { properties: { domainTier: 'silver' } },
        after: { properties: { domainTier: 'gold' } },
      },
    });
    expect(fired!.event.id).toMatch(/^event_\d+_0$/);
    // The audit log shows writes, not refreshes.
    const audit = await api.get(`/v1/audit-log?identifier=${service}`);
    expect(audit.body.audits.filter((a: { resourceType: string }) => a.resourceType !== 'blueprint')).toEqual(
      [],
    );
  });

  it('fires, marked derived, for an entity whose relation a deletion emptied', async () => {
    const team = await createBlueprint(api, {});
    const service = uniqueId('svcbp');
    const made = await api.post('/v1/blueprints', {
      identifier: service,
      title: service,
      schema: { properties: {}, required: [] },
      relations: { squad: { target: team, many: false, required: false } },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const path = uniqueId('emptied');
    await createAutomation(
      api,
      { event: { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: service } },
      { invocationMethod: hook(path) },
    );
    await upsert(team, 'falcons', {});
    await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'radar',
      relations: { squad: 'falcons' },
    });
    expect((await api.delete(`/v1/blueprints/${team}/entities/falcons`)).status).toBe(200);
    await receiver.waitFor(2, `/${path}`);
    const emptied = bodiesAt(path).find((b) => b.event.derived === true);
    expect(emptied?.event).toMatchObject({
      action: 'UPDATE',
      context: { entityIdentifier: 'radar' },
      diff: { before: { relations: { squad: 'falcons' } }, after: { relations: { squad: null } } },
    });
  });

  it("calls Port's API in process only on the route its URL names: a value names one thing, and cannot make the address", async () => {
    const bp = await createBlueprint(api, { target: { type: 'string' }, callback: { type: 'string' } });
    const victims = await createBlueprint(api, {});
    expect((await upsert(victims, 'victim', {})).status).toBe(201);
    const own = (url: string) => ({
      invocationMethod: { type: 'WEBHOOK', url, method: 'DELETE', synchronized: true },
    });
    const byIdentifier = await createAutomation(
      api,
      { event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } },
      own(`https://api.getport.io/v1/blueprints/${bp}/entities/{{ .event.context.entityIdentifier }}`),
    );
    const byProperty = await createAutomation(
      api,
      {
        event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp },
        condition: { type: 'JQ', combinator: 'and', expressions: ['.diff.after.properties.target != null'] },
      },
      own(
        `https://api.getport.io/v1/blueprints/${victims}/entities/{{ .event.diff.after.properties.target }}`,
      ),
    );
    const byValue = await createAutomation(
      api,
      {
        event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp },
        condition: {
          type: 'JQ',
          combinator: 'and',
          expressions: ['.diff.after.properties.callback != null'],
        },
      },
      own('{{ .event.diff.after.properties.callback }}'),
    );
    // Identifiers may hold '/', '.' and '\\' (Port's pattern): each is one identifier, never a way to the victim.
    const climbers = [`x/../../../${victims}/entities/victim`, `x\\..\\..\\..\\${victims}\\entities\\victim`];
    for (const climber of climbers) expect((await upsert(bp, climber, {})).status).toBe(201);
    expect((await upsert(bp, 'plain', {})).status).toBe(201);
    // A value cannot add a query to the call, nor be its address.
    expect((await upsert(bp, 'querying', { target: 'victim?delete_dependents=true' })).status).toBe(201);
    const victimUrl = `https://api.getport.io/v1/blueprints/${victims}/entities/victim`;
    expect((await upsert(bp, 'addressing', { callback: victimUrl })).status).toBe(201);

    const ended = async (automation: string, count: number) => {
      await expect.poll(async () => (await runsOf(api, automation)).length, { timeout: 10_000 }).toBe(count);
      return Promise.all(
        (await runsOf(api, automation)).map(async (run) => {
          await expect
            .poll(async () => (await api.get(`/v1/actions/runs/${run.id}`)).body.run.status, {
              timeout: 10_000,
            })
            .not.toBe('IN_PROGRESS');
          return (await api.get(`/v1/actions/runs/${run.id}`)).body.run;
        }),
      );
    };
    // Each entity of bp deleted itself, the climbers too: they are the entities their identifiers name.
    const own5 = await ended(byIdentifier, 5);
    expect(own5.map((run) => run.status)).toEqual(Array(5).fill('SUCCESS'));
    for (const identifier of [...climbers, 'plain', 'querying', 'addressing'])
      expect((await api.get(`/v1/blueprints/${bp}/entities/${encodeURIComponent(identifier)}`)).status).toBe(
        404,
      );
    // "victim?delete_dependents=true" is no entity.
    const [querying] = await ended(byProperty, 1);
    expect(querying.status).toBe('FAILURE');
    const [addressing] = await ended(byValue, 1);
    expect(addressing.status).toBe('FAILURE');
    const log = await api.get(`/v1/actions/runs/${addressing.id}/logs`);
    expect(JSON.stringify(log.body)).toContain(
      'an automation calls it only at an address written in its URL',
    );
    expect((await api.get(`/v1/blueprints/${victims}/entities/victim`)).status).toBe(200);
  });

  it("answers a WEBHOOK to Portico's own address in process, though it is loopback and private ones are refused", async () => {
    const own = await startAutomationsApp(dialect, await automationsDatabaseUrl(dialect), {
      webhooks: { allowPrivate: false, portalUrl: 'http://127.0.0.1:7070' },
    });
    try {
      const bp = await createBlueprint(own, { ttl: { type: 'string', format: 'timer' } });
      const automation = await createAutomation(
        own,
        { event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } },
        {
          invocationMethod: {
            type: 'WEBHOOK',
            url: `http://127.0.0.1:7070/v1/blueprints/${bp}/entities/{{ .event.context.entityIdentifier }}`,
            method: 'DELETE',
            synchronized: true,
          },
        },
      );
      // Written without a template, as a literal address: the same.
      await createAutomation(
        own,
        { event: { type: 'ENTITY_DELETED', blueprintIdentifier: bp } },
        {
          invocationMethod: {
            type: 'WEBHOOK',
            url: `http://127.0.0.1:7070/v1/blueprints/${bp}`,
            method: 'GET',
          },
        },
      );
      // Any other loopback address is refused, an automation's as an action's.
      const refused = await own.post('/v1/actions', {
        identifier: uniqueId('loopback'),
        trigger: { type: 'automation', event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } },
        invocationMethod: { type: 'WEBHOOK', url: 'http://127.0.0.1:7071/hook' },
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect((await own.post(`/v1/blueprints/${bp}/entities`, { identifier: 'dev-env' })).status).toBe(201);
      await expect
        .poll(async () => (await own.get(`/v1/blueprints/${bp}/entities/dev-env`)).status, {
          timeout: 10_000,
        })
        .toBe(404);
      const [run] = await runsOf(own, automation);
      await runReaches(own, run!.id, 'SUCCESS');
    } finally {
      await own.close();
    }
  });

  it('answers 422 naming the field for an automation on what does not exist', async () => {
    const bp = await createBlueprint(api, {
      name: { type: 'string' },
      ttl: { type: 'string', format: 'timer' },
    });
    const refused = async (trigger: Record<string, unknown>, field: string) => {
      const answer = await api.post('/v1/actions', {
        identifier: uniqueId('bad'),
        trigger: { type: 'automation', ...trigger },
        invocationMethod: { type: 'WEBHOOK', url: 'https://backend.example.com/hook' },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      expect(answer.body.message).toContain(field);
    };
    await refused({ event: { type: 'ENTITY_EXPLODED', blueprintIdentifier: bp } }, 'trigger.event.type');
    await refused(
      { event: { type: 'ENTITY_CREATED', blueprintIdentifier: 'nope_nope' } },
      'trigger.event.blueprintIdentifier',
    );
    await refused(
      { event: { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: bp, propertyIdentifier: 'name' } },
      'trigger.event.propertyIdentifier',
    );
    await refused(
      { event: { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: bp, propertyIdentifier: 'gone' } },
      'trigger.event.propertyIdentifier',
    );
    await refused(
      {
        event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp },
        condition: { type: 'JQ', combinator: 'and', expressions: ['.diff |||'] },
      },
      'trigger.condition.expressions.0',
    );
  });
});
