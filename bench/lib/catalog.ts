import type { Api } from './api.js';

/** The benchmark's catalog: services (10 properties, 2 relations) owned by teams, part of systems. */
export const SERVICE = 'bench_service';
export const TEAM = 'bench_team';
export const SYSTEM = 'bench_system';
export const TEAMS = 100;
export const SYSTEMS = 1000;

export const TIERS = ['tier-1', 'tier-2', 'tier-3', 'tier-4'];
export const LANGUAGES = ['go', 'java', 'python', 'typescript', 'rust', 'kotlin', 'ruby', 'csharp'];

/** The properties of a bench service: ten of the common kinds. */
export const SERVICE_PROPERTIES = {
  tier: { type: 'string', enum: TIERS },
  language: { type: 'string', enum: LANGUAGES },
  description: { type: 'string', maxLength: 200 },
  slackChannel: { type: 'string', maxLength: 80 },
  score: { type: 'number' },
  replicas: { type: 'number' },
  production: { type: 'boolean' },
  deployedAt: { type: 'string', format: 'date-time' },
  repository: { type: 'string', format: 'url' },
  tags: { type: 'array', items: { type: 'string' } },
};

/** The relations of a bench service (with `chain`, also DEPENDS_ON). */
export const SERVICE_RELATIONS: Record<string, { target: string; required: boolean; many: boolean }> = {
  team: { target: TEAM, required: true, many: false },
  systems: { target: SYSTEM, required: false, many: true },
};

const serviceBlueprint = {
  identifier: SERVICE,
  title: 'Bench service',
  schema: {
    properties: SERVICE_PROPERTIES,
    required: ['tier', 'language'],
  },
  relations: SERVICE_RELATIONS,
};

/** The optional self-relation of services (bench:search): svc-i depends on svc-(i-1), one long chain. */
export const DEPENDS_ON = 'dependsOn';

/**
 * Creates the blueprints and the relation targets (teams and systems); with `chain`, services have the
 * relation `dependsOn` (to a service), which serviceEntity fills when asked.
 */
export async function createCatalog(api: Api, { chain = false } = {}) {
  for (const identifier of [TEAM, SYSTEM])
    await api.post('/v1/blueprints', {
      identifier,
      title: identifier,
      schema: { properties: { label: { type: 'string', maxLength: 100 } }, required: [] },
    });
  await api.post(
    '/v1/blueprints',
    chain
      ? {
          ...serviceBlueprint,
          relations: {
            ...serviceBlueprint.relations,
            [DEPENDS_ON]: { target: SERVICE, required: false, many: false },
          },
        }
      : serviceBlueprint,
  );
  const targets = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      identifier: `${prefix}-${i}`,
      properties: { label: `${prefix} ${i}` },
    }));
  await api.post(`/v1/blueprints/${TEAM}/entities/bulk?upsert=true`, { entities: targets('team', TEAMS) });
  await api.post(`/v1/blueprints/${SYSTEM}/entities/bulk?upsert=true`, {
    entities: targets('system', SYSTEMS),
  });
}

/** A small, fast, deterministic generator, so every run writes the same catalog. */
function random(seed: number) {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const pick = <T>(list: T[], r: number) => list[Math.floor(r * list.length)]!;
const BASE_TIME = Date.UTC(2026, 0, 1);

/** Service number `i`, in Port's entity JSON; with `chain`, depending on service i - 1. */
export function serviceEntity(i: number, chain = false) {
  const r = (k: number) => random(i * 16 + k);
  const system = Math.floor(r(1) * SYSTEMS);
  return {
    identifier: `svc-${i}`,
    title: `Service ${i}`,
    properties: {
      tier: pick(TIERS, r(2)),
      language: pick(LANGUAGES, r(3)),
      description: `Service number ${i}, generated for the ingest and search benchmarks`,
      slackChannel: `#team-svc-${i % 5000}`,
      score: Math.round(r(4) * 10_000) / 100,
      replicas: 1 + Math.floor(r(5) * 12),
      production: r(6) < 0.6,
      deployedAt: new Date(BASE_TIME + Math.floor(r(7) * 300 * 86_400_000)).toISOString(),
      repository: `https://git.example.com/acme/svc-${i}`,
      tags: [pick(['api', 'worker', 'cron', 'ui'], r(8)), pick(['eu', 'us', 'apac'], r(9))],
    },
    relations: {
      team: `team-${i % TEAMS}`,
      systems: r(10) < 0.5 ? [`system-${system}`] : [`system-${system}`, `system-${(system + 1) % SYSTEMS}`],
      ...(chain && i > 0 ? { [DEPENDS_ON]: `svc-${i - 1}` } : {}),
    },
  };
}
