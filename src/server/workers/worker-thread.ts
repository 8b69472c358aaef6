import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker from a module of this project. The server runs its TypeScript sources through tsx and
 * tests through Vitest's own transform; neither reaches a worker thread on Node 20 (loader hooks registered
 * with --import do not apply to workers there). Loading tsx inside each worker would cost ~15 MB per
 * worker, so a TypeScript module is bundled once here with esbuild (which tsx itself uses) and the worker
 * runs plain JavaScript; its packages are still required from node_modules, beside the module.
 * `options` are passed on to the Worker (e.g. `resourceLimits`).
 */
export function startModuleWorker(
  module: URL,
  workerData: unknown,
  options: Omit<WorkerOptions, 'eval' | 'workerData'> = {},
): Worker {
  const path = fileURLToPath(module);
  if (!path.endsWith('.ts')) return new Worker(module, { ...options, workerData });
  return new Worker(bundled(path), { ...options, eval: true, workerData });
}

const bundles = new Map<string, string>();

function bundled(path: string): string {
  let code = bundles.get(path);
  if (code === undefined) {
    const [output] = buildSync({
      entryPoints: [path],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      write: false,
    }).outputFiles;
    // An eval'd worker would resolve packages from the working directory: resolve them from the module.
    code = `(function (require) {\n${output!.text}\n})(require('node:module').createRequire(${JSON.stringify(path)}));`;
    bundles.set(path, code);
  }
  return code;
}
