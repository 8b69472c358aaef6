import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

// A test runner that dies must not leave workers behind.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export interface JobWorkerOptions {
  databaseUrl: string;
  workerId: string;
  kind: string;
  leaderName: string;
  concurrency?: number;
  timeoutMs?: number;
  graceMs?: number;
  upkeepMs?: number;
}

export interface JobWorkerProcess {
  /** The attempts it started, `[job id, attempt]`, in order. */
  ran(): Array<[number, number]>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  stderr(): string;
}

/** test/job-worker-main.ts in a child process, started as the server is (tsx), resolved once it claims. */
export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/job-worker-main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORTICO_DATABASE_URL: options.databaseUrl,
      JOB_WORKER_ID: options.workerId,
      JOB_WORKER_KIND: options.kind,
      JOB_WORKER_LEADER: options.leaderName,
      JOB_WORKER_CONCURRENCY: String(options.concurrency ?? 20),
      JOB_WORKER_TIMEOUT_MS: String(options.timeoutMs ?? 10_000),
      JOB_WORKER_GRACE_MS: String(options.graceMs ?? 1_000),
      JOB_WORKER_UPKEEP_MS: String(options.upkeepMs ?? 500),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = once(child, 'exit').then(() => void running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => stdout.startsWith('ready\n') && resolve());
    void exited.then(() => reject(new Error(`the job worker exited before it was ready:\n${stderr}`)));
  });
  await ready;
  return {
    ran: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('ran '))
        .map((line) => line.split(' ').slice(1).map(Number) as [number, number]),
    kill,
    stderr: () => stderr,
  };
}
