import { sql } from 'kysely';
import type { Database } from './database.js';
import * as catalog from './migrations/2026-11-25-0001-catalog.js';
import * as userCredentials from './migrations/2026-11-25-0002-user-credentials.js';
import * as sessions from './migrations/2026-11-25-0003-sessions.js';
import * as blueprintPermissions from './migrations/2026-11-25-0004-blueprint-permissions.js';
import * as auditIndex from './migrations/2026-11-25-0005-audit-index.js';
import * as userEmailFolded from './migrations/2026-12-01-0006-user-email-folded.js';
import * as entityVersion from './migrations/2026-12-01-0007-entity-version.js';
import * as tableViews from './migrations/2026-12-02-0008-table-views.js';
import * as definitionOrder from './migrations/2026-12-02-0009-blueprint-definition-order.js';
import * as jobs from './migrations/2026-12-02-0010-jobs.js';
import * as organizationSecrets from './migrations/2026-12-02-0011-organization-secrets.js';
import * as actions from './migrations/2026-12-02-0012-actions.js';
import * as actionRuns from './migrations/2026-12-02-0013-action-runs.js';
import * as actionRunApprovers from './migrations/2026-12-02-0014-action-run-approvers.js';
import * as cheaperWrites from './migrations/2026-12-02-0015-cheaper-writes.js';
import * as partialIndexes from './migrations/2026-12-02-0016-partial-indexes.js';
import * as computedValues from './migrations/2026-12-02-0017-computed-values.js';
import * as entityVersions from './migrations/2026-12-02-0018-entity-versions.js';
import * as propertyIndexesWithId from './migrations/2026-12-02-0019-property-indexes-with-id.js';
import * as fewerVersionIndexes from './migrations/2026-12-02-0020-fewer-version-indexes.js';
import * as createdVersionsInPlace from './migrations/2026-12-03-0021-created-versions-in-place.js';
import * as blueprintNamesSince from './migrations/2026-12-03-0022-blueprint-names-since.js';
import * as automations from './migrations/2026-12-03-0023-automations.js';
import * as changeStream from './migrations/2026-12-03-0024-change-stream.js';
import * as actionChanges from './migrations/2026-12-04-0025-action-changes.js';
import * as changeCounters from './migrations/2026-12-04-0026-change-counters.js';
import * as relationsWalkedDownstream from './migrations/2026-12-04-0027-relations-walked-downstream.js';
import * as relationsCounter from './migrations/2026-12-04-0028-relations-counter.js';
import * as entitiesCounter from './migrations/2026-12-04-0029-entities-counter.js';
import * as entityDatasource from './migrations/2026-12-04-0030-entity-datasource.js';
import * as integrations from './migrations/2026-12-04-0031-integrations.js';
import * as integrationSyncs from './migrations/2026-12-04-0032-integration-syncs.js';
import * as scorecards from './migrations/2026-12-04-0033-scorecards.js';
import * as versionsKeptOnStateChange from './migrations/2026-12-05-0034-versions-kept-on-state-change.js';

type Migration = { up: (db: never, dialect: 'sqlite' | 'postgres') => Promise<void> };

/** In order; names are frozen. Each runs once, in a transaction, recorded in portico_migrations. */
const MIGRATIONS: Array<[string, Migration]> = [
  ['2026-11-25-0001-catalog', catalog as Migration],
  ['2026-11-25-0002-user-credentials', userCredentials as Migration],
  ['2026-11-25-0003-sessions', sessions as Migration],
  ['2026-11-25-0004-blueprint-permissions', blueprintPermissions as Migration],
  ['2026-11-25-0005-audit-index', auditIndex as Migration],
  ['2026-12-01-0006-user-email-folded', userEmailFolded as Migration],
  ['2026-12-01-0007-entity-version', entityVersion as Migration],
  ['2026-12-02-0008-table-views', tableViews as Migration],
  ['2026-12-02-0009-blueprint-definition-order', definitionOrder as Migration],
  ['2026-12-02-0010-jobs', jobs as Migration],
  ['2026-12-02-0011-organization-secrets', organizationSecrets as Migration],
  ['2026-12-02-0012-actions', actions as Migration],
  ['2026-12-02-0013-action-runs', actionRuns as Migration],
  ['2026-12-02-0014-action-run-approvers', actionRunApprovers as Migration],
  ['2026-12-02-0015-cheaper-writes', cheaperWrites as Migration],
  ['2026-12-02-0016-partial-indexes', partialIndexes as Migration],
  ['2026-12-02-0017-computed-values', computedValues as Migration],
  ['2026-12-02-0018-entity-versions', entityVersions as Migration],
  ['2026-12-02-0019-property-indexes-with-id', propertyIndexesWithId as Migration],
  ['2026-12-02-0020-fewer-version-indexes', fewerVersionIndexes as Migration],
  ['2026-12-03-0021-created-versions-in-place', createdVersionsInPlace as Migration],
  ['2026-12-03-0022-blueprint-names-since', blueprintNamesSince as Migration],
  ['2026-12-03-0023-automations', automations as Migration],
  ['2026-12-03-0024-change-stream', changeStream as Migration],
  ['2026-12-04-0025-action-changes', actionChanges as Migration],
  ['2026-12-04-0026-change-counters', changeCounters as Migration],
  ['2026-12-04-0027-relations-walked-downstream', relationsWalkedDownstream as Migration],
  ['2026-12-04-0028-relations-counter', relationsCounter as Migration],
  ['2026-12-04-0029-entities-counter', entitiesCounter as Migration],
  ['2026-12-04-0030-entity-datasource', entityDatasource as Migration],
  ['2026-12-04-0031-integrations', integrations as Migration],
  ['2026-12-04-0032-integration-syncs', integrationSyncs as Migration],
  ['2026-12-04-0033-scorecards', scorecards as Migration],
  ['2026-12-05-0034-versions-kept-on-state-change', versionsKeptOnStateChange as Migration],
];

// Any 64-bit number: it only has to be the same for every replica that starts at once.
const MIGRATION_LOCK_KEY = 727_011_2025;

export async function migrate({ db, dialect }: Database): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    // Replicas starting together on PostgreSQL must not run the same migration twice.
    if (dialect.name === 'postgres')
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await trx.schema
      .createTable('portico_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = new Set(
      (
        await trx
          .selectFrom('portico_migrations' as never)
          .select('name' as never)
          .execute()
      ).map((r) => (r as { name: string }).name),
    );
    for (const [name, migration] of MIGRATIONS) {
      if (done.has(name)) continue;
      await migration.up(trx as never, dialect.name);
      await trx
        .insertInto('portico_migrations' as never)
        .values({ name, applied_at: new Date().toISOString() } as never)
        .execute();
      applied.push(name);
    }
  });
  return applied;
}
