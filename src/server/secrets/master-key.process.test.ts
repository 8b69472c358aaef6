import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { createEmptyDatabaseUrl, describeEachDatabase } from '../../../test/databases.js';
import { startServerProcess, type ServerProcess } from '../../../test/server-process.js';

async function call(server: ServerProcess, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await server.accessToken()}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describeEachDatabase('the master key of a real server', (dialect) => {
  it('is created at first start as a 0600 file, kept across restarts, and another key is refused', async () => {
    const databaseUrl = await createEmptyDatabaseUrl(dialect);
    // SQLite: the default place, beside the database file. PostgreSQL: a chosen file (the default is
    // ./data/secrets.key in the working directory, here the checkout).
    const keyFile =
      dialect === 'sqlite'
        ? join(dirname(databaseUrl.slice('sqlite:'.length)), 'secrets.key')
        : join(mkdtempSync(join(tmpdir(), 'portico-key-')), 'secrets.key');
    const env = {
      PORTICO_SECRETS_KEY: '',
      ...(dialect === 'postgres' ? { PORTICO_SECRETS_KEY_FILE: keyFile } : {}),
    };

    const first = await startServerProcess({ databaseUrl, env });
    try {
      const created = await call(first, 'POST', '/v1/organization/secrets', {
        secretName: 'deploy-token',
        secretValue: 'first-start-value',
      });
      expect(created.status).toBe(201);
    } finally {
      await first.stop();
    }
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);

    const wrongKey = randomBytes(32).toString('hex');
    const refused = startServerProcess({
      databaseUrl,
      admin: first.admin,
      env: { PORTICO_SECRETS_KEY: wrongKey },
    });
    await expect(refused).rejects.toThrow(
      "Portico cannot start: the secrets master key from PORTICO_SECRETS_KEY is not the key this database's secrets are encrypted with. " +
        'Start every replica with the key the first start used (PORTICO_SECRETS_KEY or PORTICO_SECRETS_KEY_FILE); see docs/secrets.md',
    );
    await expect(refused).rejects.not.toThrow(wrongKey);

    const again = await startServerProcess({ databaseUrl, admin: first.admin, env });
    try {
      const read = await call(again, 'GET', '/v1/organization/secrets/deploy-token');
      expect(read.status).toBe(200);
      const changed = await call(again, 'PATCH', '/v1/organization/secrets/deploy-token', {
        secretValue: 'v2',
      });
      expect(changed.status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
