import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

describeEachDatabase('a change of permissions in the audit log', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  async function newBlueprint() {
    const identifier = uniqueId('perm_audit').toLowerCase();
    const created = await api.post('/v1/blueprints', {
      identifier,
      title: identifier,
      schema: { properties: { tier: { type: 'string' } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return identifier;
  }

  const updatesOf = async (blueprint: string) =>
    (await api.get(`/v1/audit-log?blueprint=${blueprint}&resources=blueprint&action=UPDATE`)).body.audits;

  it('records who changed what: the permissions before and after, under the blueprint', async () => {
    const blueprint = await newBlueprint();
    const moderator = await createPerson(api, { roles: [`${blueprint}-moderator`] });
    const changed = await api.patch(
      `/v1/blueprints/${blueprint}/permissions`,
      {
        entities: {
          register: { roles: ['Admin', 'Member'] },
          updateProperties: { tier: { users: [moderator.email] } },
        },
      },
      moderator.headers,
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    const [record, ...more] = await updatesOf(blueprint);
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      identifier: blueprint,
      resourceType: 'blueprint',
      action: 'UPDATE',
      status: 'SUCCESS',
      trigger: { by: { userId: moderator.email }, origin: 'API' },
      context: { blueprint },
      message: 'Permissions changed',
    });
    const { before, after } = record.diff;
    expect(before.permissions.entities.register.roles).toEqual(['Admin', `${blueprint}-moderator`]);
    expect(after.permissions.entities.register.roles).toEqual(['Admin', 'Member']);
    expect(before.permissions.entities.updateProperties.tier.users).toEqual([]);
    expect(after.permissions.entities.updateProperties.tier.users).toEqual([moderator.email]);
    // The record holds the permissions as GET answers them after the change.
    const read = await api.get(`/v1/blueprints/${blueprint}/permissions`);
    expect(after.permissions).toEqual(read.body.permissions);
  });

  it('records nothing for a change that is refused', async () => {
    const blueprint = await newBlueprint();
    const member = await createPerson(api);
    const url = `/v1/blueprints/${blueprint}/permissions`;
    const forbidden = await api.patch(url, { entities: { read: { roles: ['Admin'] } } }, member.headers);
    expect(forbidden.status).toBe(403);
    const invalid = await api.patch(url, { entities: { read: { roles: ['Nobody'] } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toMatch(/^entities\.read\.roles\[0\]: /);
    expect(await updatesOf(blueprint)).toEqual([]);
    expect((await api.get(url)).body.permissions.entities.read.roles).not.toContain('Nobody');
  });
});
