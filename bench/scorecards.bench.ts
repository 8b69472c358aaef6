/**
 * npm run bench:scorecards [-- --entities=100000 --dialects=sqlite,postgres]
 *
 * Issue 18's goals, on the real server over HTTP, each database in one run. Services of two identical
 * blueprints (a mirror of their domain's level, an aggregation of their deployments), one with 3
 * scorecards of 10 rules in all (some on the mirror and the aggregation, one with a filter), one without:
 * - ingest: ENTITIES services into each, in interleaved chunks; the scored blueprint's rate is measured
 *   until its results are written too (the evaluator caught up); goal ≥ 50 % of the rate without;
 * - full evaluation after a definition change: a rule changed, until the scorecard answers that every
 *   entity was evaluated; goal ≤ 10 s;
 * - a write's effect on results: a service's property changed, until its level follows; a domain's level
 *   changed (through its 10,000 services' mirror), until the first of them follows and until all of them
 *   have; goal p95 ≤ 1 s. Interleaved with each domain write, the database alone rewriting what it must:
 *   those services' rows (their mirror, then their results), a version of each, a history row of each;
 * - reads: one entity at a time of each blueprint, interleaved; goal: with results within 20 % of without.
 */
import type { Api } from './lib/api.js';
import { SERVICE_PROPERTIES, serviceEntity } from './lib/catalog.js';
import { machineLoad } from './lib/machine.js';
import { dialectsSetting, intSetting } from './lib/options.js';
import { fmt, median, percentile, printTable, progressLine } from './lib/report.js';
import { until as poll } from './lib/poll.js';
import { startServer } from './lib/server.js';
import { timeStatements } from './lib/database.js';
import type { DialectName } from './lib/options.js';

const ENTITIES = intSetting('ENTITIES', 100_000);
const DOMAINS = intSetting('DOMAINS', 10);
const CHUNK = intSetting('CHUNK', 10_000);
const BATCH = intSetting('BATCH', 1000);
const CONCURRENCY = intSetting('CONCURRENCY', 4);
const CHANGES = intSetting('CHANGES', 3);
const WRITES = intSetting('WRITES', 40);
const READS = intSetting('READS', 2000);

const DOMAIN = 'sb_domain';
/** The plain blueprint's domains: a domain write changes only the scored services' mirror. */
const PLAIN_DOMAIN = 'sb_domain_plain';
const SCORED = 'sb_scored';
const PLAIN = 'sb_plain';
const DEPLOY = 'sb_deploy';

const rule = (identifier: string, level: string, conditions: unknown[]) => ({
  identifier,
  title: identifier,
  level,
  query: { combinator: 'and', conditions },
});

/** Production readiness: 4 rules on stored properties. */
const readiness = (minReplicas: number) => ({
  identifier: 'readiness',
  title: 'Production readiness',
  rules: [
    rule('described', 'Bronze', [{ property: 'description', operator: 'isNotEmpty' }]),
    rule('typed', 'Bronze', [
      { property: 'language', operator: 'in', value: ['go', 'typescript', 'java', 'kotlin'] },
    ]),
    rule('replicated', 'Silver', [{ property: 'replicas', operator: '>=', value: minReplicas }]),
    rule('live', 'Gold', [{ property: 'production', operator: '=', value: true }]),
  ],
});

const SCORECARDS = [
  readiness(2),
  {
    identifier: 'operations',
    title: 'Operations',
    filter: {
      combinator: 'or',
      conditions: [{ property: 'tier', operator: 'in', value: ['tier-1', 'tier-2'] }],
    },
    rules: [
      rule('placed', 'Bronze', [{ relation: 'domain', operator: 'isNotEmpty' }]),
      rule('senior-domain', 'Silver', [{ property: 'domainLevel', operator: '>=', value: 3 }]),
      rule('few-deployments', 'Gold', [{ property: 'deployments', operator: '<', value: 5 }]),
    ],
  },
  {
    identifier: 'docs',
    title: 'Documentation',
    rules: [
      rule('repository', 'Bronze', [{ property: 'repository', operator: 'isNotEmpty' }]),
      rule('channel', 'Silver', [{ property: 'slackChannel', operator: 'beginsWith', value: '#team' }]),
      rule('tagged', 'Gold', [{ property: 'tags', operator: 'isNotEmpty' }]),
    ],
  },
];

async function createCatalog(api: Api) {
  for (const identifier of [DOMAIN, PLAIN_DOMAIN])
    await api.post('/v1/blueprints', {
      identifier,
      title: 'Domain',
      schema: { properties: { level: { type: 'number' } }, required: [] },
    });
  for (const [identifier, domain] of [
    [SCORED, DOMAIN],
    [PLAIN, PLAIN_DOMAIN],
  ]) {
    await api.post('/v1/blueprints', {
      identifier,
      title: identifier,
      schema: { properties: SERVICE_PROPERTIES, required: ['tier', 'language'] },
      relations: { domain: { target: domain, required: false, many: false } },
      mirrorProperties: { domainLevel: { title: 'Domain level', path: 'domain.level' } },
    });
  }
  await api.post('/v1/blueprints', {
    identifier: DEPLOY,
    title: 'Deployment',
    schema: { properties: {}, required: [] },
    relations: {
      scored: { target: SCORED, required: false, many: false },
      plain: { target: PLAIN, required: false, many: false },
    },
  });
  // Its own deployments only (pathFilter): without it every path of up to 4 steps counts, and a service
  // would count those of every service of its domain, each write refreshing thousands of them.
  for (const [identifier, relation] of [
    [SCORED, 'scored'],
    [PLAIN, 'plain'],
  ])
    await api.request('PATCH', `/v1/blueprints/${identifier}`, {
      aggregationProperties: {
        deployments: {
          title: 'Deployments',
          target: DEPLOY,
          calculationSpec: { calculationBy: 'entities', func: 'count' },
          pathFilter: [{ fromBlueprint: DEPLOY, path: [relation] }],
        },
      },
    });
  for (const domain of [DOMAIN, PLAIN_DOMAIN])
    await api.post(`/v1/blueprints/${domain}/entities/bulk?upsert=true`, {
      entities: Array.from({ length: DOMAINS }, (_, i) => ({
        identifier: `d-${i}`,
        properties: { level: i },
      })),
    });
  for (const scorecard of SCORECARDS) await api.post(`/v1/blueprints/${SCORED}/scorecards`, scorecard);
}

const entity = (i: number) => {
  const { identifier, title, properties } = serviceEntity(i);
  return { identifier, title, properties, relations: { domain: `d-${i % DOMAINS}` } };
};

interface Scored {
  scorecards?: Record<string, { level: string; rules: Array<{ identifier: string; status: string }> }>;
  properties: Record<string, unknown>;
}
const read = (api: Api, blueprint: string, identifier: string) =>
  api.request<{ entity: Scored }>('GET', `/v1/blueprints/${blueprint}/entities/${identifier}`);

/**
 * Writes entities [from, to) to `blueprint`; the seconds until all are acknowledged and, with `evaluated`,
 * until each batch's last entity has its results (the evaluator reads writes in the order they commit).
 */
const until = (check: () => Promise<boolean>, everyMs = 5) => poll(check, everyMs, 120_000);
/** An ingest's wait for its results: a read every 5 ms loads the server whose throughput it measures. */
const INGEST_POLL_MS = 20;

async function ingest(api: Api, blueprint: string, from: number, to: number, evaluated: boolean) {
  let next = from;
  const started = performance.now();
  const lasts: string[] = [];
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
      lasts.push(entities.at(-1)!.identifier);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const acknowledged = (performance.now() - started) / 1000;
  if (evaluated)
    for (const identifier of lasts.slice(-CONCURRENCY))
      await until(
        async () => (await read(api, blueprint, identifier)).entity.scorecards?.readiness !== undefined,
        INGEST_POLL_MS,
      );
  return { acknowledged, evaluated: (performance.now() - started) / 1000 };
}

/** Whether some service of domain `d-<domain>` still has rule `senior-domain` at `status` (from before). */
async function notYet(api: Api, domain: number, status: 'SUCCESS' | 'FAILURE') {
  const found = await api.post<{ entities: unknown[] }>(`/v1/blueprints/${SCORED}/entities/search`, {
    query: {
      combinator: 'and',
      rules: [
        { relation: 'domain', operator: '=', value: `d-${domain}` },
        { scorecard: 'operations', scorecardRule: 'senior-domain', operator: '=', value: status },
      ],
    },
    limit: 1,
    include: ['identifier'],
  });
  return found.entities.length > 0;
}

/**
 * The machine's own limit for a domain write, measured beside the server on its database: in one
 * transaction, the domain's services' rows rewritten (their mirror; a new version number), a version of
 * each kept, their results rewritten, and a history row of each, without computing or evaluating anything.
 * Each rewrite keeps the values as they are.
 */
async function databaseAlone(dialect: DialectName, databaseUrl: string, domain: number) {
  const services = `select source_id from entity_relations where relation = 'domain' and target_id = (select id from entities where blueprint = '${DOMAIN}' and identifier = 'd-${domain}')`;
  const columns = `entity_id, blueprint, identifier, version, at, actor, action, title, icon, team, properties, relations, created_at, created_by, updated_at, updated_by`;
  const copied = `id, blueprint, identifier, version, '${new Date().toISOString()}', 'bench', 'UPDATE', title, icon, team, properties, '{}', created_at, created_by, updated_at, updated_by`;
  const changes = `at, scorecard_id, blueprint, scorecard, entity_id, entity, team, level, level_index, previous_level, rules, flipped, cause, actor`;
  const statements: Array<[string, unknown[]]> =
    dialect === 'sqlite'
      ? [
          [
            `update entities set properties = json_set(properties, '$.domainLevel', properties -> '$.domainLevel'), version = version + 1 where id in (${services})`,
            [],
          ],
          [
            `insert into entity_versions (${columns}) select ${copied} from entities where id in (${services})`,
            [],
          ],
          [`update entities set scorecards = json(scorecards) where id in (${services})`, []],
          [
            `insert into scorecard_changes (${changes}) select '${new Date().toISOString()}', 0, blueprint, 'bench', id, identifier, team, 'Bronze', 1, 'Silver', scorecards -> '$.operations.rules', '[]', 'entity', 'bench' from entities where id in (${services})`,
            [],
          ],
        ]
      : [
          [
            `update entities set properties = properties || jsonb_build_object('domainLevel', properties -> 'domainLevel'), version = version + 1 where id in (${services})`,
            [],
          ],
          [
            `insert into entity_versions (${columns}) select ${copied} from entities where id in (${services})`,
            [],
          ],
          [`update entities set scorecards = scorecards || '{}'::jsonb where id in (${services})`, []],
          [
            `insert into scorecard_changes (${changes}) select '${new Date().toISOString()}', 0, blueprint, 'bench', id, identifier, team, 'Bronze', 1, 'Silver', scorecards -> 'operations' -> 'rules', '[]', 'entity', 'bench' from entities where id in (${services})`,
            [],
          ],
        ];
  return timeStatements(databaseUrl, statements);
}

const summary = (label: string, samples: number[], unit: string, goal: string, met?: boolean) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    measure: label,
    n: samples.length,
    p50: `${fmt(percentile(sorted, 50))} ${unit}`,
    p95: `${fmt(percentile(sorted, 95))} ${unit}`,
    max: `${fmt(sorted.at(-1) ?? NaN)} ${unit}`,
    goal,
    met: met === undefined ? '' : met ? 'yes' : 'no',
  };
};

for (const dialect of dialectsSetting()) {
  const server = await startServer(dialect, { postgresDatabase: 'portico_bench_scorecards' });
  try {
    const { api } = server;
    await createCatalog(api);
    const load = machineLoad();

    // Interleaved chunk by chunk, the order turned round each time; each ratio within a round, then the median.
    const rates = { plain: [] as number[], acknowledged: [] as number[], evaluated: [] as number[] };
    const progress = progressLine(`${dialect} ingest`);
    for (let from = 0, round = 0; from < ENTITIES; from += CHUNK, round++) {
      const to = Math.min(ENTITIES, from + CHUNK);
      const plain = async () =>
        rates.plain.push((to - from) / (await ingest(api, PLAIN, from, to, false)).acknowledged);
      const scored = async () => {
        const timed = await ingest(api, SCORED, from, to, true);
        rates.acknowledged.push((to - from) / timed.acknowledged);
        rates.evaluated.push((to - from) / timed.evaluated);
      };
      for (const run of round % 2 ? [scored, plain] : [plain, scored]) await run();
      progress(to);
    }
    process.stderr.write('\n');
    const paired = (a: number[]) => median(a.map((value, round) => value / rates.plain[round]!));
    const evaluatedShare = paired(rates.evaluated);

    // A definition change: every entity of the blueprint evaluated again.
    const evaluations: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const started = performance.now();
      const changed = await api.request<{ scorecard: { updatedAt: string } }>(
        'PUT',
        `/v1/blueprints/${SCORED}/scorecards/readiness`,
        readiness(i % 2 ? 2 : 3),
      );
      await until(async () => {
        const { scorecard } = await api.request<{
          scorecard: { updatedAt: string; evaluation?: { status: string; startedAt: string } };
        }>('GET', `/v1/blueprints/${SCORED}/scorecards/readiness`);
        return (
          scorecard.evaluation?.status === 'done' &&
          scorecard.evaluation.startedAt >= changed.scorecard.updatedAt
        );
      }, 50);
      evaluations.push((performance.now() - started) / 1000);
    }

    // A write's effect: a service's production flag flipped, until its rule `live` follows (its level
    // follows too when the rules below pass).
    const own: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const identifier = `svc-${(i * 7919) % ENTITIES}`;
      const before = (await read(api, SCORED, identifier)).entity;
      const production = !before.properties.production;
      const live = (e: Scored) => e.scorecards?.readiness?.rules.find((r) => r.identifier === 'live')?.status;
      const status = live(before);
      const started = performance.now();
      await api.request('PATCH', `/v1/blueprints/${SCORED}/entities/${identifier}`, {
        properties: { production },
      });
      await until(async () => live((await read(api, SCORED, identifier)).entity) !== status);
      own.push(performance.now() - started);
      // Put back, so that the next sample starts from the catalog as generated.
      await api.request('PATCH', `/v1/blueprints/${SCORED}/entities/${identifier}`, {
        properties: { production: !production },
      });
    }
    // Through a relation: a domain's level moved across 3 (the Silver rule on its mirror), until a service
    // of it in the scorecard's filter follows, and until every one of them has (no service of the domain
    // still has the rule's result from before).
    const related: number[] = [];
    const relatedAll: number[] = [];
    const floor: number[] = [];
    /** The domain's last service in the scorecard's filter whose level the move changes. */
    const lastOf = (domain: number) => {
      for (let i = ENTITIES - DOMAINS + domain; i >= 0; i -= DOMAINS)
        if (['tier-1', 'tier-2'].includes(entity(i).properties.tier as string)) return `svc-${i}`;
      throw new Error(`domain ${domain} has no service in the filter`);
    };
    const inFilter = Array.from({ length: 400 }, (_, i) => i).filter((i) =>
      ['tier-1', 'tier-2'].includes(entity(i).properties.tier as string),
    );
    for (let i = 0; i < Math.min(WRITES, 20); i++) {
      const service = inFilter[i % inFilter.length]!;
      const domain = service % DOMAINS;
      const identifier = `svc-${service}`;
      const level = (await read(api, SCORED, identifier)).entity.scorecards?.operations?.level;
      const last = lastOf(domain);
      const before = (await read(api, SCORED, last)).entity.scorecards?.operations?.level;
      const started = performance.now();
      const moved = domain >= 3 ? 0 : 5;
      // Before the write, the rule passes on the domain's services exactly when the domain's level is ≥ 3.
      const stale = () => notYet(api, domain, domain >= 3 ? 'SUCCESS' : 'FAILURE');
      await api.request('PATCH', `/v1/blueprints/${DOMAIN}/entities/d-${domain}`, {
        properties: { level: moved },
      });
      await until(
        async () => (await read(api, SCORED, identifier)).entity.scorecards?.operations?.level !== level,
      );
      related.push(performance.now() - started);
      // The last of the domain's services (a refresh and the evaluator go in id order) is read until it
      // follows, then one search confirms that none is left: a search of 10,000 services every few ms would
      // take the reader's time from the work it waits for.
      await until(
        async () => (await read(api, SCORED, last)).entity.scorecards?.operations?.level !== before,
        10,
      );
      await until(async () => !(await stale()), 25);
      relatedAll.push(performance.now() - started);
      floor.push(await databaseAlone(dialect, server.databaseUrl, domain));
      await api.request('PATCH', `/v1/blueprints/${DOMAIN}/entities/d-${domain}`, {
        properties: { level: domain },
      });
      // Every service of the domain follows back before the next sample.
      await until(async () => !(await notYet(api, domain, domain >= 3 ? 'FAILURE' : 'SUCCESS')), 25);
    }

    // Reads: the same entity of each blueprint, one at a time, interleaved in rounds.
    const readTimes = { scored: [] as number[], plain: [] as number[] };
    for (let i = 0; i < READS; i++) {
      const identifier = `svc-${(i * 104729) % ENTITIES}`;
      const order: Array<keyof typeof readTimes> = i % 2 ? ['scored', 'plain'] : ['plain', 'scored'];
      for (const which of order) {
        const started = performance.now();
        await read(api, which === 'scored' ? SCORED : PLAIN, identifier);
        readTimes[which].push(performance.now() - started);
      }
    }
    const readRatio = median(readTimes.scored) / median(readTimes.plain);

    console.log(
      `\n${dialect}: ${ENTITIES.toLocaleString('en')} services per blueprint, 3 scorecards (10 rules), 2 cores; machine ${fmt(load.busyPercent(), 0)} % busy`,
    );
    printTable([
      {
        measure: 'ingest, without scorecards',
        value: `${fmt(median(rates.plain), 0)} entities/s`,
        goal: '',
        met: '',
      },
      {
        measure: 'ingest with scorecards, acknowledged',
        value: `${fmt(median(rates.acknowledged), 0)} entities/s (${fmt(100 * paired(rates.acknowledged), 0)} %)`,
        goal: '',
        met: '',
      },
      {
        measure: 'ingest with scorecards, results written',
        value: `${fmt(median(rates.evaluated), 0)} entities/s (${fmt(100 * evaluatedShare, 0)} %)`,
        goal: '≥ 50 % of without',
        met: evaluatedShare >= 0.5 ? 'yes' : 'no',
      },
      {
        measure: 'full evaluation after a change',
        value: `median ${fmt(median(evaluations))} s, max ${fmt(Math.max(...evaluations))} s`,
        goal: '≤ 10 s',
        met: Math.max(...evaluations) <= 10 ? 'yes' : 'no',
      },
      {
        measure: 'reads with results / without (median)',
        value: `${fmt(median(readTimes.scored), 2)} / ${fmt(median(readTimes.plain), 2)} ms = ${fmt(100 * readRatio, 0)} %`,
        goal: '≤ 120 %',
        met: readRatio <= 1.2 ? 'yes' : 'no',
      },
    ]);
    printTable([
      summary(
        'a write, until its level follows',
        own,
        'ms',
        'p95 ≤ 1,000 ms',
        percentile(
          [...own].sort((a, b) => a - b),
          95,
        ) <= 1000,
      ),
      summary(
        'a domain write, until a service follows',
        related,
        'ms',
        'p95 ≤ 1,000 ms',
        percentile(
          [...related].sort((a, b) => a - b),
          95,
        ) <= 1000,
      ),
      summary(
        `a domain write, until all ${fmt(ENTITIES / DOMAINS, 0)} follow`,
        relatedAll,
        'ms',
        'p95 ≤ 1,000 ms',
        percentile(
          [...relatedAll].sort((a, b) => a - b),
          95,
        ) <= 1000,
      ),
      summary('the database alone rewriting what they must', floor, 'ms', ''),
    ]);
    const p95 = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        95,
      );
    console.log(
      `all follow ÷ the database alone, at p95: ${fmt(p95(relatedAll) / p95(floor), 1)} (the least any design keeping results, versions and history in the database pays on this machine now)`,
    );
  } finally {
    await server.stop();
  }
}
