import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createEmptyDatabaseUrl,
  describeEachDatabase,
  openTestDatabase,
  uniqueId,
} from '../../../test/databases.js';
import { testSecretsKey } from '../../../test/secrets-key.js';
import { ConfigError } from '../config.js';
import { systemActor } from '../identity/actor.js';
import { openDatabase, type Database } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { UnsealError } from './secret-crypto.js';
import { createSecretService, type SecretService } from './secret.service.js';

const admin = systemActor('secrets-test');

describeEachDatabase('organization secrets: values for templates, integrity, the master key', (dialect) => {
  let database: Database;
  let secrets: SecretService;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    secrets = await createSecretService(database, testSecretsKey());
  });
  afterAll(() => database.close());

  const newName = () => uniqueId('s').replace(/_/g, '-');
  const row = (name: string) =>
    database.db
      .selectFrom('organization_secrets')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();

  it('returns the decrypted values by name, in an object without prototype', async () => {
    const [a, b] = [newName(), newName()];
    await secrets.create(admin, { secretName: a, secretValue: 'value of a' });
    await secrets.create(admin, { secretName: b, secretValue: 'ü🙂 "b"\n' });
    const values = await secrets.valuesForTemplates([a, b, newName(), a]);
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect({ ...values }).toEqual({ [a]: 'value of a', [b]: 'ü🙂 "b"\n' });
    expect({ ...(await secrets.valuesForTemplates([])) }).toEqual({});
    const all = await secrets.valuesForTemplates();
    expect(all[a]).toBe('value of a');
    expect(all[b]).toBe('ü🙂 "b"\n');
    // Past 500 names every secret is read and the named ones picked.
    const many = [...Array.from({ length: 600 }, () => newName()), b];
    expect({ ...(await secrets.valuesForTemplates(many)) }).toEqual({ [b]: 'ü🙂 "b"\n' });
  });

  it('keeps __proto__ and constructor as plain names', async () => {
    for (const name of ['__proto__', 'constructor']) {
      await secrets.remove(admin, name).catch(() => undefined);
      await secrets.create(admin, { secretName: name, secretValue: `value of ${name}` });
    }
    const values = await secrets.valuesForTemplates(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toBe('value of __proto__');
    expect(values.constructor).toBe('value of constructor');
    expect(JSON.parse(JSON.stringify(values))).toEqual(
      JSON.parse('{"__proto__":"value of __proto__","constructor":"value of constructor"}'),
    );
  });

  it('refuses a tampered value and a value moved to another name, naming only the secret', async () => {
    const [tampered, source, target] = [newName(), newName(), newName()];
    await secrets.create(admin, { secretName: tampered, secretValue: 'tamper-me' });
    const stored = await row(tampered);
    const bytes = Buffer.from(stored.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 0xff;
    await database.db
      .updateTable('organization_secrets')
      .set({ ciphertext: bytes.toString('base64') })
      .where('name', '=', tampered)
      .execute();
    const refusal = await secrets.valuesForTemplates([tampered]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnsealError);
    expect((refusal as Error).message).toMatch(new RegExp(`^secret "${tampered}" cannot be decrypted`));

    await secrets.create(admin, { secretName: source, secretValue: 'source-value' });
    await secrets.create(admin, { secretName: target, secretValue: 'target-value' });
    const { iv, ciphertext, tag } = await row(source);
    await database.db
      .updateTable('organization_secrets')
      .set({ iv, ciphertext, tag })
      .where('name', '=', target)
      .execute();
    await expect(secrets.valuesForTemplates([target])).rejects.toThrow(
      `secret "${target}" cannot be decrypted`,
    );
    expect({ ...(await secrets.valuesForTemplates([source])) }).toEqual({ [source]: 'source-value' });
    for (const name of [tampered, target]) await secrets.remove(admin, name);
  });

  it('without a master key, lists but refuses writes and values with 503', async () => {
    const keyless = await createSecretService(database, undefined);
    expect(Array.isArray(await keyless.list(admin))).toBe(true);
    for (const attempt of [
      () => keyless.create(admin, { secretName: newName(), secretValue: 'v' }),
      () => keyless.valuesForTemplates(),
    ])
      await expect(attempt()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('refuses at start a master key other than the one the database first saw', async () => {
    const fresh = openDatabase(await createEmptyDatabaseUrl(dialect));
    try {
      await migrate(fresh);
      const first = { key: randomBytes(32), source: 'PORTICO_SECRETS_KEY' };
      const service = await createSecretService(fresh, first);
      await service.create(admin, { secretName: 'kept', secretValue: 'kept-value' });
      // Another replica, or a restart, with the same key.
      const again = await createSecretService(fresh, { ...first, key: Buffer.from(first.key) });
      expect({ ...(await again.valuesForTemplates(['kept'])) }).toEqual({ kept: 'kept-value' });

      const wrong = createSecretService(fresh, { key: randomBytes(32), source: 'the key file /k' });
      await expect(wrong).rejects.toThrow(ConfigError);
      await expect(wrong).rejects.toThrow(
        "Portico cannot start: the secrets master key from the key file /k is not the key this database's secrets are encrypted with",
      );
    } finally {
      await fresh.close();
    }
  });
});
