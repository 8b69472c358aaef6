/**
 * The demo catalog's scorecard and initiative (docs/scorecards.md explains them): production readiness of
 * services, on stored, mirrored and meta values, and an initiative to bring both teams to Silver.
 */
export const DEMO_SCORECARDS: Array<[string, Record<string, unknown>]> = [
  [
    'service',
    {
      identifier: 'production-readiness',
      title: 'Production readiness',
      filter: {
        combinator: 'and',
        conditions: [{ property: 'lifecycle', operator: '!=', value: 'deprecated' }],
      },
      rules: [
        {
          identifier: 'has-owner',
          title: 'Has an owning team',
          description: 'Someone answers for it: its team is set.',
          level: 'Bronze',
          query: { combinator: 'and', conditions: [{ property: '$team', operator: 'isNotEmpty' }] },
        },
        {
          identifier: 'has-repository',
          title: 'Has a repository',
          level: 'Bronze',
          query: { combinator: 'and', conditions: [{ property: 'repository', operator: 'isNotEmpty' }] },
        },
        {
          identifier: 'has-on-call',
          title: 'Has an on-call contact',
          level: 'Silver',
          query: { combinator: 'and', conditions: [{ property: 'onCall', operator: 'isNotEmpty' }] },
        },
        {
          identifier: 'has-readme',
          title: 'Has a README',
          level: 'Silver',
          query: { combinator: 'and', conditions: [{ property: 'readme', operator: 'isNotEmpty' }] },
        },
        {
          identifier: 'in-a-domain',
          title: 'Belongs to a domain',
          description: 'Its system is part of a domain (a mirror property: system.domain.$title).',
          level: 'Gold',
          query: { combinator: 'and', conditions: [{ property: 'domainTitle', operator: 'isNotEmpty' }] },
        },
        {
          identifier: 'healthy',
          title: 'Is healthy',
          level: 'Gold',
          query: { combinator: 'and', conditions: [{ property: 'health', operator: '=', value: 'healthy' }] },
        },
      ],
    },
  ],
];

export const DEMO_INITIATIVES: Array<Record<string, unknown>> = [
  {
    identifier: 'production-ready-q1',
    title: 'Every service production-ready (Silver) by the end of Q1',
    description: 'On-call contacts and READMEs for every service of the shop.',
    blueprint: 'service',
    scorecard: 'production-readiness',
    level: 'Silver',
    dueDate: '2027-03-31',
    teams: ['checkout-team', 'catalog-team'],
  },
];
