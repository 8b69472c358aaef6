import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker from a module of this project. The server runs its TypeScript sources through tsx, and
 * tests through Vitest's own transform; neither reaches a worker thread on Node 20 (loader hooks registered
 * with --import do not apply to workers there). tsx's CommonJS API does, so the worker loads its module
 * through it; a module compiled to JavaScript is loaded directly.
 */
export function startModuleWorker(module: URL, workerData: unknown): Worker {
  const path = fileURLToPath(module);
  if (!path.endsWith('.ts')) return new Worker(module, { workerData });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(path)}, __filename);`;
  return new Worker(bootstrap, { eval: true, workerData });
}
