import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { uniqueId } from './databases.js';
import { TEST_SECRETS_KEY_HEX } from './secrets-key.js';

const ROOT = join(import.meta.dirname, '..');
const READY_WITHIN_MS = 60_000;

// A test runner that dies must not leave servers behind.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export interface AdminCredential {
  clientId: string;
  clientSecret: string;
}

export interface ServerProcessOptions {
  databaseUrl: string;
  /** The admin credential the server ensures at start (PORTICO_ADMIN_CLIENT_ID/SECRET); one is made up if absent. */
  admin?: AdminCredential;
  /** More PORTICO_* settings; they win over the ones set here. */
  env?: Record<string, string>;
}

export interface ServerProcess {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string;
  pid: number;
  admin: AdminCredential;
  /** A bearer token for the admin credential, from POST /v1/auth/access_token. */
  accessToken: () => Promise<string>;
  /** Sends the signal and resolves once the process has exited. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** A graceful stop (SIGTERM), as a service manager does. */
  stop: () => Promise<void>;
  exited: () => boolean;
  output: () => { stdout: string; stderr: string };
}

/** A port nothing listens on now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * The real server as `npm start` runs it, in a child process on a free port, resolved once /readyz answers
 * 200. Rejects with its stderr if it exits first.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const admin = options.admin ?? { clientId: uniqueId('admin'), clientSecret: uniqueId('secret') };
  // Another process may take the free port before the server listens on it: then try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(await freePort(), admin, options);
    } catch (error) {
      if (attempt === 3 || !(error as Error).message.includes('the port is in use')) throw error;
    }
  }
}

async function startOnPort(
  port: number,
  admin: AdminCredential,
  options: ServerProcessOptions,
): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawnServer(port, admin, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = exitOf(child);
  running.add(child);
  void exit.then(() => running.delete(child));

  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (!exited()) child.kill(signal);
    await exit;
  };
  try {
    await waitUntilReady(url, exit);
  } catch (error) {
    await kill();
    throw new Error(`${(error as Error).message}\nstderr:\n${stderr}`);
  }
  return {
    url,
    pid: child.pid!,
    admin,
    accessToken: () => accessToken(url, admin),
    kill,
    stop: () => kill('SIGTERM'),
    exited,
    output: () => ({ stdout, stderr }),
  };
}

/** package.json's start script, with its memory settings, configured by the environment. */
function spawnServer(port: number, admin: AdminCredential, options: ServerProcessOptions) {
  return spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: '2',
      PORTICO_DATABASE_URL: options.databaseUrl,
      PORTICO_PORT: String(port),
      PORTICO_HOST: '127.0.0.1',
      PORTICO_DEMO: 'false',
      PORTICO_LOG_LEVEL: 'warn',
      PORTICO_ADMIN_CLIENT_ID: admin.clientId,
      PORTICO_ADMIN_CLIENT_SECRET: admin.clientSecret,
      PORTICO_SECRETS_KEY: TEST_SECRETS_KEY_HEX,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * `count` servers on one database, as replicas behind a load balancer. They start one after another, so
 * the first alone migrates a new database; they share one admin credential.
 */
export async function startServerProcesses(
  count: number,
  options: ServerProcessOptions,
): Promise<ServerProcess[]> {
  const admin = options.admin ?? { clientId: uniqueId('admin'), clientSecret: uniqueId('secret') };
  const started: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i++) started.push(await startServerProcess({ ...options, admin }));
  } catch (error) {
    await Promise.all(started.map((server) => server.kill()));
    throw error;
  }
  return started;
}

export async function accessToken(url: string, admin: AdminCredential): Promise<string> {
  const response = await fetch(`${url}/v1/auth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (response.status !== 200)
    throw new Error(`POST /v1/auth/access_token answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function exitOf(child: ChildProcess) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
}

async function waitUntilReady(url: string, exit: Promise<{ code: number | null; signal: string | null }>) {
  let status: { code: number | null; signal: string | null } | undefined;
  void exit.then((s) => (status = s));
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (status)
      throw new Error(`the server exited (code ${status.code}, signal ${status.signal}) before it was ready`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server was not ready at ${url}/readyz within ${READY_WITHIN_MS} ms`);
}
