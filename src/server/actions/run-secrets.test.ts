import { createDecipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction, runReaches } from '../../../test/actions.js';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { createEmptyDatabaseUrl, describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { createPerson } from '../../../test/people.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

const KEY = 'a-signing-key-for-secret-tests-at-least-32-bytes-long';

/** How a backend reads an `aes256-gcm` input, as Port's docs tell it to. */
function decryptInput(value: string, key: string): string {
  const data = Buffer.from(value, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    Buffer.from(key, 'utf8').subarray(0, 32),
    data.subarray(0, 16),
  );
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(16, data.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}

/**
 * A secret used by a run reaches its backend, and nothing else: no response, log line (at the most
 * verbose level), audit row, run row or log row holds it, nor an encrypted input's value.
 */
describeEachDatabase('secrets in action runs', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  const logLines: string[] = [];

  beforeAll(async () => {
    // A database of its own: secrets stored by other tests (values such as "v") would be masked here too.
    const database = openDatabase(await createEmptyDatabaseUrl(dialect));
    await migrate(database);
    api = await startTestApp(dialect, {
      database,
      webhooks: { secret: KEY },
      logger: { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } },
    });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  it('reach the backend and appear nowhere else', async () => {
    const secret = `SeCrEt-${randomBytes(12).toString('hex')}`;
    const typed = `TyPeD-${randomBytes(12).toString('hex')}`;
    const name = uniqueId('token').replace(/_/g, '-');
    const responses: TestResponse[] = [];
    const call = async (sent: Promise<TestResponse>) => {
      const response = await sent;
      responses.push(response);
      return response;
    };
    expect(
      (await call(api.post('/v1/organization/secrets', { secretName: name, secretValue: secret }))).status,
    ).toBe(201);
    const path = `/${uniqueId('secret')}`;
    receiver.respond((request) =>
      request.path === path ? { status: 200, body: { echoed: request.headers.authorization } } : undefined,
    );
    const action = await createAction(api, {
      trigger: {
        userInputs: {
          properties: { password: { type: 'string', encryption: 'aes256-gcm' }, name: { type: 'string' } },
          required: ['password'],
        },
      },
      invocationMethod: {
        type: 'WEBHOOK',
        url: `${receiver.url}${path}`,
        synchronized: true,
        headers: { Authorization: `Bearer {{ .secrets["${name}"] }}` },
        body: {
          token: `{{ .secrets["${name}"] }}`,
          lower: `{{ .secrets["${name}"] | ascii_downcase }}`,
          password: '{{ .inputs.password }}',
        },
      },
    });
    const failing = await createAction(api, {
      invocationMethod: {
        type: 'WEBHOOK',
        url: `${receiver.url}${path}-never`,
        body: { x: `{{ .secrets["${name}"] | error }}` },
      },
    });
    // Templates that fail on a value derived from a secret: their errors would quote it, unmasked.
    const derivedInvocation = (body: object, agent = false) => ({
      type: 'WEBHOOK',
      url: `${receiver.url}${path}-never`,
      ...(agent ? { agent: true } : {}),
      body,
    });
    const derivedInputs = { userInputs: { properties: { n: { type: 'number' } } } };
    const lowered = `(.secrets["${name}"] | ascii_downcase)`;
    const added = { a: `{{ ${lowered} + .inputs.n }}` };
    const derived = await Promise.all([
      createAction(api, { trigger: derivedInputs, invocationMethod: derivedInvocation(added) }),
      // Fails only on the real value: rendered with the masks it succeeds.
      createAction(api, {
        trigger: derivedInputs,
        invocationMethod: derivedInvocation({
          a: `{{ ${lowered} as $s | if $s == "****" then 1 else error($s) end }}`,
        }),
      }),
      createAction(api, { trigger: derivedInputs, invocationMethod: derivedInvocation(added, true) }),
    ]);

    const started = await call(
      api.post(`/v1/actions/${action}/runs`, { properties: { password: typed, name: 'n' } }),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.run.id;
    await runReaches(api, runId, 'SUCCESS');
    const [delivery] = await receiver.waitFor(1, path);
    expect(delivery!.headers.authorization).toBe(`Bearer ${secret}`);
    const body = delivery!.body as { token: string; lower: string; password: string };
    expect(body.token).toBe(secret);
    expect(body.lower).toBe(secret.toLowerCase());
    expect(decryptInput(body.password, KEY)).toBe(typed);

    const broken = (await call(api.post(`/v1/actions/${failing}/runs`, { properties: {} }))).body.run.id;
    await runReaches(api, broken, 'FAILURE');
    const derivedRuns: string[] = [];
    for (const identifier of derived)
      derivedRuns.push(
        (await call(api.post(`/v1/actions/${identifier}/runs`, { properties: { n: 1 } }))).body.run.id,
      );
    const claimed = await call(
      api.post('/v1/actions/runs/claim-pending', { installationId: 'secrets', actions: [derived[2]] }),
    );
    expect(claimed.body.runs).toEqual([]);
    for (const id of derivedRuns) await runReaches(api, id, 'FAILURE');
    const told = async (id: string) =>
      (await call(api.get(`/v1/actions/runs/${id}/logs`))).body.runLogs.map(
        (l: { message: string }) => l.message,
      );
    expect((await told(derivedRuns[0]!)).join('\n')).toContain(
      'string ("****") and number (1) cannot be added',
    );
    expect((await told(derivedRuns[1]!)).join('\n')).toContain('a value derived from a secret');
    expect((await told(derivedRuns[2]!)).join('\n')).toContain(
      'string ("****") and number (1) cannot be added',
    );

    for (const url of [
      `/v1/actions/runs/${runId}`,
      `/v1/actions/runs/${runId}/logs`,
      `/v1/actions/runs/${broken}/logs`,
      `/v1/actions/runs/${broken}`,
      `/v1/actions/runs?action=${action}`,
      '/v1/audit-log?resources=run',
    ])
      expect((await call(api.get(url))).status).toBe(200);
    const run = responses.find((r) => r.body?.run?.id === runId && r.body.run.payload)!.body.run;
    expect(run.properties.password).toBe('********');
    expect(run.payload.headers.Authorization).toBe('Bearer ****');
    expect(run.response).toEqual({ echoed: 'Bearer ****' });

    const rows = [
      ...(await api.database.db
        .selectFrom('action_runs')
        .selectAll()
        .where('id', 'in', [runId, broken, ...derivedRuns])
        .execute()),
      ...(await api.database.db
        .selectFrom('action_run_logs')
        .selectAll()
        .where('run_id', 'in', [runId, broken, ...derivedRuns])
        .execute()),
      ...(await api.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('identifier', 'in', [runId, broken, name, ...derivedRuns])
        .execute()),
      ...(await api.database.db.selectFrom('jobs').selectAll().execute()),
      ...(await api.database.db.selectFrom('job_attempts').selectAll().execute()),
    ];
    const said = [
      ...responses.map((r) => JSON.stringify(r.body) + JSON.stringify(r.headers)),
      ...logLines,
      ...rows.map((row) => JSON.stringify(row)),
    ].join('\n');
    // A moderator's action cannot read secrets: its template sees none.
    const modBlueprint = uniqueId('modbp');
    await api.post('/v1/blueprints', { identifier: modBlueprint, title: 'm', schema: { properties: {} } });
    const moderator = await createPerson(api, { roles: [`${modBlueprint}-moderator`] });
    const exfil = uniqueId('exfil');
    const written = await api.request(
      'POST',
      '/v1/actions',
      {
        identifier: exfil,
        trigger: {
          type: 'self-service',
          operation: 'CREATE',
          blueprintIdentifier: modBlueprint,
          userInputs: { properties: {} },
        },
        invocationMethod: {
          type: 'WEBHOOK',
          url: `${receiver.url}${path}-exfil`,
          body: { s: `{{ .secrets["${name}"] }}`, all: '{{ .secrets | keys }}' },
        },
      },
      moderator.headers,
    );
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    const stolen = await call(
      api.request('POST', `/v1/actions/${exfil}/runs`, { properties: {} }, moderator.headers),
    );
    const [exfiltrated] = await receiver.waitFor(1, `${path}-exfil`);
    expect(exfiltrated!.body).toEqual({ s: null, all: [] });
    responses.push(await api.get(`/v1/actions/runs/${stolen.body.run.id}`));

    for (const value of [secret, typed, secret.toLowerCase()]) {
      const leaks = said.split('\n').filter((line) => line.includes(value.slice(7)));
      expect(leaks.map((line) => line.slice(0, 300))).toEqual([]);
    }
  });
});
