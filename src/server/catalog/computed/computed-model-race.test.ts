import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../../test/databases.js';
import { eventually } from '../../../../test/eventually.js';
import { REFRESH_JOB, type RefreshPayload } from './computed-module.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describeEachDatabase('computed values under a concurrent change of the data model', (dialect) => {
  const namespace = uniqueId('app');
  const blueprint = uniqueId('mr').toLowerCase();
  const identifiers = ['a', 'b', 'c'];
  const sizes = [1, 2, 7];
  /** The refresh to hold: the first backfill of the blueprint once armed, in whichever replica runs it. */
  let hold: { read: ReturnType<typeof deferred>; release: ReturnType<typeof deferred> } | undefined;
  const modelRead = async (payload: Readonly<RefreshPayload>) => {
    const held = hold;
    if (!held || payload.backfill !== blueprint) return;
    hold = undefined;
    held.read.resolve();
    await held.release.promise;
  };
  // Apps sharing the namespace run one another's refresh jobs: on PostgreSQL two replicas, each with its
  // own connections, either of which may be the one held.
  let apps: TestApp[] = [];
  const api = () => apps[0]!;

  const calculation = (factor: number) => ({
    calculationProperties: {
      scaled: { title: 'Scaled', type: 'number', calculation: `.properties.size * ${factor}` },
    },
  });
  const scaled = async () => {
    const values: unknown[] = [];
    for (const identifier of identifiers) {
      const response = await api().get(`/v1/blueprints/${blueprint}/entities/${identifier}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      values.push(response.body.entity.properties.scaled);
    }
    return values;
  };
  const refreshesLeft = async () => {
    const { db } = api().database;
    const row = await db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', `${REFRESH_JOB}@${namespace}`)
      .where('state', 'in', ['available', 'running'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  beforeAll(async () => {
    const replicas = dialect === 'postgres' ? 2 : 1;
    for (let i = 0; i < replicas; i++)
      apps.push(await startTestApp(dialect, { jobNamespace: namespace, computedModelRead: modelRead }));
    const created = await api().post('/v1/blueprints', {
      identifier: blueprint,
      title: blueprint,
      schema: { properties: { size: { type: 'number' } }, required: [] },
      ...calculation(2),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const [i, identifier] of identifiers.entries()) {
      const response = await api().post(`/v1/blueprints/${blueprint}/entities`, {
        identifier,
        properties: { size: sizes[i] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
  });
  afterAll(async () => {
    hold?.release.resolve();
    for (const app of apps) await app.close();
    apps = [];
  });

  it('a refresh that read the definitions before a change never writes values computed by them', async () => {
    expect(await scaled()).toEqual(sizes.map((size) => size * 2));
    const held = { read: deferred(), release: deferred() };
    hold = held;
    // The first change's refresh reads the definitions (× 3) and is held before it computes.
    const first = await api().patch(`/v1/blueprints/${blueprint}`, calculation(3));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await held.read.promise;
    // A second change, and its own refresh, complete meanwhile.
    const second = await api().patch(`/v1/blueprints/${blueprint}`, calculation(5));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    await eventually(scaled, (values) => expect(values).toEqual(sizes.map((size) => size * 5)), 10_000);
    // The held refresh goes on with the definitions it read: it must not write them over the new values.
    held.release.resolve();
    await eventually(refreshesLeft, (left) => expect(left).toBe(0), 10_000);
    expect(await scaled()).toEqual(sizes.map((size) => size * 5));
  });
});
