/**
 * npm run bench:computed [-- --entities=100000 --dialects=sqlite,postgres]
 *
 * Issue 13's goals, on the real server over HTTP, each database in one run:
 * - ingest: ENTITIES services whose blueprint has 2 mirror, 2 calculation and 1 aggregation property, and
 *   the same ENTITIES into an identical blueprint without them, in interleaved chunks; goal ≥ 50 % of the
 *   rate without;
 * - history: both blueprints ingested by a second server with history off (the same catalog, the same
 *   loads), interleaved too; goal: history costs ≤ 10 %;
 * - search and sort on a computed property: p95 ≤ 30 ms;
 * - freshness: a deployment written, until its service's aggregation counts it; a domain renamed, until
 *   each of its services (ENTITIES / DOMAINS of them) shows the new name in its mirror and its
 *   calculation: p95 ≤ 1 s. Interleaved with each rename, the database alone rewriting those services'
 *   rows in one statement: the least any design that keeps the values in the rows (to search and sort
 *   them) must pay on this machine; and the same with a version of each row kept (history).
 */
import type { Api } from './lib/api.js';
import { SERVICE_PROPERTIES, serviceEntity } from './lib/catalog.js';
import { dialectsSetting, intSetting } from './lib/options.js';
import { fmt, percentile, printTable, progressLine } from './lib/report.js';
import { timeStatement, timeStatements } from './lib/database.js';
import { until } from './lib/poll.js';
import { startServer, type BenchServer } from './lib/server.js';

const ENTITIES = intSetting('ENTITIES', 100_000);
const DOMAINS = intSetting('DOMAINS', 10);
const CHUNK = intSetting('CHUNK', 5_000);
const BATCH = intSetting('BATCH', 1000);
const CONCURRENCY = intSetting('CONCURRENCY', 4);
const SEARCHES = intSetting('SEARCHES', 200);
const WRITES = intSetting('WRITES', 50);
const RENAMES = intSetting('RENAMES', 10);

const LANGUAGE_OF = ['go', 'java', 'python', 'typescript', 'rust', 'kotlin', 'ruby', 'csharp'];
const DOMAIN = 'cb_domain';
const PLAIN = 'cb_plain';
const SERVICE = 'cb_service';
const DEPLOY = 'cb_deploy';

async function createCatalog(api: Api, computed: boolean) {
  await api.post('/v1/blueprints', {
    identifier: DOMAIN,
    title: 'Domain',
    schema: { properties: { level: { type: 'number' } }, required: [] },
  });
  const service = (identifier: string) => ({
    identifier,
    title: identifier,
    schema: { properties: SERVICE_PROPERTIES, required: ['tier', 'language'] },
    relations: { domain: { target: DOMAIN, required: false, many: false } },
  });
  await api.post('/v1/blueprints', service(PLAIN));
  if (!computed) return;
  await api.post('/v1/blueprints', {
    ...service(SERVICE),
    mirrorProperties: {
      domainTitle: { title: 'Domain', path: 'domain.$title' },
      domainLevel: { title: 'Domain level', path: 'domain.level' },
    },
    calculationProperties: {
      slug: { title: 'Slug', type: 'string', calculation: '.identifier + "-" + .properties.language' },
      label: {
        title: 'Label',
        type: 'string',
        calculation: '(.properties.domainTitle // "none") + ": " + .title',
      },
    },
  });
  await api.post('/v1/blueprints', {
    identifier: DEPLOY,
    title: 'Deployment',
    schema: { properties: { ok: { type: 'boolean' } }, required: [] },
    relations: { service: { target: SERVICE, required: false, many: false } },
  });
  await api.request('PATCH', `/v1/blueprints/${SERVICE}`, {
    aggregationProperties: {
      deployments: {
        title: 'Deployments',
        target: DEPLOY,
        calculationSpec: { calculationBy: 'entities', func: 'count' },
      },
    },
  });
}

async function createDomains(api: Api) {
  await api.post(`/v1/blueprints/${DOMAIN}/entities/bulk?upsert=true`, {
    entities: Array.from({ length: DOMAINS }, (_, i) => ({
      identifier: `d-${i}`,
      title: `Domain ${i}`,
      properties: { level: i },
    })),
  });
}

const entity = (i: number) => {
  const { identifier, title, properties } = serviceEntity(i);
  return { identifier, title, properties, relations: { domain: `d-${i % DOMAINS}` } };
};

/** Writes entities [from, to) of the generator to `blueprint`; returns the seconds it took. */
async function ingest(api: Api, blueprint: string, from: number, to: number): Promise<number> {
  let next = from;
  const started = performance.now();
  const worker = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, start + BATCH);
      const entities = [];
      for (let i = start; i < next; i++) entities.push(entity(i));
      const answer = await api.post<{ ok: boolean; errors: unknown[] }>(
        `/v1/blueprints/${blueprint}/entities/bulk?upsert=true`,
        { entities },
      );
      if (!answer.ok) throw new Error(`bulk write failed: ${JSON.stringify(answer.errors.slice(0, 3))}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / 1000;
}

type Properties = Record<string, unknown>;
const getProperties = async (api: Api, blueprint: string, identifier: string) =>
  (
    await api.request<{ entity: { properties: Properties } }>(
      'GET',
      `/v1/blueprints/${blueprint}/entities/${identifier}`,
    )
  ).entity.properties;

const searchOf = (api: Api, body: unknown) =>
  api.post<{ entities: Array<{ identifier: string; properties: Properties }> }>(
    `/v1/blueprints/${SERVICE}/entities/search`,
    body,
  );

/** Services of domain `domain` spread over its range, its first and last among them. */
function sampleOf(domain: number): string[] {
  const members = Math.ceil((ENTITIES - domain) / DOMAINS);
  const picks = new Set([0, members - 1]);
  for (let k = 1; k < 18; k++) picks.add(Math.floor((k * members) / 18));
  return [...picks].map((n) => serviceEntity(domain + n * DOMAINS).identifier);
}

const summary = (label: string, samples: number[], goal: string, met?: boolean) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    measure: label,
    n: samples.length,
    p50: fmt(percentile(sorted, 50)),
    p95: fmt(percentile(sorted, 95)),
    max: fmt(sorted[sorted.length - 1] ?? NaN),
    goal,
    met: met === undefined ? '' : met ? 'yes' : 'no',
  };
};

for (const dialect of dialectsSetting()) {
  const withHistory = await startServer(dialect, { postgresDatabase: 'portico_bench' });
  let noHistory: BenchServer | undefined;
  try {
    noHistory = await startServer(dialect, {
      env: { PORTICO_ENTITY_HISTORY: 'false' },
      postgresDatabase: 'portico_bench_nohistory',
    });
    const api = withHistory.api;
    await createCatalog(api, true);
    // Both servers hold the same catalog and take the same loads: only history differs between them.
    await createCatalog(noHistory.api, true);
    await createDomains(api);
    await createDomains(noHistory.api);

    // Interleaved chunk by chunk, in an order that turns round each time, so that the machine's drift and
    // whatever one load leaves the next (checkpoints, statistics) fall on all three alike; each rate is
    // the median of its chunks' rates, and each goal the median of the rounds' ratios.
    const rates = {
      plain: [] as number[],
      computed: [] as number[],
      plainNoHistory: [] as number[],
      computedNoHistory: [] as number[],
    };
    const progress = progressLine(`${dialect} ingest`);
    for (let from = 0, round = 0; from < ENTITIES; from += CHUNK, round++) {
      const to = Math.min(ENTITIES, from + CHUNK);
      const loads: Array<[keyof typeof rates, () => Promise<number>]> = [
        ['plain', () => ingest(api, PLAIN, from, to)],
        ['computed', () => ingest(api, SERVICE, from, to)],
        ['plainNoHistory', () => ingest(noHistory!.api, PLAIN, from, to)],
        ['computedNoHistory', () => ingest(noHistory!.api, SERVICE, from, to)],
      ];
      for (const [name, load] of round % 2 ? loads.reverse() : loads)
        rates[name].push((to - from) / (await load()));
      progress(to);
    }
    process.stderr.write('\n');
    await noHistory.stop();
    noHistory = undefined;
    const median = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    const rate = (name: keyof typeof rates) => median(rates[name]);
    // Ratios within each round, whose loads ran back to back, then their median: the machine's drift
    // from round to round falls out of each ratio.
    const pairedRatio = (a: keyof typeof rates, b: keyof typeof rates) =>
      median(rates[a].map((value, round) => value / rates[b][round]!));
    const computedShare = pairedRatio('computed', 'plain');
    const historyCost = 1 - pairedRatio('plain', 'plainNoHistory');
    const computedHistoryCost = 1 - pairedRatio('computed', 'computedNoHistory');

    // Deployments for the aggregation, then every value settled before anything is timed.
    const deployments = Array.from({ length: Math.min(ENTITIES, 20_000) }, (_, i) => ({
      identifier: `dep-${i}`,
      properties: { ok: i % 3 !== 0 },
      relations: { service: `svc-${(i * 7) % ENTITIES}` },
    }));
    for (let i = 0; i < deployments.length; i += BATCH)
      await api.post(`/v1/blueprints/${DEPLOY}/entities/bulk?upsert=true`, {
        entities: deployments.slice(i, i + BATCH),
      });
    // Settled: a sample of services across the range count what they should (then a moment for the rest).
    const expected = new Map<string, number>();
    for (const d of deployments)
      expected.set(d.relations.service, (expected.get(d.relations.service) ?? 0) + 1);
    const sample = [...expected].filter((_, i) => i % Math.max(1, Math.floor(expected.size / 50)) === 0);
    for (const [service, count] of sample)
      await until(async () => (await getProperties(api, SERVICE, service)).deployments === count);
    await new Promise((resolve) => setTimeout(resolve, 2000));

    // Search and sort on computed properties.
    const searches: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const started = performance.now();
      const found = await searchOf(api, {
        query: {
          combinator: 'and',
          rules: [
            { property: 'domainLevel', operator: '=', value: i % DOMAINS },
            { property: 'slug', operator: 'contains', value: LANGUAGE_OF[i % LANGUAGE_OF.length]! },
          ],
        },
        sort: { property: 'deployments', order: i % 2 ? 'ASC' : 'DESC' },
        limit: 50,
      });
      searches.push(performance.now() - started);
      if (!found.entities.length) throw new Error('the computed-property search found nothing');
    }

    // A deployment written, until its service counts it.
    const writes: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const service = `svc-${(i * 7919) % ENTITIES}`;
      const before = (await getProperties(api, SERVICE, service)).deployments as number;
      const started = performance.now();
      await api.post(`/v1/blueprints/${DEPLOY}/entities`, {
        identifier: `fresh-${i}`,
        relations: { service },
      });
      await until(async () => ((await getProperties(api, SERVICE, service)).deployments as number) > before);
      writes.push(performance.now() - started);
    }

    // A domain renamed, until every one of its services shows the new name (mirror and calculation).
    const renames: number[] = [];
    const rewrites: number[] = [];
    const versioned: number[] = [];
    for (let i = 0; i < RENAMES; i++) {
      const domain = `d-${i % DOMAINS}`;
      const title = `Domain ${i % DOMAINS} renamed ${i}`;
      const started = performance.now();
      await api.request('PATCH', `/v1/blueprints/${DOMAIN}/entities/${domain}`, { title });
      // Done when one search finds none of the domain's services showing another name. That search reads
      // all of them, as much work as a slice of the refresh, so it runs only once a sample spread over the
      // domain (its first and last services among them) shows the new name: polled every 25 ms, a search
      // that heavy would take the server's time from the very refresh it waits for.
      const showsIt = (properties: Properties) =>
        properties.domainTitle === title && String(properties.label).includes(title);
      const sampleShowsIt = async () =>
        (
          await searchOf(api, {
            query: {
              combinator: 'and',
              rules: [{ property: '$identifier', operator: 'in', value: sampleOf(i % DOMAINS) }],
            },
            limit: 50,
          })
        ).entities.every((e) => showsIt(e.properties));
      const noneStale = async () =>
        (
          await searchOf(api, {
            query: {
              combinator: 'and',
              rules: [
                { property: 'domainLevel', operator: '=', value: i % DOMAINS },
                {
                  combinator: 'or',
                  rules: [
                    { property: 'domainTitle', operator: '!=', value: title },
                    { property: 'label', operator: 'doesNotContains', value: title },
                  ],
                },
              ],
            },
            limit: 1,
          })
        ).entities.length === 0;
      await until(async () => (await sampleShowsIt()) && (await noneStale()), 25);
      renames.push(performance.now() - started);

      // The machine's own limit, interleaved: the database alone rewriting the same services' properties
      // (a new label, a new version) in one statement, without computing anything or keeping history;
      // then the same and a version of each kept, in one transaction: the least a design that keeps both
      // the values in the rows and every version pays.
      const rewrite =
        dialect === 'sqlite'
          ? `update entities set properties = json_set(properties, '$.label', ?), version = version + 1 where blueprint = ? and json_extract(properties, '$.domainLevel') = ?`
          : `update entities set properties = jsonb_set(properties, '{label}', to_jsonb($1::text)), version = version + 1 where blueprint = $2 and properties -> 'domainLevel' = to_jsonb($3::int)`;
      const parameters = [`rewritten ${i}`, SERVICE, i % DOMAINS];
      rewrites.push(await timeStatement(withHistory.databaseUrl, rewrite, parameters));
      const columns = `entity_id, blueprint, identifier, version, at, actor, action, title, icon, team, properties, relations, created_at, created_by, updated_at, updated_by`;
      const copied = `id, blueprint, identifier, version, '${new Date().toISOString()}', 'bench', 'UPDATE', title, icon, team, properties, '{}', created_at, created_by, updated_at, updated_by`;
      const keep =
        dialect === 'sqlite'
          ? `insert into entity_versions (${columns}) select ${copied} from entities where blueprint = ? and json_extract(properties, '$.domainLevel') = ?`
          : `insert into entity_versions (${columns}) select ${copied} from entities where blueprint = $1 and properties -> 'domainLevel' = to_jsonb($2::int)`;
      versioned.push(
        await timeStatements(withHistory.databaseUrl, [
          [rewrite, parameters],
          [keep, [SERVICE, i % DOMAINS]],
        ]),
      );
    }

    console.log(
      `\n${dialect}: ${ENTITIES} entities per blueprint, chunks of ${CHUNK}, batches of ${BATCH}, ${CONCURRENCY} in flight`,
    );
    printTable([
      {
        ingest: 'without computed properties',
        'entities/s': Math.round(rate('plain')),
        goal: '',
        met: '',
      },
      {
        ingest: 'with 2 mirror, 2 calculation, 1 aggregation',
        'entities/s': Math.round(rate('computed')),
        goal: `≥ 50 % of without: ${fmt(computedShare * 100)} %`,
        met: computedShare >= 0.5 ? 'yes' : 'no',
      },
      {
        ingest: 'without computed properties, history off',
        'entities/s': Math.round(rate('plainNoHistory')),
        goal: `history costs ≤ 10 %: ${fmt(historyCost * 100)} %`,
        met: historyCost <= 0.1 ? 'yes' : 'no',
      },
      {
        ingest: 'with computed properties, history off',
        'entities/s': Math.round(rate('computedNoHistory')),
        goal: `history costs ≤ 10 %: ${fmt(computedHistoryCost * 100)} %`,
        met: computedHistoryCost <= 0.1 ? 'yes' : 'no',
      },
    ]);
    const p95 = (samples: number[]) =>
      percentile(
        [...samples].sort((a, b) => a - b),
        95,
      );
    printTable([
      summary('search + sort on computed (ms)', searches, 'p95 ≤ 30 ms', p95(searches) <= 30),
      summary('deployment → its service counts it (ms)', writes, 'p95 ≤ 1000 ms', p95(writes) <= 1000),
      summary(
        `domain renamed → ${Math.round(ENTITIES / DOMAINS)} services show it (ms)`,
        renames,
        'p95 ≤ 1000 ms',
        p95(renames) <= 1000,
      ),
      summary(
        `the database alone rewriting those ${Math.round(ENTITIES / DOMAINS)} rows (ms)`,
        rewrites,
        `rename ÷ rewrite at p95: ${fmt(p95(renames) / p95(rewrites))}`,
      ),
      summary(
        `… and keeping a version of each (ms)`,
        versioned,
        `rename ÷ rewrite and versions at p95: ${fmt(p95(renames) / p95(versioned))}`,
      ),
    ]);
  } finally {
    await noHistory?.stop();
    await withHistory.stop();
  }
}
