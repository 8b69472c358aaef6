import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

/**
 * Entities that carry a checksum of their own content (title, properties, relations), and a record of what
 * a server acknowledged: after a crash, what is stored can be checked against both.
 */

export interface EntityVersion {
  identifier: string;
  title: string | null;
  properties: Record<string, unknown>;
  relations: { parent: string | null; links: string[] };
}

/** The blueprint's properties and relations: every kind a bulk write stores, and relations to itself. */
export function selfCheckingBlueprint(identifier: string) {
  return {
    identifier,
    title: 'Self-checking',
    schema: {
      properties: {
        n: { type: 'number' },
        label: { type: 'string' },
        score: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
        meta: { type: 'object' },
        checksum: { type: 'string' },
      },
    },
    relations: {
      parent: { target: identifier, many: false, required: false },
      links: { target: identifier, many: true, required: false },
    },
  };
}

/** A whole entity as written by request `n` of `client`. */
export function fullVersion(
  identifier: string,
  n: number,
  client: number,
  relations: EntityVersion['relations'],
): EntityVersion {
  const properties = {
    n,
    label: `${identifier} écrit ${n} ✓`,
    score: n * 0.25 + client,
    tags: Array.from({ length: 1 + (n % 4) }, (_, i) => `t${(n + i) % 7}`),
    meta: { client, nested: { n, even: n % 2 === 0, list: [n, `${n}`] } },
  };
  return sealed({ identifier, title: `${identifier} v${n}`, properties, relations });
}

/** What a merge of request `n` leaves: the stored version with a new `n` and `score`, and maybe new links. */
export function mergedVersion(base: EntityVersion, n: number, links?: string[]): EntityVersion {
  return sealed({
    ...base,
    properties: { ...withoutChecksum(base.properties), n, score: n * 0.5 },
    relations: links ? { ...base.relations, links } : base.relations,
  });
}

/** The body of a merge that leads from `base` to `merged`: only what changes. */
export function mergeBody(merged: EntityVersion, base: EntityVersion) {
  const { n, score, checksum } = merged.properties;
  return {
    identifier: merged.identifier,
    properties: { n, score, checksum },
    ...(merged.relations.links === base.relations.links
      ? {}
      : { relations: { links: merged.relations.links } }),
  };
}

export function replaceBody(version: EntityVersion) {
  const { parent, links } = version.relations;
  return {
    identifier: version.identifier,
    title: version.title,
    properties: version.properties,
    relations: { ...(parent ? { parent } : {}), links },
  };
}

function sealed(version: EntityVersion): EntityVersion {
  return { ...version, properties: { ...version.properties, checksum: checksumOf(version) } };
}

function checksumOf(version: EntityVersion): string {
  const content = [version.identifier, version.title, withoutChecksum(version.properties), version.relations];
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 24);
}

function withoutChecksum(properties: Record<string, unknown>) {
  const { checksum: _checksum, ...rest } = properties;
  return rest;
}

// PostgreSQL's jsonb gives keys back in an order of its own.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** An entity as the API returns it, reduced to what the checks compare. */
export function versionOf(entity: {
  identifier: string;
  title: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, unknown>;
}): EntityVersion {
  return {
    identifier: entity.identifier,
    title: entity.title,
    properties: entity.properties,
    relations: {
      parent: (entity.relations.parent as string | null) ?? null,
      links: (entity.relations.links as string[] | undefined) ?? [],
    },
  };
}

interface Tracked {
  /** The content of the last write of it a server answered 2xx for. */
  acknowledged?: EntityVersion;
  /**
   * Writes sent since, whose outcome is unknown (no answer came, or an error that does not say): each may or
   * may not be stored. Writes after an acknowledged one were sent after its answer, so they supersede it.
   */
  unanswered: EntityVersion[];
}

/** What clients sent and what the server acknowledged, to judge what a database holds after a crash. */
export class AcknowledgedWrites {
  readonly entities = new Map<string, Tracked>();
  /** Identifiers named as relation targets by writes that may create them as stubs. */
  readonly stubbable = new Set<string>();

  sent(version: EntityVersion) {
    this.tracked(version.identifier).unanswered.push(version);
  }

  acknowledge(version: EntityVersion) {
    const tracked = this.tracked(version.identifier);
    tracked.acknowledged = version;
    tracked.unanswered = [];
  }

  /** The server said it did not write it. */
  refused(version: EntityVersion) {
    const tracked = this.tracked(version.identifier);
    tracked.unanswered = tracked.unanswered.filter((v) => v !== version);
  }

  /** What is stored for sure: something to compute a merge from. */
  stored(identifier: string): EntityVersion | undefined {
    const tracked = this.entities.get(identifier);
    return tracked?.unanswered.length ? undefined : tracked?.acknowledged;
  }

  /** Every acknowledged identifier: these exist, whatever happens to the server. */
  acknowledgedIdentifiers(): string[] {
    return [...this.entities].filter(([, t]) => t.acknowledged).map(([identifier]) => identifier);
  }

  /**
   * Why `stored` (every entity of the blueprint) is not what the acknowledged writes promise; empty when it
   * is. An unanswered write may be stored or not, but whole.
   */
  problemsWith(stored: EntityVersion[]): string[] {
    const problems: string[] = [];
    const found = new Map(stored.map((entity) => [entity.identifier, entity]));
    for (const [identifier, { acknowledged }] of this.entities)
      if (acknowledged && !found.has(identifier))
        problems.push(`${identifier}: acknowledged (n=${acknowledged.properties.n}) but missing`);
    for (const entity of stored) {
      const problem = this.problemWith(entity);
      if (problem) problems.push(`${entity.identifier}: ${problem}`);
      for (const target of [entity.relations.parent, ...entity.relations.links])
        if (target !== null && !found.has(target))
          problems.push(`${entity.identifier}: related to ${target}, which does not exist`);
    }
    return problems;
  }

  private problemWith(entity: EntityVersion): string | undefined {
    const tracked = this.entities.get(entity.identifier);
    if (!('checksum' in entity.properties)) {
      if (tracked?.acknowledged)
        return `a stub (${JSON.stringify(entity)}), but a whole write (n=${tracked.acknowledged.properties.n}) was acknowledged`;
      if (!this.stubbable.has(entity.identifier))
        return `a stub no write asked for: ${JSON.stringify(entity)}`;
      const empty = {
        identifier: entity.identifier,
        title: null,
        properties: {},
        relations: { parent: null, links: [] },
      };
      return isDeepStrictEqual(entity, empty) ? undefined : `half-written: ${JSON.stringify(entity)}`;
    }
    if (entity.properties.checksum !== checksumOf(entity))
      return `fails its checksum (half-written?): ${JSON.stringify(entity)}`;
    const expected = [tracked?.acknowledged, ...(tracked?.unanswered ?? [])];
    if (expected.some((version) => isDeepStrictEqual(version, entity))) return undefined;
    const unanswered = tracked?.unanswered.map((v) => v.properties.n).join(', ') || 'none';
    return `holds n=${entity.properties.n}, but the acknowledged write was n=${tracked?.acknowledged?.properties.n ?? 'none'} and the unanswered ones n=${unanswered}`;
  }

  /** After a restart: what is stored is now what the clients build on. Only after problemsWith found none. */
  settle(stored: EntityVersion[]) {
    const found = new Map(stored.map((entity) => [entity.identifier, entity]));
    for (const [identifier, tracked] of this.entities) {
      const entity = found.get(identifier);
      tracked.unanswered = [];
      if (entity && 'checksum' in entity.properties) tracked.acknowledged = entity;
      else delete tracked.acknowledged;
    }
  }

  private tracked(identifier: string): Tracked {
    let tracked = this.entities.get(identifier);
    if (!tracked) this.entities.set(identifier, (tracked = { unanswered: [] }));
    return tracked;
  }
}
