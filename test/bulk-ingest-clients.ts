import {
  fullVersion,
  mergeBody,
  mergedVersion,
  replaceBody,
  type AcknowledgedWrites,
  type EntityVersion,
} from './self-checking-entities.js';

/** One client's bulk requests; each entity has one client that writes it whole (others may only stub it). */
export interface IngestClient {
  id: number;
  /** Its next new entity's number: its entities are `c<id>-0`, `c<id>-1`, … */
  next: number;
  requests: number;
}

export interface RequestOutcome {
  client: number;
  startedAt: number;
  endedAt?: number;
  status?: number;
  /** Why no whole answer came (the server went away). */
  connectionError?: string;
  /** Why a 207 refused some items, or the body of an answer other than 200 or 207. */
  detail?: string[];
}

export interface IngestTarget {
  url: string;
  token: string;
  blueprint: string;
  writes: AcknowledgedWrites;
  clients: IngestClient[];
  /** Called after every acknowledged request. */
  onAcknowledged: () => void;
  stopped: () => boolean;
}

type Kind = 'replace' | 'merge' | 'stubs';

/**
 * Sends bulk upserts in a loop until stopped or until the server goes away; every request's outcome. An
 * answer other than 200 or 207 leaves what it wrote unknown: the model keeps both possibilities.
 */
export async function ingestUntilStopped(
  target: IngestTarget,
  client: IngestClient,
): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = [];
  while (!target.stopped()) {
    const outcome = await sendBatch(target, client);
    outcomes.push(outcome);
    if (outcome.connectionError) break;
  }
  return outcomes;
}

async function sendBatch(target: IngestTarget, client: IngestClient): Promise<RequestOutcome> {
  client.requests += 1;
  const n = client.requests;
  const kinds: Kind[] = ['replace', 'merge', 'stubs'];
  let kind = kinds[n % 3]!;
  const own = ownAcknowledged(target, client);
  if (kind === 'merge' && own.length < 50) kind = 'replace';
  const size = 100 + Math.floor(Math.random() * 101);
  const { versions, bodies } =
    kind === 'merge' ? merges(target, own, n, size) : replaces(target, client, n, size, kind === 'stubs');
  const query = {
    replace: 'upsert=true',
    merge: 'upsert=true&merge=true',
    stubs: 'upsert=true&create_missing_related_entities=true',
  }[kind];
  versions.forEach((version) => target.writes.sent(version));
  const outcome: RequestOutcome = { client: client.id, startedAt: performance.now() };
  try {
    const response = await fetch(`${target.url}/v1/blueprints/${target.blueprint}/entities/bulk?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ entities: bodies }),
    });
    const text = await response.text();
    outcome.status = response.status;
    if (response.status === 200 || response.status === 207) {
      const answer = JSON.parse(text) as {
        entities: Array<{ index: number }>;
        errors: Array<{ index: number; error: string; message: string }>;
      };
      for (const { index } of answer.entities) target.writes.acknowledge(versions[index]!);
      for (const { index } of answer.errors) target.writes.refused(versions[index]!);
      if (answer.errors.length) outcome.detail = answer.errors.map((e) => `${e.error}: ${e.message}`);
      target.onAcknowledged();
    } else outcome.detail = [text.slice(0, 2000)];
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    outcome.connectionError = `${(error as Error).message} (${cause?.code ?? cause?.message ?? 'no cause'})`;
  }
  outcome.endedAt = performance.now();
  return outcome;
}

/** The client's entities whose stored content it knows. */
function ownAcknowledged(target: IngestTarget, client: IngestClient): EntityVersion[] {
  const own: EntityVersion[] = [];
  for (let i = 0; i < client.next; i++) {
    const version = target.writes.stored(`c${client.id}-${i}`);
    if (version) own.push(version);
  }
  return own;
}

function merges(target: IngestTarget, own: EntityVersion[], n: number, size: number) {
  const picked = sample(own, size);
  const existing = target.writes.acknowledgedIdentifiers();
  const versions = picked.map((base, i) =>
    mergedVersion(base, n, i % 2 ? sample(existing, i % 4) : undefined),
  );
  return { versions, bodies: versions.map((version, i) => mergeBody(version, picked[i]!)) };
}

/**
 * Half new entities, half rewrites of the client's own, each related to entities that exist or come earlier
 * in the batch; with `stubs`, also to other clients' entities that may not exist yet.
 */
function replaces(target: IngestTarget, client: IngestClient, n: number, size: number, stubs: boolean) {
  const identifiers = new Set<string>();
  for (let i = 0; i < size / 2; i++) identifiers.add(`c${client.id}-${client.next++}`);
  for (let i = 0; i < size / 2 && client.next > 0; i++)
    identifiers.add(`c${client.id}-${Math.floor(Math.random() * client.next)}`);
  const existing = target.writes.acknowledgedIdentifiers();
  const earlier: string[] = [];
  const versions = [...identifiers].map((identifier, i) => {
    const parent = i % 3 === 0 ? null : (sample(i % 2 ? earlier : existing, 1)[0] ?? null);
    const links = [...sample(existing, i % 3), ...sample(earlier, i % 2)];
    if (stubs) links.push(...notYetWritten(target, client, i % 3));
    earlier.push(identifier);
    return fullVersion(identifier, n, client.id, { parent, links: [...new Set(links)] });
  });
  if (stubs)
    versions.forEach((version) =>
      version.relations.links.forEach((link) => target.writes.stubbable.add(link)),
    );
  return { versions, bodies: versions.map(replaceBody) };
}

/** Entities other clients write now, later or never: relations to them may create stubs. */
function notYetWritten(target: IngestTarget, client: IngestClient, count: number): string[] {
  const others = target.clients.filter((other) => other.id !== client.id);
  return Array.from({ length: count }, () => {
    const other = sample(others, 1)[0]!;
    // Some are in the other client's batch in flight: its whole write and this stub race.
    return `c${other.id}-${Math.max(0, other.next - 100 + Math.floor(Math.random() * 400))}`;
  });
}

function sample<T>(items: readonly T[], count: number): T[] {
  const picked = new Set<T>();
  for (let i = 0; i < count * 2 && picked.size < Math.min(count, items.length); i++)
    picked.add(items[Math.floor(Math.random() * items.length)]!);
  return [...picked];
}
