import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { Api } from './api.js';
import type { DialectName } from './options.js';
import { recreatePostgresDatabase } from './postgres.js';

const HOST = '127.0.0.1';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLIENT_ID = 'bench-admin';
const CLIENT_SECRET = 'bench-secret-not-for-production';

export interface BenchServer {
  api: Api;
  /** The server's database: `sqlite:<file>` or a PostgreSQL URL. */
  databaseUrl: string;
  /** Resident memory of the server process, from /proc/<pid>/status (VmRSS, or VmHWM for the peak). */
  memoryMb(field?: 'VmRSS' | 'VmHWM'): number;
  /** CPU seconds (user + system, all threads) the server process has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Runs the real server in its own Node process on a fresh database, so that its memory is measured alone,
 * started as `npm start` starts it (the same node flags and environment) but without npm's and the shell's
 * processes around it.
 */
export async function startServer(
  dialect: DialectName,
  options: {
    env?: Record<string, string>;
    postgresDatabase?: string;
    /** Another checkout of Portico to run (a build to compare against); this one by default. */
    root?: string;
    /** A database another server of this benchmark uses already (a second replica), as it is. */
    databaseUrl?: string;
  } = {},
): Promise<BenchServer> {
  const root = options.root ?? ROOT;
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
  const databaseUrl =
    options.databaseUrl ??
    (dialect === 'sqlite'
      ? `sqlite:${join(dir, 'portico.db')}`
      : await recreatePostgresDatabase(options.postgresDatabase));
  const port = await freePort();
  const log = createWriteStream(join(dir, 'server.log'));
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", goes to the server's node only.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const start = startCommand(root);
  const child = spawn(process.execPath, [...nodeArgs, ...start.args], {
    cwd: root,
    env: {
      ...process.env,
      ...start.env,
      PORTICO_DATABASE_URL: databaseUrl,
      PORTICO_HOST: HOST,
      PORTICO_PORT: String(port),
      PORTICO_DEMO: 'false',
      PORTICO_ADMIN_CLIENT_ID: CLIENT_ID,
      PORTICO_ADMIN_CLIENT_SECRET: CLIENT_SECRET,
      PORTICO_LOG_LEVEL: process.env.PORTICO_LOG_LEVEL ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  // Whatever happens to the benchmark, its server does not outlive it.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  const baseUrl = `http://${HOST}:${port}`;
  try {
    await waitUntilReady(child, baseUrl, join(dir, 'server.log'));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const api = await Api.connect(baseUrl, CLIENT_ID, CLIENT_SECRET);
  return {
    api,
    databaseUrl,
    memoryMb: (field = 'VmRSS') => memoryOf(child.pid!, field),
    cpuSeconds: () => cpuOf(child.pid!),
    stop: async () => {
      process.off('exit', killChild);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      log.end();
      if (!log.writableFinished) await once(log, 'finish');
      if (process.env.BENCH_KEEP_LOG)
        copyFileSync(join(dir, 'server.log'), `${process.env.BENCH_KEEP_LOG}.${port}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** package.json's start script, `[NAME=value ...] node [args ...]`, taken apart. */
function startCommand(root: string): { env: Record<string, string>; args: string[] } {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = packageJson.scripts.start.split(/\s+/);
  const node = words.indexOf('node');
  if (node < 0) throw new Error(`the start script does not run node: ${packageJson.scripts.start}`);
  const env = Object.fromEntries(words.slice(0, node).map((word) => word.split('=', 2) as [string, string]));
  return { env, args: words.slice(node + 1) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitUntilReady(child: ChildProcess, baseUrl: string, logPath: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}):\n${readFileSync(logPath, 'utf8')}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready within 60 s');
}

function memoryOf(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (!kb) throw new Error(`${field} not found in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

function cpuOf(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name, in clock ticks (100 a second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
