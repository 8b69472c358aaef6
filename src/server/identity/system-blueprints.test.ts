import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { TEAM_BLUEPRINT, TEAM_PROVIDER } from '../../core/system-blueprints.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase } from '../../../test/databases.js';
import { ensureSystemBlueprints } from './system-blueprints.js';

describeEachDatabase('system blueprints across versions', (dialect) => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it("gives a _team made by an older Portico the properties added since, Portico's way only", async () => {
    const { db, dialect: sqlDialect } = api.database;
    // The blueprint as an older Portico left it: no provider property.
    const row = await db
      .selectFrom('blueprints')
      .select('definition')
      .where('identifier', '=', TEAM_BLUEPRINT)
      .executeTakeFirstOrThrow();
    const older = sqlDialect.fromJson<BlueprintDefinition>(row.definition);
    const { [TEAM_PROVIDER]: provider, ...kept } = older.schema.properties;
    expect(provider).toBeDefined();
    older.schema.properties = kept;
    await db
      .updateTable('blueprints')
      .set({ definition: sqlDialect.toJson(older) })
      .where('identifier', '=', TEAM_BLUEPRINT)
      .execute();

    // Nobody but Portico may add it, and then only as Portico defines it.
    const hijack = await api.patch(`/v1/blueprints/${TEAM_BLUEPRINT}`, {
      schema: { properties: { ...kept, [TEAM_PROVIDER]: { type: 'number' } }, required: [] },
    });
    expect(hijack.status).toBe(422);
    expect(hijack.body.message).toContain(`schema.properties.${TEAM_PROVIDER}`);

    await ensureSystemBlueprints(api.services.blueprints);
    const upgraded = await api.get(`/v1/blueprints/${TEAM_BLUEPRINT}`);
    expect(upgraded.body.blueprint.schema.properties[TEAM_PROVIDER]).toEqual(provider);
    // Starting again changes nothing.
    await ensureSystemBlueprints(api.services.blueprints);
    const again = await api.get(`/v1/blueprints/${TEAM_BLUEPRINT}`);
    expect(again.body.blueprint.updatedAt).toBe(upgraded.body.blueprint.updatedAt);
  });
});
