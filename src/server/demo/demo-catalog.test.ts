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
        'api',
        'domain',
        'library',
        'resource',
        'service',
        'system',
        'team',
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
