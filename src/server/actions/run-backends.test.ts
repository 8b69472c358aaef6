import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction, createBlueprint, runReaches } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { openEventStream } from '../../../test/event-stream.js';
import { createPerson } from '../../../test/people.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

describeEachDatabase('run backends, forms and live runs', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  let base: string;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    receiver = await startWebhookReceiver();
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const address = api.app.server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  it('UPSERT_ENTITY creates an entity with a timer from jq, and a DAY-2 action moves it, as the runner', async () => {
    const blueprint = await createBlueprint(api, {
      ttl: { type: 'string', format: 'timer' },
      owner: { type: 'string' },
    });
    const create = await createAction(api, {
      trigger: {
        blueprintIdentifier: blueprint,
        userInputs: { properties: { name: { type: 'string' } }, required: ['name'] },
      },
      invocationMethod: {
        type: 'UPSERT_ENTITY',
        blueprintIdentifier: blueprint,
        mapping: {
          identifier: '{{ .inputs.name }}',
          title: 'Env {{ .inputs.name }}',
          properties: { ttl: '{{ (now + 5 * 86400) | todate }}', owner: '{{ .trigger.by.user.email }}' },
        },
      },
    });
    const extend = await createAction(api, {
      trigger: {
        operation: 'DAY-2',
        blueprintIdentifier: blueprint,
        userInputs: { properties: {}, required: [] },
      },
      invocationMethod: {
        type: 'UPSERT_ENTITY',
        blueprintIdentifier: blueprint,
        mapping: {
          identifier: '{{ .entity.identifier }}',
          properties: { ttl: '{{ .entity.properties.ttl | fromdate + 3 * 86400 | todate }}' },
        },
      },
    });
    const before = Date.now();
    const started = await api.post(`/v1/actions/${create}/runs`, { properties: { name: 'dev-1' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await runReaches(api, started.body.run.id, 'SUCCESS');
    const entity = (await api.get(`/v1/blueprints/${blueprint}/entities/dev-1`)).body.entity;
    expect(entity.title).toBe('Env dev-1');
    const ttl = Date.parse(entity.properties.ttl);
    expect(Math.abs(ttl - (before + 5 * 86_400_000))).toBeLessThan(60_000);
    const changed = (await api.get(`/v1/actions/runs/${started.body.run.id}/entities`)).body.entities;
    expect(changed).toEqual([{ blueprint, identifier: 'dev-1', action: 'CREATE', at: expect.any(String) }]);

    const moved = await api.post(`/v1/actions/${extend}/runs`, { properties: {}, entity: 'dev-1' });
    await runReaches(api, moved.body.run.id, 'SUCCESS');
    const after = (await api.get(`/v1/blueprints/${blueprint}/entities/dev-1`)).body.entity;
    expect(Date.parse(after.properties.ttl) - ttl).toBe(3 * 86_400_000);
    expect(after.properties.owner).toBe(entity.properties.owner);
  });

  it('ends an UPSERT_ENTITY run FAILURE with the reason when its runner may not write', async () => {
    const blueprint = await createBlueprint(api);
    const member = await createPerson(api);
    const action = await createAction(api, {
      invocationMethod: {
        type: 'UPSERT_ENTITY',
        blueprintIdentifier: blueprint,
        mapping: { identifier: '{{ .inputs.name }}' },
      },
    });
    const started = await api.request(
      'POST',
      `/v1/actions/${action}/runs`,
      { properties: { name: 'x' } },
      member.headers,
    );
    expect(started.status).toBe(202);
    const failed = await runReaches(api, started.body.run.id, 'FAILURE');
    expect(failed.statusLabel).toBe('Entity not written');
    const logs = (await api.get(`/v1/actions/runs/${started.body.run.id}/logs`)).body.runLogs;
    expect(logs.at(-1).message).toMatch(/^Run failed: .*register/);
    expect((await api.get(`/v1/blueprints/${blueprint}/entities/x`)).status).toBe(404);
  });

  it('ends an UPSERT_ENTITY run FAILURE when its mapping renders text no database stores, writing nothing', async () => {
    const blueprint = await createBlueprint(api, { note: { type: 'string' } });
    const action = await createAction(api, {
      invocationMethod: {
        type: 'UPSERT_ENTITY',
        blueprintIdentifier: blueprint,
        // jq makes a NUL that the API's body parser would refuse: SQLite stored it, PostgreSQL failed.
        mapping: { identifier: '{{ .inputs.name }}', properties: { note: '{{ [97, 0, 98] | implode }}' } },
      },
    });
    const started = await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'nul' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const failed = await runReaches(api, started.body.run.id, 'FAILURE');
    expect(failed.statusLabel).toBe('Entity not written');
    const logs = (await api.get(`/v1/actions/runs/${started.body.run.id}/logs`)).body.runLogs;
    expect(logs.at(-1).message).toMatch(/^Run failed: invocationMethod\.mapping\.properties\.note .*NUL/);
    expect((await api.get(`/v1/blueprints/${blueprint}/entities/nul`)).status).toBe(404);
  });

  it('lists the entities a backend writes with run_id on the run, and refuses an unknown run before writing', async () => {
    const blueprint = await createBlueprint(api);
    const action = await createAction(api, {});
    const run = (await api.post(`/v1/actions/${action}/runs`, { properties: {} })).body.run;
    const one = await api.post(`/v1/blueprints/${blueprint}/entities?upsert=true&run_id=${run.id}`, {
      identifier: 'made',
    });
    expect(one.status).toBe(201);
    const bulk = await api.post(`/v1/blueprints/${blueprint}/entities/bulk?upsert=true&run_id=${run.id}`, {
      entities: [{ identifier: 'made' }, { identifier: 'also' }],
    });
    expect(bulk.status).toBe(200);
    const listed = (await api.get(`/v1/actions/runs/${run.id}/entities`)).body.entities;
    expect(
      listed.map((e: { identifier: string; action: string }) => `${e.identifier}:${e.action}`).sort(),
    ).toEqual(['also:CREATE', 'made:CREATE']);
    const unknown = await api.post(`/v1/blueprints/${blueprint}/entities?run_id=r_unknown`, {
      identifier: 'ghost',
    });
    expect(unknown.status).toBe(404);
    expect((await api.get(`/v1/blueprints/${blueprint}/entities/ghost`)).status).toBe(404);
  });

  it('answers the form: defaults filled and jqQuery keys resolved against what was typed', async () => {
    const action = await createAction(api, {
      trigger: {
        userInputs: {
          properties: {
            language: { type: 'string', enum: ['go', 'python'], default: 'go' },
            version: {
              type: 'string',
              dependsOn: ['language'],
              enum: { jqQuery: 'if .form.language == "go" then ["1.22", "1.23"] else ["3.12"] end' },
              default: { jqQuery: 'if .form.language == "go" then "1.23" else "3.12" end' },
            },
            notes: { type: 'string', visible: { jqQuery: '.form.language == "python"' } },
            owner: { type: 'string', format: 'user', default: { jqQuery: '.user.email' } },
          },
          required: { jqQuery: 'if .form.language == "go" then ["version"] else [] end' },
        },
      },
    });
    const goForm = await api.post(`/v1/actions/${action}/form`, { properties: {} });
    expect(goForm.status, JSON.stringify(goForm.body)).toBe(200);
    expect(goForm.body.form.properties).toEqual({
      language: 'go',
      version: '1.23',
      owner: expect.any(String),
    });
    expect(goForm.body.form.inputs.version).toMatchObject({ enum: ['1.22', '1.23'], required: true });
    expect(goForm.body.form.inputs.notes.visible).toBe(false);
    const py = await api.post(`/v1/actions/${action}/form`, { properties: { language: 'python' } });
    expect(py.body.form.inputs.version).toMatchObject({ enum: ['3.12'], required: false });
    expect(py.body.form.inputs.notes.visible).toBe(true);
    const wrong = await api.post(`/v1/actions/${action}/runs`, {
      properties: { language: 'python', version: '1.22' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details.field).toBe('properties.version');
  });

  it('answers which steps and titles show, with the inputs, and a hidden step asks for none of its inputs', async () => {
    const action = await createAction(api, {
      trigger: {
        userInputs: {
          properties: {
            kind: { type: 'string', enum: ['app', 'db', 'boom'], default: 'app' },
            name: { type: 'string' },
            engine: { type: 'string', enum: ['postgres', 'mysql'] },
          },
          required: ['name', 'engine'],
          steps: [
            { title: 'Basics', order: ['kind', 'appHead', 'name'] },
            {
              title: 'Database',
              order: ['dbHead', 'engine'],
              visible: {
                jqQuery: 'if .form.kind == "boom" then error("no such kind") else .form.kind == "db" end',
              },
            },
          ],
          titles: {
            appHead: { title: 'The app', visible: { jqQuery: '.form.kind == "app"' } },
            dbHead: { title: 'The database', description: 'Where it keeps its data' },
          },
        },
      },
    });
    const app = await api.post(`/v1/actions/${action}/form`, { properties: {} });
    expect(app.status, JSON.stringify(app.body)).toBe(200);
    expect(app.body.form.steps).toEqual([{ visible: true }, { visible: false }]);
    expect(app.body.form.titles).toEqual({ appHead: { visible: true }, dbHead: { visible: false } });
    expect(app.body.form.inputs.engine).toMatchObject({ visible: false, required: true });
    // A required input of a hidden step is not asked for, as a hidden input is not.
    expect((await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'x' } })).status).toBe(202);

    const db = await api.post(`/v1/actions/${action}/form`, { properties: { kind: 'db' } });
    expect(db.body.form.steps).toEqual([{ visible: true }, { visible: true }]);
    expect(db.body.form.titles).toEqual({ appHead: { visible: false }, dbHead: { visible: true } });
    expect(db.body.form.inputs.engine.visible).toBe(true);
    const missing = await api.post(`/v1/actions/${action}/runs`, { properties: { kind: 'db', name: 'x' } });
    expect(missing.status).toBe(422);
    expect(missing.body.details.field).toBe('properties.engine');

    // A step's failing jqQuery names the step.
    const boom = await api.post(`/v1/actions/${action}/form`, { properties: { kind: 'boom' } });
    expect(boom.status).toBe(422);
    expect(boom.body.details.field).toBe('steps.1.visible');
    expect(boom.body.message).toContain('no such kind');
  });

  it('asks an API client for a required boolean: false is a value, leaving it out is not', async () => {
    const action = await createAction(api, {
      trigger: {
        userInputs: { properties: { confirm: { type: 'boolean' } }, required: ['confirm'] },
      },
    });
    const omitted = await api.post(`/v1/actions/${action}/runs`, { properties: {} });
    expect(omitted.status).toBe(422);
    expect(omitted.body.details.field).toBe('properties.confirm');
    const no = await api.post(`/v1/actions/${action}/runs`, { properties: { confirm: false } });
    expect(no.status, JSON.stringify(no.body)).toBe(202);
    expect(no.body.run.properties).toEqual({ confirm: false });
  });

  it('refuses jq that runs away when the action is written, and stops it when only some inputs make it run away', async () => {
    const endless = await api.post('/v1/actions', {
      identifier: uniqueId('endless'),
      trigger: {
        type: 'self-service',
        operation: 'CREATE',
        userInputs: { properties: { x: { type: 'string', default: { jqQuery: 'def f: f; f' } } } },
      },
      invocationMethod: { type: 'WEBHOOK', url: 'https://backend.example.com' },
    });
    expect(endless.status).toBe(422);
    expect(endless.body.details.field).toBe('trigger.userInputs.properties.x.default');
    const action = await createAction(api, {
      trigger: {
        userInputs: {
          properties: {
            y: { type: 'string' },
            x: {
              type: 'number',
              default: { jqQuery: 'if .form.y == "boom" then last(range(1e10)) else 1 end' },
            },
          },
          required: [],
        },
      },
    });
    const [runaway, health] = await Promise.all([
      api.post(`/v1/actions/${action}/runs`, { properties: { y: 'boom' } }),
      api.get('/healthz'),
    ]);
    expect(health.status).toBe(200);
    expect(runaway.status).toBe(422);
    expect(runaway.body.message).toContain('properties.x');
    expect((await api.post(`/v1/actions/${action}/runs`, { properties: { y: 'calm' } })).status).toBe(202);
  });

  it('streams a run live: its state, its log lines in order, and its end', async () => {
    const path = `/${uniqueId('live')}`;
    const action = await createAction(api, {
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}${path}` },
    });
    const run = (await api.post(`/v1/actions/${action}/runs`, { properties: {} })).body.run;
    const stream = await openEventStream(`${base}/v1/actions/runs/${run.id}/stream`, {
      authorization: `Bearer ${api.token}`,
    });
    try {
      await stream.next((e) => e.event === 'run');
      for (const message of ['one', 'two', 'three'])
        await api.post(`/v1/actions/runs/${run.id}/logs`, { message });
      await stream.next((e) => e.event === 'log' && JSON.parse(e.data).message === 'three');
      await api.post(`/v1/actions/runs/${run.id}/logs`, { message: 'bye', terminationStatus: 'SUCCESS' });
      await stream.next((e) => e.event === 'end');
      const messages = stream.events
        .filter((e) => e.event === 'log')
        .map((e) => JSON.parse(e.data).message)
        .filter((m: string) => !m.startsWith('Delivered'));
      expect(messages).toEqual(['one', 'two', 'three', 'bye']);
      const last = stream.events.filter((e) => e.event === 'run').at(-1)!;
      expect(JSON.parse(last.data).status).toBe('SUCCESS');
    } finally {
      stream.close();
    }
    const hidden = await fetch(`${base}/v1/actions/runs/${run.id}/stream`);
    expect(hidden.status).toBe(401);
  });

  it('refuses webhooks to private addresses unless allowed: written as one, at once; rendered to one, ending the run', async () => {
    const strict = await startTestApp(dialect, { webhooks: { allowPrivate: false } });
    try {
      for (const url of [
        `${receiver.url}/private`,
        'http://localhost:9/x',
        'http://[::1]:9/x',
        'http://[::127.0.0.1]:9/x',
        'http://169.254.169.254/latest',
      ]) {
        const refused = await strict.post('/v1/actions', {
          identifier: uniqueId('private'),
          title: 'Private',
          trigger: { type: 'self-service', operation: 'CREATE', userInputs: { properties: {} } },
          invocationMethod: { type: 'WEBHOOK', url },
        });
        expect(refused.status, url).toBe(422);
        expect(refused.body.details, url).toEqual({ field: 'invocationMethod.url' });
        expect(refused.body.message, url).toContain('PORTICO_WEBHOOK_ALLOW_PRIVATE');
      }
      const notifying = await strict.post('/v1/actions', {
        identifier: uniqueId('private'),
        title: 'Private',
        trigger: { type: 'self-service', operation: 'CREATE', userInputs: { properties: {} } },
        invocationMethod: { type: 'WEBHOOK', url: 'https://deploy.example.com/hook' },
        requiredApproval: true,
        approvalNotification: { type: 'webhook', url: 'http://10.0.0.1/notify' },
      });
      expect(notifying.status).toBe(422);
      expect(notifying.body.details).toEqual({ field: 'approvalNotification.url' });
      // Known only once rendered: refused when the run calls it.
      for (const url of [`{{ "${receiver.url}/private" }}`, '{{ "http://169.254.169.254/latest" }}']) {
        const action = await createAction(strict, { invocationMethod: { type: 'WEBHOOK', url } });
        const run = (await strict.post(`/v1/actions/${action}/runs`, { properties: {} })).body.run;
        await runReaches(strict, run.id, 'FAILURE');
        const logs = (await strict.get(`/v1/actions/runs/${run.id}/logs`)).body.runLogs;
        expect(logs.at(-1).message).toContain('PORTICO_WEBHOOK_ALLOW_PRIVATE');
      }
      expect(receiver.received.filter((r) => r.path === '/private')).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
