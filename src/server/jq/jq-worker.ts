import { parentPort, workerData } from 'node:worker_threads';
import { loadJq, type Jq } from 'jq-wasm';
import type { JqJob, JqWorkerData, JqWorkerReply } from './jq-protocol.js';

// The worker holds one jq-wasm instance and runs each job it is sent, one at a time, synchronously. A job
// that runs too long is stopped by the pool terminating this thread; output and memory are bounded here.
const port = parentPort!;
const reply = (message: JqWorkerReply) => port.postMessage(message);

// Emscripten reports an abort (jq out of memory) on console.error as well as by throwing; the pool
// reports it to the caller, so the server's own output stays clean.
console.error = () => undefined;

class OutputLimitReached extends Error {}

/** What the wrapped WebAssembly imports have seen during the current job. */
const meter = { written: 0, maxOutputBytes: 1024, memoryRefused: false };

type ImportedFunction = (...args: number[]) => unknown;

/**
 * jq-wasm's imports, with its writes counted (and stopped past the job's output limit, rather than
 * buffered to the end) and its heap growth capped. The imports are found by their function names, which
 * the pinned jq-wasm build keeps; without them the worker refuses to start rather than run unbounded.
 */
function boundedImports(
  imports: WebAssembly.Imports,
  memory: () => WebAssembly.Memory,
  maxMemoryBytes: number,
): WebAssembly.Imports {
  const [namespace, functions] = Object.entries(imports)[0]!;
  const named = (name: string) => {
    const key = Object.keys(functions).find((k) => (functions[k] as { name?: string }).name === name);
    if (key === undefined) throw new Error(`jq-wasm no longer imports ${name}`);
    return [key, functions[key] as ImportedFunction] as const;
  };
  const [writeKey, fdWrite] = named('_fd_write');
  const [resizeKey, resizeHeap] = named('_emscripten_resize_heap');
  const countingWrite = (fd: number, iov: number, iovcnt: number, pnum: number) => {
    const view = new DataView(memory().buffer);
    for (let i = 0; i < iovcnt; i++) meter.written += view.getUint32(iov + i * 8 + 4, true);
    if (meter.written > meter.maxOutputBytes) throw new OutputLimitReached();
    return fdWrite(fd, iov, iovcnt, pnum);
  };
  const cappedResize = (requestedBytes: number) => {
    if (requestedBytes >>> 0 <= maxMemoryBytes) return resizeHeap(requestedBytes);
    meter.memoryRefused = true;
    return false;
  };
  return { [namespace]: { ...functions, [writeKey]: countingWrite, [resizeKey]: cappedResize } };
}

async function loadBoundedJq({ module, maxMemoryBytes }: JqWorkerData): Promise<Jq> {
  let memory: WebAssembly.Memory | undefined;
  return loadJq({
    // A returned promise's rejection fails loadJq (see jq-wasm's guardedHook).
    instantiateWasm: (imports, onSuccess) =>
      WebAssembly.instantiate(
        module,
        boundedImports(imports, () => memory!, maxMemoryBytes),
      ).then((instance) => {
        memory = Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory);
        onSuccess(instance, module);
      }),
  });
}

function runJob(jq: Jq, job: JqJob): JqWorkerReply {
  meter.written = 0;
  meter.maxOutputBytes = job.maxOutputBytes;
  meter.memoryRefused = false;
  try {
    return { kind: 'done', id: job.id, ...jq.raw(job.input, job.program, ['-c']) };
  } catch (error) {
    if (error instanceof OutputLimitReached) return { kind: 'limit', id: job.id, limit: 'output' };
    // A WebAssembly trap or abort: jq ran out of the memory it may use, or crashed.
    return { kind: 'limit', id: job.id, limit: meter.memoryRefused ? 'memory' : 'crash' };
  }
}

async function start() {
  try {
    const data = workerData as JqWorkerData;
    const jq = await loadBoundedJq(data);
    // The first run compiles most of jq's WebAssembly: pay for it before the first job's clock starts.
    jq.raw('null', '.');
    port.on('message', (job: JqJob) => reply(runJob(jq, job)));
    reply({ kind: 'ready' });
  } catch (error) {
    reply({ kind: 'failed', message: String((error as Error)?.message ?? error) });
  }
}

// Not a top-level await: the worker is bundled to CommonJS (workers/worker-thread.ts).
void start();
