/** The demo catalog: a small e-commerce estate, modelled the way a portal shows it. */
export const DEMO_BLUEPRINTS = [
  {
    identifier: 'team',
    title: 'Team',
    icon: 'Team',
    description: 'A group of people who own software',
    schema: {
      properties: {
        slack: { type: 'string', format: 'url', title: 'Slack channel' },
        manager: { type: 'string', format: 'email', title: 'Manager' },
      },
      required: [],
    },
    relations: {},
  },
  {
    identifier: 'domain',
    title: 'Domain',
    icon: 'Cloud',
    description: 'A business area, grouping systems',
    schema: {
      properties: { description: { type: 'string', format: 'markdown', title: 'Description' } },
      required: [],
    },
    relations: { owner: { title: 'Owner', target: 'team', required: false, many: false } },
  },
  {
    identifier: 'system',
    title: 'System',
    icon: 'Cluster',
    description: 'A collection of services and resources that together provide a capability',
    schema: { properties: { description: { type: 'string', title: 'Description' } }, required: [] },
    relations: {
      domain: { title: 'Domain', target: 'domain', required: false, many: false },
      owner: { title: 'Owner', target: 'team', required: false, many: false },
    },
    mirrorProperties: { domainTitle: { title: 'Domain', path: 'domain.$title' } },
  },
  {
    identifier: 'api',
    title: 'API',
    icon: 'Link',
    description: 'An interface a service provides',
    schema: {
      properties: {
        type: {
          type: 'string',
          title: 'Type',
          enum: ['openapi', 'asyncapi', 'graphql', 'grpc'],
          enumColors: { openapi: 'green', asyncapi: 'purple', graphql: 'pink', grpc: 'blue' },
        },
        lifecycle: { type: 'string', title: 'Lifecycle', enum: ['experimental', 'production', 'deprecated'] },
        definition: { type: 'string', format: 'url', title: 'Definition', spec: 'open-api' },
      },
      required: ['type'],
    },
    relations: {
      system: { title: 'System', target: 'system', required: false, many: false },
      owner: { title: 'Owner', target: 'team', required: false, many: false },
    },
  },
  {
    identifier: 'resource',
    title: 'Resource',
    icon: 'Database',
    description: 'Infrastructure a service needs to run: databases, buckets, queues',
    schema: {
      properties: {
        type: { type: 'string', title: 'Type', enum: ['database', 's3-bucket', 'queue', 'cache'] },
        engine: { type: 'string', title: 'Engine' },
      },
      required: ['type'],
    },
    relations: {
      system: { title: 'System', target: 'system', required: false, many: false },
      owner: { title: 'Owner', target: 'team', required: false, many: false },
    },
  },
  {
    identifier: 'library',
    title: 'Library',
    icon: 'Package',
    description: 'Shared code that services depend on',
    schema: {
      properties: {
        language: { type: 'string', title: 'Language', enum: ['Java', 'Go', 'TypeScript', 'Python'] },
        version: { type: 'string', title: 'Latest version' },
        repository: { type: 'string', format: 'url', title: 'Repository' },
      },
      required: [],
    },
    relations: { owner: { title: 'Owner', target: 'team', required: false, many: false } },
  },
  {
    identifier: 'service',
    title: 'Service',
    icon: 'Microservice',
    description: 'A deployable unit of software',
    schema: {
      properties: {
        language: {
          type: 'string',
          title: 'Language',
          enum: ['Java', 'Go', 'TypeScript', 'Python'],
          enumColors: { Java: 'orange', Go: 'blue', TypeScript: 'turquoise', Python: 'yellow' },
        },
        lifecycle: {
          type: 'string',
          title: 'Lifecycle',
          enum: ['experimental', 'production', 'deprecated'],
          default: 'production',
        },
        tier: { type: 'number', title: 'Tier', minimum: 1, maximum: 3 },
        repository: { type: 'string', format: 'url', title: 'Repository' },
        onCall: { type: 'string', format: 'email', title: 'On call' },
        pii: { type: 'boolean', title: 'Handles PII', default: false },
        tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
        lastDeployedAt: { type: 'string', format: 'date-time', title: 'Last deployed' },
        readme: { type: 'string', format: 'markdown', title: 'README' },
        deploymentsLocked: { type: 'boolean', title: 'Deployments locked' },
        // Set by monitoring; moving to "failing" opens an incident (demo-automations.ts).
        health: {
          type: 'string',
          title: 'Health',
          enum: ['healthy', 'degraded', 'failing'],
          enumColors: { healthy: 'green', degraded: 'yellow', failing: 'red' },
        },
        environmentVariables: { type: 'object', title: 'Environment variables' },
      },
      required: ['language'],
    },
    relations: {
      system: { title: 'System', target: 'system', required: false, many: false },
      providesApis: { title: 'Provides APIs', target: 'api', required: false, many: true },
      consumesApis: { title: 'Consumes APIs', target: 'api', required: false, many: true },
      resources: { title: 'Uses resources', target: 'resource', required: false, many: true },
      libraries: { title: 'Uses libraries', target: 'library', required: false, many: true },
      owner: { title: 'Owner', target: 'team', required: false, many: false },
    },
    mirrorProperties: {
      systemTitle: { title: 'System', path: 'system.$title' },
      domainTitle: { title: 'Domain', path: 'system.domain.$title' },
    },
    calculationProperties: {
      slackChannel: {
        title: 'Slack',
        type: 'string',
        format: 'url',
        calculation: "'https://slack.com/app_redirect?channel=' + .identifier",
      },
    },
  },
] as const;

export const DEMO_ENTITIES: Array<[string, Array<Record<string, unknown>>]> = [
  // Portico's own teams: entities name them as owners in their "team" field.
  [
    '_team',
    [
      {
        identifier: 'checkout-team',
        title: 'Checkout Team',
        properties: { description: 'Cart and checkout' },
      },
      {
        identifier: 'catalog-team',
        title: 'Catalog Team',
        properties: { description: 'Products and search' },
      },
      {
        identifier: 'platform-team',
        title: 'Platform Team',
        properties: { description: 'Shared infrastructure' },
      },
    ],
  ],
  [
    'team',
    [
      {
        identifier: 'checkout-team',
        title: 'Checkout Team',
        properties: { slack: 'https://slack.com/app_redirect?channel=checkout', manager: 'ada@example.com' },
      },
      {
        identifier: 'catalog-team',
        title: 'Catalog Team',
        properties: { slack: 'https://slack.com/app_redirect?channel=catalog', manager: 'grace@example.com' },
      },
      { identifier: 'platform-team', title: 'Platform Team', properties: { manager: 'linus@example.com' } },
    ],
  ],
  [
    'domain',
    [
      {
        identifier: 'order-domain',
        title: 'Order Domain',
        properties: { description: 'Everything from browsing to a paid order.' },
        relations: { owner: 'checkout-team' },
      },
    ],
  ],
  [
    'system',
    [
      {
        identifier: 'cart-system',
        title: 'Cart System',
        properties: { description: 'Shopping carts and checkout' },
        relations: { domain: 'order-domain', owner: 'checkout-team' },
      },
      {
        identifier: 'products-system',
        title: 'Products System',
        properties: { description: 'The product catalogue' },
        relations: { domain: 'order-domain', owner: 'catalog-team' },
      },
    ],
  ],
  [
    'api',
    [
      {
        identifier: 'cart-api',
        title: 'Cart API',
        properties: { type: 'openapi', lifecycle: 'production' },
        relations: { system: 'cart-system', owner: 'checkout-team' },
      },
    ],
  ],
  [
    'resource',
    [
      {
        identifier: 'cart-db',
        title: 'Cart Resource',
        properties: { type: 'database', engine: 'PostgreSQL 16' },
        relations: { system: 'cart-system', owner: 'checkout-team' },
      },
    ],
  ],
  [
    'library',
    [
      {
        identifier: 'core-kafka-library',
        title: 'Core Kafka Library',
        properties: { language: 'Java', version: '3.2.0' },
        relations: { owner: 'platform-team' },
      },
      {
        identifier: 'core-payment-library',
        title: 'Core Payment Library',
        properties: { language: 'Java', version: '1.8.4' },
        relations: { owner: 'checkout-team' },
      },
    ],
  ],
  [
    'service',
    [
      {
        identifier: 'cart-service',
        title: 'Cart Service',
        team: ['checkout-team'],
        properties: {
          language: 'Java',
          tier: 1,
          repository: 'https://git.example.com/shop/cart-service',
          onCall: 'ada@example.com',
          health: 'healthy',
          pii: true,
          tags: ['checkout', 'critical'],
          lastDeployedAt: '2026-11-20T10:00:00.000Z',
          readme: '# Cart Service\nKeeps carts and turns them into orders.',
        },
        relations: {
          system: 'cart-system',
          providesApis: ['cart-api'],
          resources: ['cart-db'],
          libraries: ['core-kafka-library', 'core-payment-library'],
          owner: 'checkout-team',
        },
      },
      {
        identifier: 'products-service',
        title: 'Products Service',
        team: ['catalog-team'],
        properties: {
          language: 'Go',
          tier: 2,
          repository: 'https://git.example.com/shop/products-service',
          onCall: 'grace@example.com',
          health: 'healthy',
          tags: ['catalogue'],
          lastDeployedAt: '2026-11-24T08:30:00.000Z',
        },
        relations: {
          system: 'products-system',
          consumesApis: ['cart-api'],
          libraries: ['core-kafka-library'],
          owner: 'catalog-team',
        },
      },
    ],
  ],
];
