import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

const URL = '/v1/organization/secrets';
// Every value starts with it, and nothing else Portico says holds it.
const MARKER = 'SeCrEtVaLuE-';

/**
 * Everything Portico says while secrets are created, read, changed, refused and deleted: every response
 * (body and headers), every log line at the most verbose level, every audit row and every stored row. No
 * value may appear in any of it, whole or in part (V8's JSON errors quote about ten characters).
 */
describeEachDatabase('organization secrets never leak a value', (dialect) => {
  let api: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    api = await startTestApp(dialect, {
      logger: { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } },
    });
  });
  afterAll(() => api.close());

  it('in no response, log line, audit row or stored row', async () => {
    const values: string[] = [];
    const newValue = () => {
      const value = `${MARKER}${randomBytes(12).toString('hex')}`;
      values.push(value);
      return value;
    };
    const responses: TestResponse[] = [];
    const expectStatus = async (expected: number, sent: Promise<TestResponse>) => {
      const response = await sent;
      responses.push(response);
      expect(response.status, JSON.stringify(response.body)).toBe(expected);
      return response;
    };
    const lastAuditId = await api.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const member = await createPerson(api);
    const name = uniqueId('lk').replace(/_/g, '-');
    const secretUrl = `${URL}/${name}`;

    await expectStatus(201, api.post(URL, { secretName: name, secretValue: newValue(), description: 'd' }));
    await expectStatus(200, api.get(URL));
    await expectStatus(200, api.get(secretUrl));
    await expectStatus(200, api.patch(secretUrl, { secretValue: newValue() }));
    // Changes refused, every one carrying a value.
    await expectStatus(409, api.post(URL, { secretName: name, secretValue: newValue() }));
    await expectStatus(422, api.patch(secretUrl, { secretValue: `${newValue()}${'x'.repeat(65_536)}` }));
    await expectStatus(422, api.patch(secretUrl, { secretValue: newValue(), secretName: 'other' }));
    await expectStatus(422, api.patch(secretUrl, { secretValue: [newValue()] }));
    await expectStatus(422, api.patch(`${URL}/not.valid`, { secretValue: newValue() }));
    await expectStatus(400, api.patch(secretUrl, `{"secretValue":${newValue()}}`));
    await expectStatus(400, api.patch(secretUrl, `{"secretValue":"${newValue()}"`));
    await expectStatus(400, api.patch(secretUrl, `{"secretValue":"${newValue()}\\u0000"}`));
    await expectStatus(400, api.patch(secretUrl, `"${newValue()}"x`));
    await expectStatus(404, api.patch(`${URL}/${name}-missing`, { secretValue: newValue() }));
    await expectStatus(
      403,
      api.request('POST', URL, { secretName: `${name}-m`, secretValue: newValue() }, member.headers),
    );
    await expectStatus(403, api.request('PATCH', secretUrl, { secretValue: newValue() }, member.headers));
    await expectStatus(200, api.patch(secretUrl, { description: 'changed', secretValue: newValue() }));
    await expectStatus(200, api.get(`/v1/audit-log?resources=secret&identifier=${name}`));
    await expectStatus(200, api.delete(secretUrl));
    await expectStatus(200, api.get(`/v1/audit-log?resources=secret&identifier=${name}`));

    const auditRows = await api.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', Number(lastAuditId?.id ?? 0))
      .execute();
    expect(auditRows.filter((row) => row.identifier === name)).toHaveLength(4);
    const storedRows = await api.database.db.selectFrom('organization_secrets').selectAll().execute();
    const settings = await api.database.db.selectFrom('settings').selectAll().execute();
    expect(logLines.length).toBeGreaterThan(responses.length);

    const said = [
      ...responses.map((r) => JSON.stringify({ body: r.body, headers: r.headers })),
      ...logLines,
      ...auditRows.map((row) => JSON.stringify(row)),
      ...storedRows.map((row) => JSON.stringify(row)),
      ...settings.map((row) => JSON.stringify(row)),
    ].join('\n');
    expect(values).toHaveLength(15);
    expect(said).not.toContain(MARKER.slice(0, 6));
    for (const value of values) {
      const random = value.slice(MARKER.length);
      for (let at = 0; at + 8 <= random.length; at++) expect(said).not.toContain(random.slice(at, at + 8));
    }
    // The malformed bodies were refused without quoting them back.
    const malformed = responses.filter((r) => r.status === 400).map((r) => r.body.message as string);
    expect(malformed[0]).toBe('the body is not valid JSON: it has a character out of place');
  });
});
