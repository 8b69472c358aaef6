import type { Api } from './api.js';
import { DEPENDS_ON, SERVICE, serviceEntity } from './catalog.js';

export interface LoadOptions {
  from?: number;
  count: number;
  batch: number;
  concurrency: number;
  /**
   * Services depend on the one before (createCatalog's `chain`). The first of each batch may depend on one
   * a batch still in flight writes (and Portico creates no stub of an entity with required properties):
   * it is linked once every batch is written.
   */
  chain?: boolean;
  /** Called after each batch with the number of entities written so far. */
  progress?: (done: number) => void;
}

/** Sends services [from, from + count) through the bulk upsert API; returns the seconds it took. */
export async function loadServices(api: Api, options: LoadOptions): Promise<number> {
  const from = options.from ?? 0;
  const end = from + options.count;
  let next = from;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < end) {
      const start = next;
      const stop = Math.min(end, start + options.batch);
      next = stop;
      const entities = [];
      for (let i = start; i < stop; i++) entities.push(serviceEntity(i, options.chain && i !== start));
      const answer = await api.post<{ ok: boolean; errors: unknown[] }>(
        `/v1/blueprints/${SERVICE}/entities/bulk?upsert=true`,
        { entities },
      );
      if (!answer.ok) throw new Error(`bulk write failed: ${JSON.stringify(answer.errors.slice(0, 3))}`);
      done += stop - start;
      options.progress?.(done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (options.chain)
    for (let first = from === 0 ? options.batch : from; first < end; first += options.batch)
      await api.request('PATCH', `/v1/blueprints/${SERVICE}/entities/svc-${first}`, {
        relations: { [DEPENDS_ON]: `svc-${first - 1}` },
      });
  return (performance.now() - started) / 1000;
}
