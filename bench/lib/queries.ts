import { LANGUAGES, SERVICE, TEAM, TEAMS, TIERS } from './catalog.js';

/** The measured searches; run `i` varies the values so that no two consecutive runs are the same query. */
export const SEARCHES: Record<string, (i: number) => unknown> = {
  'filter + sort, limit 50': (i) => ({
    query: {
      combinator: 'and',
      rules: [{ property: 'tier', operator: '=', value: TIERS[i % TIERS.length] }],
    },
    sort: { property: 'score', order: 'DESC' },
    limit: 50,
  }),
  // Issue 16's slow shapes: OR across an array rule and a scalar one, under AND with a range; and (below)
  // relatedTo a team, whose walk in bench:search goes on through services' 100,000-long dependsOn chain.
  'and(or(tags containsAny, production = true), score < x), limit 50': (i) => ({
    query: {
      combinator: 'and',
      rules: [
        {
          combinator: 'or',
          rules: [
            { property: 'tags', operator: 'containsAny', value: [['api', 'worker', 'cron', 'ui'][i % 4]] },
            { property: 'production', operator: '=', value: true },
          ],
        },
        { property: 'score', operator: '<', value: 5 + (i % 5) },
      ],
    },
    limit: 50,
  }),
  'relatedTo a team, limit 50': (i) => ({
    query: {
      combinator: 'and',
      rules: [{ operator: 'relatedTo', blueprint: 'bench_team', value: `team-${(i * 7) % TEAMS}` }],
    },
    limit: 50,
  }),
  'nested and/or (3 rules), limit 50': (i) => ({
    query: {
      combinator: 'and',
      rules: [
        { property: 'production', operator: '=', value: i % 2 === 0 },
        {
          combinator: 'or',
          rules: [
            { property: 'language', operator: '=', value: LANGUAGES[i % LANGUAGES.length] },
            { property: 'score', operator: '>', value: 90 + (i % 10) },
          ],
        },
      ],
    },
    limit: 50,
  }),
};

/**
 * Searches timed with and without `?as_of=` (issue 13): relation rules over the catalog as it was, each
 * with the blueprint searched. Run `i` varies the entity the walk starts from, among `size` services.
 */
export const AS_OF_SEARCHES: Record<
  string,
  { blueprint: string; body: (i: number, size: number) => unknown }
> = {
  'relatedTo a team, downstream, required, limit 50': {
    blueprint: SERVICE,
    body: (i) => ({
      query: {
        combinator: 'and',
        rules: [
          {
            operator: 'relatedTo',
            blueprint: TEAM,
            value: `team-${(i * 7) % TEAMS}`,
            direction: 'downstream',
            required: true,
          },
        ],
      },
      limit: 50,
    }),
  },
  'relatedTo a service, upstream, required, limit 50': {
    blueprint: TEAM,
    body: (i, size) => ({
      query: {
        combinator: 'and',
        rules: [
          {
            operator: 'relatedTo',
            blueprint: SERVICE,
            value: `svc-${(i * 7919) % size}`,
            direction: 'upstream',
            required: true,
          },
        ],
      },
      limit: 50,
    }),
  },
};
