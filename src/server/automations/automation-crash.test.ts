import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBlueprint } from '../../../test/actions.js';
import { serverClient, type ServerClient } from '../../../test/action-runs.js';
import {
  deliveriesByEvent,
  entityEventsOf,
  runsPerEvent,
  STREAM_LEASE,
  webhookTo,
} from '../../../test/automation-firings.js';
import { createAutomation } from '../../../test/automations.js';
import { createEmptyDatabaseUrl, describeEachDatabase, uniqueId } from '../../../test/databases.js';
import {
  startServerProcess,
  type AdminCredential,
  type ServerProcess,
} from '../../../test/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';
import { openDatabase, type Database } from '../storage/database.js';

const ENV = {
  PORTICO_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8',
  // A delivery under way in a process that died is taken over 11-12 s after it began.
  PORTICO_WEBHOOK_TIMEOUT_MS: '1000',
  PORTICO_JOBS_LEASE_GRACE_MS: '500',
  PORTICO_JOBS_UPKEEP_MS: '500',
};

// An event committed, then `kill -9` before its automation's webhook is delivered: after a restart on the
// same database the webhook arrives, carrying the committed event's id. SQLite with one process.
describeEachDatabase('automations across a SIGKILL', (dialect) => {
  let url: string;
  let database: Database;
  let receiver: WebhookReceiver;
  const admin: AdminCredential = { clientId: uniqueId('admin'), clientSecret: uniqueId('secret') };
  let server: ServerProcess | undefined;
  let client: ServerClient;
  /** Requests to these paths are held open, never answered, the first time. */
  const holdFirst = new Set<string>();

  async function start() {
    server = await startServerProcess({ databaseUrl: url, admin, env: ENV });
    client = await serverClient(server);
  }
  beforeAll(async () => {
    url = await createEmptyDatabaseUrl(dialect);
    receiver = await startWebhookReceiver((request) => {
      if (holdFirst.delete(request.path)) return; // left open: the delivery is under way
      return { status: 200, body: { ok: true } };
    });
    await start();
    database = openDatabase(url);
  });
  afterAll(async () => {
    await server?.kill();
    await receiver?.close();
    await database?.close();
  });

  /** A blueprint and an automation on its entities' creation, posting Port's trigger data to its path. */
  async function automationOnCreate() {
    const bp = await createBlueprint(client, { n: { type: 'number' } });
    const path = `/${uniqueId('created')}`;
    const automation = await createAutomation(
      client,
      { event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } },
      { invocationMethod: webhookTo(`${receiver.url}${path}`) },
    );
    return { bp, path, automation };
  }
  async function createEntity(bp: string, identifier: string) {
    const created = await client.post(`/v1/blueprints/${bp}/entities`, { identifier, properties: { n: 1 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [event] = (await entityEventsOf(database, bp)).filter((e) => e.entity === identifier);
    return event!.id;
  }

  it('delivers after a restart the webhook that was under way when the process was killed', async () => {
    const { bp, path, automation } = await automationOnCreate();
    holdFirst.add(path);
    const event = await createEntity(bp, 'held');
    // The run is written and its delivery has begun: the backend holds the request, unanswered.
    const [first] = await receiver.waitFor(1, path);
    expect(first!.body).toMatchObject({ event: { id: event } });
    await server!.kill('SIGKILL');

    await start();
    await receiver.waitFor(2, path);
    const delivered = deliveriesByEvent(receiver.received, path);
    expect([...delivered.keys()]).toEqual([event]);
    // The same run delivered again (at least once), never a second run of the event.
    expect(new Set(delivered.get(event))).toEqual(new Set([(first!.body as { run: { id: string } }).run.id]));
    expect(await runsPerEvent(database, automation)).toEqual(new Map([[event, 1]]));
  }, 60_000);

  it('fires after a restart on an event the process committed but never read from the stream', async () => {
    const { bp, path, automation } = await automationOnCreate();
    // Another process holds the stream (as one would that reads it now, or had gone silent): this one
    // commits the write and dies without reading the event.
    await server!.stop();
    await database.db
      .insertInto('job_leaders')
      .values({ name: STREAM_LEASE, holder: 'elsewhere:1:gone', expires_at: Date.now() + 600_000 })
      .execute();
    await start();
    const event = await createEntity(bp, 'unread');
    await server!.kill('SIGKILL');
    const cursor = await database.db
      .selectFrom('event_cursors')
      .select('position')
      .where('consumer', '=', 'automations')
      .executeTakeFirstOrThrow();
    expect(Number(cursor.position)).toBeLessThan(Number(event.slice('event_'.length)));
    expect(await runsPerEvent(database, automation)).toEqual(new Map());

    // The other process is gone: its lease lapses, and the restarted one reads on from the stored cursor.
    await database.db.deleteFrom('job_leaders').where('name', '=', STREAM_LEASE).execute();
    await start();
    await receiver.waitFor(1, path);
    expect([...deliveriesByEvent(receiver.received, path).keys()]).toEqual([event]);
    expect(await runsPerEvent(database, automation)).toEqual(new Map([[event, 1]]));
  }, 60_000);
});
