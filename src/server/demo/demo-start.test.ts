import { expect, it } from 'vitest';
import { createEmptyDatabaseUrl, describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startServerProcess } from '../../../test/server-process.js';

describeEachDatabase('npm start with the demo', (dialect) => {
  it("carries out the demo's scaffold with its in-process runner, quietly and without showing its secret, and records it", async () => {
    const server = await startServerProcess({
      databaseUrl: await createEmptyDatabaseUrl(dialect),
      env: { PORTICO_DEMO: 'true', PORTICO_LOG_LEVEL: 'info' },
    });
    try {
      const headers = {
        authorization: `Bearer ${await server.accessToken()}`,
        'content-type': 'application/json',
      };
      const name = uniqueId('started').replace(/_/g, '-').toLowerCase();
      const started = await fetch(`${server.url}/v1/actions/scaffold_service/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ properties: { name, language: 'TypeScript' } }),
      });
      expect(started.status).toBe(202);
      const { run } = (await started.json()) as { run: { id: string } };
      const status = async () =>
        (
          (await (await fetch(`${server.url}/v1/actions/runs/${run.id}`, { headers })).json()) as {
            run: { status: string };
          }
        ).run.status;
      await expect.poll(status, { timeout: 30_000 }).toBe('SUCCESS');
      const entity = await fetch(`${server.url}/v1/blueprints/service/entities/${name}`, { headers });
      expect(entity.status).toBe(200);
      // The demo's automations fire in the started server: the run is recorded as an action_run entity.
      const recorded = async () => {
        const answer = await fetch(`${server.url}/v1/blueprints/action_run/entities/${run.id}`, { headers });
        return answer.ok
          ? ((await answer.json()) as { entity: { properties: { status?: string } } }).entity.properties
              .status
          : answer.status;
      };
      await expect.poll(recorded, { timeout: 30_000 }).toBe('SUCCESS');
    } finally {
      await server.stop();
    }
    const { stdout, stderr } = server.output();
    // The runner's credential is never printed, and its claims every few seconds stay out of the log.
    expect(stdout + stderr).not.toMatch(/portico_demo_runner|claim-pending/);
    expect(stdout).toMatch(/demo catalog loaded/);
    expect(stdout).toMatch(/actions\/runs\/ack/);
  });
});
