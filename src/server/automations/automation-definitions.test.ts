import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { createBlueprint } from '../../../test/actions.js';
import { automationsDatabaseUrl, startAutomationsApp } from '../../../test/automations.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';
import { openDatabase } from '../storage/database.js';

// The reader of the change stream judges each event by the automations as they were when it happened.
// Behind the writes, it reads batches that end before later changes of the automations: those changes
// still say what the batch's events met.
describeEachDatabase('automations as they were, read behind', (dialect) => {
  let url: string;
  let receiver: WebhookReceiver;
  // Two events a batch, so that a batch ends between an event and the change of its automation after it.
  const automations = { batchSize: 2 };
  beforeAll(async () => {
    url = await automationsDatabaseUrl(dialect);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  const definition = (identifier: string, blueprint: string) => ({
    identifier,
    title: identifier,
    trigger: { type: 'automation', event: { type: 'ENTITY_CREATED', blueprintIdentifier: blueprint } },
    invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}/${identifier}` },
    publish: true,
  });
  const ok = (answer: { status: number; body: unknown }, status: number) =>
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);

  /** Each automation's runs, by the entity whose creation fired it, once the stream is read to its end. */
  async function runsOf(app: TestApp, identifiers: readonly string[]) {
    await app.services.automations!.drain();
    const rows = await app.database.db
      .selectFrom('action_runs')
      .select(['action_identifier', 'entity'])
      .where('action_identifier', 'in', identifiers)
      .execute();
    return Object.fromEntries(
      identifiers.map((identifier) => [
        identifier,
        rows
          .filter((row) => row.action_identifier === identifier)
          .map((row) => row.entity)
          .sort(),
      ]),
    );
  }

  it('fires on each event as the automation was then, though it changed past the end of the batch', async () => {
    // The reader's place is kept from the start: it reads on from there once started again.
    const setup = await startAutomationsApp(dialect, url, { automations });
    const [x, y, z, w] = [
      await createBlueprint(setup),
      await createBlueprint(setup),
      await createBlueprint(setup),
      await createBlueprint(setup),
    ];
    const [moving, witness, wandering, doomed] = ['moving', 'witness', 'wandering', 'doomed'].map((name) =>
      uniqueId(name),
    ) as [string, string, string, string];
    ok(await setup.post('/v1/actions', definition(moving, x)), 201);
    // Listens to y throughout: y's events are read whatever `moving` listens to now.
    ok(await setup.post('/v1/actions', definition(witness, y)), 201);
    // The only automation on z, then on w: only what it listened to when they happened says to read z's.
    ok(await setup.post('/v1/actions', definition(wandering, z)), 201);
    ok(await setup.post('/v1/actions', definition(doomed, x)), 201);
    await setup.services.automations!.drain();
    await setup.close();

    // Written while no reader reads.
    const writer = await startTestApp(dialect, { database: openDatabase(url) });
    const create = async (blueprint: string, identifier: string) =>
      ok(await writer.post(`/v1/blueprints/${blueprint}/entities`, { identifier }), 201);
    const move = async (automation: string, to: string) =>
      ok(await writer.put(`/v1/actions/${automation}`, definition(automation, to)), 200);
    await create(x, 'x1');
    await create(z, 'z1');
    await move(moving, y);
    // A batch of its own, [y1, y2], with the next change of `moving` past its end.
    await create(y, 'y1');
    await create(y, 'y2');
    await move(moving, x);
    await create(x, 'x2');
    await create(y, 'y3');
    await move(wandering, w);
    // Deleted, it fires no more, not even on what happened before (docs/automations.md).
    ok(await writer.delete(`/v1/actions/${doomed}`), 200);
    await writer.close();

    const reader = await startAutomationsApp(dialect, url, { automations });
    try {
      await expect
        .poll(() => runsOf(reader, [moving, witness, wandering, doomed]), { timeout: 10_000 })
        .toEqual({
          [moving]: ['x1', 'x2', 'y1', 'y2'],
          [witness]: ['y1', 'y2', 'y3'],
          [wandering]: ['z1'],
          [doomed]: [],
        });
    } finally {
      await reader.close();
    }
  });
});
