import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** `npm start`'s process on `port` and a fresh SQLite file; resolves once it prints its first admin or exits. */
function start(dataDir: string, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORTICO_DATABASE_URL: `sqlite:${join(dataDir, 'portico.db')}`,
      PORTICO_PORT: String(port),
      PORTICO_HOST: '127.0.0.1',
      PORTICO_DEMO: 'false',
      PORTICO_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const settled = new Promise<{ code: number | null }>((resolve) => {
    child.stdout.on('data', () => {
      if (stdout.includes('password:')) resolve({ code: null });
    });
    child.once('exit', (code) => resolve({ code }));
  });
  return {
    settled,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

it('a start whose port is taken says so in one line and writes no secret, so the next start shows them', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
  const squatter = createServer();
  squatter.listen(0, '127.0.0.1');
  await once(squatter, 'listening');
  const port = (squatter.address() as { port: number }).port;

  const refused = start(dataDir, port);
  expect((await refused.settled).code).toBe(1);
  const { stdout, stderr } = refused.output();
  expect(stderr.trim()).toBe(
    `Portico cannot listen on 127.0.0.1:${port}: the port is in use (set PORTICO_PORT to another port)`,
  );
  expect(stdout).not.toMatch(/clientSecret|password:/);

  squatter.close();
  await once(squatter, 'close');
  const served = start(dataDir, port);
  try {
    expect((await served.settled).code).toBeNull();
    expect(served.output().stdout).toMatch(/clientSecret: \S+/);
    expect(served.output().stdout).toMatch(/password: \S+/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // Ready once start-up has written what it writes (a client waiting for /readyz finds the credential).
    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      ready = (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ready).toBe(200);
  } finally {
    await served.stop();
  }
});
