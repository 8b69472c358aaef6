/** What the jq pool and its workers say to each other. */

/** Given to each worker when it starts. */
export interface JqWorkerData {
  /** jq-wasm's module, compiled once by the pool, so that a replaced worker does not compile it again. */
  module: WebAssembly.Module;
  /** The most memory jq's WebAssembly heap may grow to, in bytes. */
  maxMemoryBytes: number;
}

/** One run of jq: `program` over the JSON texts in `input`, one after another. */
export interface JqJob {
  id: number;
  program: string;
  input: string;
  /** The most bytes jq may write (outputs and messages). */
  maxOutputBytes: number;
}

/** Why a job stopped early: too much output, too much memory, or jq itself failed (a WebAssembly trap). */
export type JqLimit = 'output' | 'memory' | 'crash';

export type JqWorkerReply =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; id: number; stdout: string; stderr: string; exitCode: number }
  /** The job broke a limit; the worker is no longer fit to run jobs. */
  | { kind: 'limit'; id: number; limit: JqLimit };
