import { expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { systemActor } from '../identity/actor.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { claimOnce } from '../storage/settings.repo.js';
import { createEmptyDatabaseUrl, describeEachDatabase } from '../../../test/databases.js';
import { loadDemoCatalog } from './demo-catalog.js';

/** One "replica": its own connection pool and app on the shared database, started like main.ts does. */
async function startReplica(url: string) {
  const database = openDatabase(url);
  await migrate(database);
  const { app, services } = await buildApp({ database, bodyLimit: 1 << 20, tokenTtlSeconds: 60 });
  const generated = await services.credentials.ensureAdminCredential();
  const loaded = await loadDemoCatalog(services, (key) => claimOnce(database.db, key), systemActor('demo'));
  return { app, services, database, generated, loaded };
}

describeEachDatabase('first start', (dialect) => {
  it('replicas starting on an empty database generate one admin credential and load the demo once', async () => {
    const url = await createEmptyDatabaseUrl(dialect);
    // PostgreSQL replicas start together; SQLite is one process's file, so its "restarts" come one by one.
    const replicas =
      dialect === 'postgres'
        ? await Promise.all([startReplica(url), startReplica(url), startReplica(url)])
        : [await startReplica(url), await startReplica(url), await startReplica(url)];
    try {
      expect(replicas.filter((r) => r.generated)).toHaveLength(1);
      expect(replicas.filter((r) => r.loaded)).toHaveLength(1);
      const { services } = replicas[0]!;
      const actor = systemActor();
      const blueprints = (await services.blueprints.list(actor)).map((b) => b.identifier).sort();
      expect(blueprints).toEqual([
        '_team',
        '_user',
        'action_run',
        'api',
        'domain',
        'environment',
        'incident',
        'library',
        'notification',
        'resource',
        'service',
        'system',
        'team',
      ]);
      const actions = (await services.actions.listStored()).keys();
      expect([...actions].sort()).toEqual([
        'add_environment_variable',
        'delete_expired_environment',
        'deploy_service',
        'extend_environment_ttl',
        'lock_deployments',
        'notify_environment_owner',
        'open_incident_on_failing_service',
        'record_action_runs',
        'scaffold_service',
        'spin_up_environment',
        'unlock_deployments',
      ]);
      const cart = await services.entities.getEntity(actor, 'service', 'cart-service');
      expect(cart.relations).toMatchObject({
        system: 'cart-system',
        providesApis: ['cart-api'],
        resources: ['cart-db'],
        libraries: ['core-kafka-library', 'core-payment-library'],
        owner: 'checkout-team',
      });
      expect((await services.entities.getEntity(actor, 'system', 'cart-system')).relations.domain).toBe(
        'order-domain',
      );
      expect((await services.entities.getEntity(actor, 'service', 'products-service')).title).toBe(
        'Products Service',
      );
      // The demo's scorecard is evaluated by whichever replica reads the stream.
      const level = async (identifier: string) =>
        (await services.entities.getEntity(actor, 'service', identifier)).scorecards?.['production-readiness']
          ?.level;
      await expect.poll(() => level('cart-service'), { timeout: 15_000 }).toBe('Gold');
      await expect.poll(() => level('products-service'), { timeout: 15_000 }).toBe('Bronze');
      expect((await services.initiatives.progress(actor, 'production-ready-q1')).percent).toBe(50);
      const secret = replicas.find((r) => r.generated)!.generated!;
      for (const replica of replicas)
        expect(
          (await replica.services.credentials.issueToken(secret.clientId, secret.clientSecret)).tokenType,
        ).toBe('Bearer');
      expect(await loadDemoCatalog(services, (key) => claimOnce(replicas[0]!.database.db, key), actor)).toBe(
        false,
      );
    } finally {
      for (const replica of replicas) {
        await replica.app.close();
        await replica.database.close();
      }
    }
  });
});

describeEachDatabase('replicas share identity', (dialect) => {
  it('a session, a token and failed sign-ins started on one replica count on the other', async () => {
    const url = await createEmptyDatabaseUrl(dialect);
    const [one, two] = [await startReplica(url), await startReplica(url)];
    try {
      const email = 'admin@replicas.test';
      await one.services.sessions.ensureFirstAdmin(email, 'the first admin password');
      const login = (app: typeof one.app, password: string) =>
        app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
      const signedIn = await login(one.app, 'the first admin password');
      const cookie = signedIn.cookies.find((c) => c.name === 'portico_session')!.value;
      const csrf = signedIn.json().csrfToken as string;
      const asBrowser = (app: typeof one.app, method: 'GET' | 'POST', url: string) =>
        app.inject({ method, url, headers: { cookie: `portico_session=${cookie}`, 'x-csrf-token': csrf } });
      expect((await asBrowser(two.app, 'GET', '/v1/blueprints')).statusCode).toBe(200);
      expect((await asBrowser(two.app, 'POST', '/auth/logout')).statusCode).toBe(200);
      expect((await asBrowser(one.app, 'GET', '/v1/blueprints')).statusCode).toBe(401);

      const secret = one.generated!;
      const token = (await one.services.credentials.issueToken(secret.clientId, secret.clientSecret))
        .accessToken;
      const withToken = await two.app.inject({
        method: 'GET',
        url: '/v1/users',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(withToken.statusCode).toBe(200);

      for (let i = 0; i < 5; i++)
        expect((await login(i % 2 ? one.app : two.app, 'wrong password!')).statusCode).toBe(401);
      expect((await login(two.app, 'the first admin password')).statusCode).toBe(429);
      expect((await login(one.app, 'the first admin password')).statusCode).toBe(429);
    } finally {
      for (const replica of [one, two]) {
        await replica.app.close();
        await replica.database.close();
      }
    }
  });
});
