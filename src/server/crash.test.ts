import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  ingestUntilStopped,
  type IngestClient,
  type RequestOutcome,
} from '../../test/bulk-ingest-clients.js';
import { createEmptyDatabaseUrl, describeEachDatabase, uniqueId } from '../../test/databases.js';
import {
  AcknowledgedWrites,
  fullVersion,
  replaceBody,
  selfCheckingBlueprint,
  versionOf,
  type EntityVersion,
} from '../../test/self-checking-entities.js';
import { startServerProcess, type ServerProcess } from '../../test/server-process.js';

const CLIENTS = 6;
/** Each crash comes after this many acknowledged bulk requests of the round, so each lands elsewhere… */
const KILL_AFTER = [4, 12, 25];
/** …or after this long, whichever comes first (PostgreSQL answers slowly when batches deadlock). */
const KILL_WITHIN_MS = 2500;
/** About 20 s on a quiet machine (four server starts take most of it), twice that on a busy one. */
const TIMEOUT_MS = 120_000;

// Issue 10: a write answered 2xx survives `kill -9` of the server, and no entity is ever stored half-written.
describeEachDatabase('SIGKILL in the middle of concurrent bulk ingests', (dialect) => {
  const servers: ServerProcess[] = [];
  let databaseUrl: string | undefined;
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    if (dialect === 'sqlite' && databaseUrl)
      rmSync(dirname(databaseUrl.slice('sqlite:'.length)), { recursive: true, force: true });
  });

  async function start() {
    const server = await startServerProcess({ databaseUrl: databaseUrl! });
    servers.push(server);
    return { server, token: await server.accessToken() };
  }

  it(
    'keeps every acknowledged entity whole and stores no entity half-written',
    async () => {
      databaseUrl = await createEmptyDatabaseUrl(dialect);
      let { server, token } = await start();
      const blueprint = uniqueId('crash');
      expect(
        (await call(server.url, token, 'POST', '/v1/blueprints', selfCheckingBlueprint(blueprint))).status,
      ).toBe(201);
      const writes = new AcknowledgedWrites();
      const clients: IngestClient[] = Array.from({ length: CLIENTS }, (_, id) => ({
        id,
        next: 0,
        requests: 0,
      }));

      let acknowledged = 0;
      for (const [crash, killAfter] of KILL_AFTER.entries()) {
        const outcomes = await ingestAndKill(server, token, blueprint, writes, clients, killAfter);
        acknowledged += outcomes.acknowledged;
        ({ server, token } = await start());
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const stored = await readAll(server.url, token, blueprint);
        expect.soft(writes.problemsWith(stored), `crash ${crash}`).toEqual([]);
        expect
          .soft(
            unexpected(outcomes.all, outcomes.killedAt),
            `crash ${crash}; the server logged: ${outcomes.errors.join('\n')}`,
          )
          .toEqual([]);
        writes.settle(stored);

        const after = fullVersion(`after-crash-${crash}`, 0, 0, {
          parent: null,
          links: writes.acknowledgedIdentifiers().slice(0, 3),
        });
        const written = await call(
          server.url,
          token,
          'POST',
          `/v1/blueprints/${blueprint}/entities?upsert=true`,
          replaceBody(after),
        );
        expect(written.status).toBe(201);
        const read = await call(
          server.url,
          token,
          'GET',
          `/v1/blueprints/${blueprint}/entities/${after.identifier}`,
        );
        expect(versionOf(read.body.entity)).toEqual(after);
        writes.acknowledge(after);
      }
      // Not a vacuous pass: the crashes came after bulk writes had been acknowledged.
      expect(acknowledged).toBeGreaterThanOrEqual(KILL_AFTER[0]!);
    },
    TIMEOUT_MS,
  );

  async function ingestAndKill(
    server: ServerProcess,
    token: string,
    blueprint: string,
    writes: AcknowledgedWrites,
    clients: IngestClient[],
    killAfter: number,
  ) {
    let acknowledged = 0;
    let stopping = false;
    let enough!: () => void;
    const killing = new Promise<void>((resolve) => (enough = resolve));
    const target = {
      url: server.url,
      token,
      blueprint,
      writes,
      clients,
      onAcknowledged: () => ++acknowledged >= killAfter && enough(),
      stopped: () => stopping,
    };
    const ingests = Promise.all(clients.map((client) => ingestUntilStopped(target, client)));
    // A server that goes away by itself must not leave the kill waiting for ever.
    void ingests.then(() => enough());
    const timer = setTimeout(enough, KILL_WITHIN_MS);
    await killing;
    clearTimeout(timer);
    stopping = true;
    const killedAt = performance.now();
    await server.kill('SIGKILL');
    const outcomes = (await ingests).flat();
    const inFlight = outcomes.filter((o) => o.connectionError && o.startedAt < killedAt);
    // The kill landed in the middle of the ingest: requests were waiting for their answer.
    expect(inFlight.length, JSON.stringify(outcomes)).toBeGreaterThan(0);
    // What the server logged about its unexpected answers (pino's level 50: error).
    const errors = server
      .output()
      .stdout.split('\n')
      .filter((line) => line.includes('"level":50'))
      .map((line) => line.slice(0, 800));
    return { all: outcomes, killedAt, errors, acknowledged };
  }
});

/** Answers other than 200 and 207, and connections lost before the kill. */
function unexpected(outcomes: RequestOutcome[], killedAt: number) {
  return outcomes.filter((o) =>
    o.connectionError ? o.endedAt! < killedAt : o.status !== 200 && o.status !== 207,
  );
}

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function readAll(url: string, token: string, blueprint: string): Promise<EntityVersion[]> {
  const all: EntityVersion[] = [];
  let from: string | undefined;
  do {
    const page = await call(
      url,
      token,
      'GET',
      `/v1/blueprints/${blueprint}/entities?limit=1000${from ? `&from=${encodeURIComponent(from)}` : ''}`,
    );
    expect(page.status).toBe(200);
    all.push(...page.body.entities.map(versionOf));
    from = page.body.next;
  } while (from);
  return all;
}
