import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, uniqueId } from '../../../test/databases.js';
import type { Database } from '../storage/database.js';
import { createRunLoader } from './run-loader.js';
import { insertRun, type RunRow } from './run.repo.js';

const at = new Date().toISOString();
const runRow = (id: string): RunRow => ({
  id,
  action_identifier: 'loader',
  action_id: 'action_loader',
  blueprint: null,
  entity: null,
  operation: 'CREATE',
  backend: 'WEBHOOK',
  status: 'IN_PROGRESS',
  status_label: null,
  link: null,
  summary: null,
  external_run_id: null,
  properties: '{}',
  context: '{}',
  payload: null,
  response: null,
  source: 'API',
  required_approval: 'false',
  approval: null,
  pending: 0,
  claimed_by: null,
  claimed_until: null,
  acknowledged: 0,
  created_by: 'tester',
  impersonated_by: null,
  updated_by: 'tester',
  created_at: at,
  updated_at: at,
  ended_at: null,
  version: 1,
});

describeEachDatabase('the run loader of deliveries', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(() => database?.close());

  it('answers each caller of one turn its run, or undefined for a missing one', async () => {
    const ids = [uniqueId('r'), uniqueId('r')];
    for (const id of ids) await insertRun(database.db, runRow(id));
    const load = createRunLoader(database.db);
    const [first, second, again, missing] = await Promise.all([
      load(ids[0]!),
      load(ids[1]!),
      load(ids[0]!),
      load(uniqueId('missing')),
    ]);
    expect([first?.id, second?.id, again?.id, missing]).toEqual([ids[0], ids[1], ids[0], undefined]);
  });

  it('fails its callers when the read fails, rather than answering that the run is gone', async () => {
    const closed = await openTestDatabase(dialect);
    await closed.close();
    const load = createRunLoader(closed.db);
    await expect(Promise.all([load(uniqueId('r')), load(uniqueId('r'))])).rejects.toThrow();
  });
});
