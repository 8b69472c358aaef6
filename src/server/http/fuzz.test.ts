import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { automationsDatabaseUrl } from '../../../test/automations.js';
import { describeEachDatabase } from '../../../test/databases.js';
import { openDatabase } from '../storage/database.js';
import { keepMemberSignedIn, seedFuzzCatalog, type FuzzCatalog } from '../../../test/fuzz/catalog.js';
import { requestArbitrary, routesOf, type FuzzRequest, type FuzzRoute } from '../../../test/fuzz/requests.js';
import {
  comparable,
  createSender,
  describeRequest,
  type FuzzAnswer,
  ghostOf,
  hasDotSegment,
  leakedMarkers,
} from '../../../test/fuzz/send.js';
import { fuzzValues } from '../../../test/fuzz/values.js';

/**
 * Generated requests to every route the app documents, as an anonymous client and as a Member: malformed
 * paths, queries and bodies must answer 4xx (never 5xx), the hidden catalog must not show through, and a
 * non-public route must answer 401 to anyone without credentials. FUZZ_SEED and FUZZ_RUNS override the
 * fixed seed and the per-route count (to explore further than npm test does).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
// A limit for a stuck run, not a speed check: ~90 routes, each request a few milliseconds, some sent
// twice, on a shared machine; room for a larger FUZZ_RUNS.
const TIMEOUT = Math.max(240_000, RUNS * 8_000);

type Actor = 'anonymous' | 'member';

/** Node refuses a request line past 16 KiB, and Fastify a path it cannot decode, before any route runs. */
const refusedBeforeRouting = (answer: FuzzAnswer) =>
  answer.status === 431 ||
  answer.status === 414 ||
  (answer.status === 400 && answer.body.includes('"invalid_path"'));

describeEachDatabase('fuzzing every route', (dialect) => {
  let api: TestApp;
  let catalog: FuzzCatalog;
  let routes: FuzzRoute[];
  let sender: Awaited<ReturnType<typeof createSender>>;

  beforeAll(async () => {
    // High sign-in limits: the fuzz signs in badly many times, and a throttle must not answer differently
    // between a request and its ghost.
    // A database of its own: on the run's shared one, another test file creating a user between a request
    // and its ghost changed a list of users, and looked like a hidden entity shown.
    api = await startTestApp(dialect, {
      database: openDatabase(await automationsDatabaseUrl(dialect)),
      throttle: { perAccount: 1e6, perAddress: 1e6, windowSeconds: 60 },
    });
    catalog = await seedFuzzCatalog(api);
    routes = routesOf(api.routes, (await api.get('/openapi.json')).body);
    sender = await createSender(api.app);
  });
  // FUZZ_STATS=1 prints how often each route answered each status (how deep the generated requests reach).
  const statuses: Record<string, Record<number, number>> = {};
  afterAll(async () => {
    if (process.env.FUZZ_STATS) console.log(JSON.stringify(statuses, null, 1));
    sender?.close();
    await api?.close();
  });

  /** What is wrong with the answers to a request, or nothing. */
  async function problemsOf(route: FuzzRoute, actor: Actor, request: FuzzRequest): Promise<string[]> {
    const headers = actor === 'member' ? catalog.memberHeaders : {};
    // A stream never ends: it goes over a socket, where the sender reads its start and hangs up.
    const streamed = route.template === '/v1/stream' ? { ...request, transport: 'http' as const } : request;
    const answer = await sender.send(streamed, headers);
    if (actor === 'member' && request.method !== 'GET' && answer.status < 300)
      await keepMemberSignedIn(api, catalog);
    const key = `${actor} ${route.method} ${route.template}`;
    (statuses[key] ??= {})[answer.status] = (statuses[key]![answer.status] ?? 0) + 1;
    if (process.env.FUZZ_STATS === 'bodies') console.log(key, answer.status, answer.body.slice(0, 160));
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const leaked = leakedMarkers(answer, request, catalog.hiddenMarkers);
    if (leaked.length > 0)
      problems.push(`answer shows hidden ${JSON.stringify(leaked)}: ${answer.body.slice(0, 300)}`);
    // Without credentials a non-public route answers 401 whatever else is wrong with the request; a path
    // that may miss the route (a raw slash, an empty parameter) may answer any 4xx, but never 2xx or 3xx.
    if (
      actor === 'anonymous' &&
      !route.isPublic &&
      answer.status !== 401 &&
      !refusedBeforeRouting(answer) &&
      (request.routed || (answer.status < 400 && !hasDotSegment(request.url)))
    )
      problems.push(`answered ${answer.status} without credentials: ${answer.body.slice(0, 300)}`);
    // A stream's ghost goes over a socket too: in memory its answer would never end.
    const ghost = ghostOf(streamed);
    // Fastify answers a request line too long itself, and may close the socket first: nothing to compare.
    // Something created (an app named after the ghost) is new either way, not a hidden thing shown.
    if (ghost && problems.length === 0 && answer.status !== 431 && answer.status !== 201) {
      const missing = await sender.send(ghost, headers);
      // …and so is one the ghost's request created, while the original met what the caller made before
      // (a saved view of that name: 409).
      if (missing.status === 201) return problems;
      const [seen, unseen] = [comparable(answer, false), comparable(missing, true)];
      const [one, other] = [JSON.stringify(seen), JSON.stringify(unseen)];
      if (one !== other) {
        let at = 0;
        while (one[at] === other[at]) at += 1;
        const near = (text: string) => text.slice(Math.max(0, at - 120), at + 120);
        problems.push(`a hidden entity is answered unlike a missing one: …${near(one)}… vs …${near(other)}…`);
      }
    }
    return problems;
  }

  it('has checks that fail: an admin sees the hidden catalog, and hidden differs from missing for it', async () => {
    const search: FuzzRequest = {
      method: 'POST',
      url: `/v1/blueprints/${catalog.hiddenBlueprint}/entities/search`,
      body: '{}',
      contentType: 'application/json',
      transport: 'http',
      routed: true,
    };
    const admin = { authorization: `Bearer ${api.token}` };
    const seen = await sender.send(search, admin);
    expect(seen.status).toBe(200);
    expect(leakedMarkers(seen, search, catalog.hiddenMarkers)).toContain(catalog.hiddenEntities[0]);
    const read: FuzzRequest = {
      ...search,
      method: 'GET',
      url: `/v1/blueprints/${catalog.hiddenBlueprint}/entities/${catalog.hiddenEntities[0]}`,
    };
    delete read.body;
    const [hidden, missing] = [await sender.send(read, admin), await sender.send(ghostOf(read)!, admin)];
    expect(JSON.stringify(comparable(hidden, false))).not.toBe(JSON.stringify(comparable(missing, true)));
    // …while the Member gets nothing of it.
    expect(
      leakedMarkers(await sender.send(search, catalog.memberHeaders), search, catalog.hiddenMarkers),
    ).toEqual([]);
  });

  for (const actor of ['anonymous', 'member'] as const)
    it(
      `finds no 5xx, no hidden entity and no open route as ${actor}`,
      async () => {
        expect(routes.length).toBeGreaterThan(40);
        const failures: string[] = [];
        const values = fuzzValues(catalog);
        for (const [index, route] of routes.entries()) {
          const result = await fc.check(
            fc.asyncProperty(
              requestArbitrary(route, values),
              async (request) => (await problemsOf(route, actor, request)).length === 0,
            ),
            { seed: SEED + index, numRuns: RUNS },
          );
          if (result.failed && result.counterexample) {
            // The shrunk counterexample, sent once more to say what is wrong with it.
            const [request] = result.counterexample;
            const problems = await problemsOf(route, actor, request);
            const error = result.errorInstance instanceof Error ? result.errorInstance.message : '';
            failures.push(
              `${describeRequest(route, actor, request)}\n    ${problems.join('\n    ') || error.slice(0, 500) || 'failed once, not again'}`,
            );
          }
        }
        expect(failures, failures.join('\n\n')).toEqual([]);
      },
      TIMEOUT,
    );
});
