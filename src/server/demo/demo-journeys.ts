/**
 * The demo's self-service journeys (port-model §5): developer environments with a TTL, and actions on
 * services. The two WEBHOOK actions have `"agent": true`: the runner that `npm start` runs in-process
 * (examples/runner, pull mode) claims their runs, so nothing has to reach an inbound address. The
 * URL's path names the runner's job.
 */
const RUNNER_URL = 'http://portico-runner';
const FIVE_DAYS = 5 * 24 * 3600;
const THREE_DAYS = 3 * 24 * 3600;

export const ENVIRONMENT_BLUEPRINT = {
  identifier: 'environment',
  title: 'Environment',
  icon: 'Environment',
  description: 'A short-lived developer environment, torn down when its TTL has passed',
  schema: {
    properties: {
      ttl: { type: 'string', format: 'timer', title: 'TTL' },
      owner: { type: 'string', format: 'user', title: 'Owner' },
      branch: { type: 'string', title: 'Branch' },
      url: { type: 'string', format: 'url', title: 'URL' },
    },
    required: [],
  },
  relations: { service: { title: 'Service', target: 'service', required: false, many: false } },
};

/** Members run the journeys; these grants let the entity writes of their runs through. */
export const DEMO_PERMISSIONS: Array<[string, Record<string, unknown>]> = [
  // Developer environments are everyone's sandbox: any member creates one and extends any; and, able to set
  // any one's TTL, may have any torn down (docs/automations.md, Limits).
  [
    'environment',
    { entities: { register: { roles: ['Admin', 'Member'] }, update: { roles: ['Admin', 'Member'] } } },
  ],
  // A service's own team locks its deployments and sets its environment variables.
  [
    'service',
    {
      entities: {
        updateProperties: {
          deploymentsLocked: { ownedByTeam: true },
          environmentVariables: { ownedByTeam: true },
        },
      },
    },
  ],
];

const unlocked = {
  type: 'SEARCH',
  combinator: 'and',
  rules: [{ property: 'deploymentsLocked', operator: '!=', value: true }],
};
const locked = {
  type: 'SEARCH',
  combinator: 'and',
  rules: [{ property: 'deploymentsLocked', operator: '=', value: true }],
};
const noInputs = { properties: {}, required: [] };
const setLock = (value: boolean) => ({
  type: 'UPSERT_ENTITY',
  blueprintIdentifier: 'service',
  mapping: { identifier: '{{ .entity.identifier }}', properties: { deploymentsLocked: value } },
});

export const DEMO_ACTIONS: Array<Record<string, unknown>> = [
  {
    identifier: 'scaffold_service',
    title: 'Scaffold a new microservice',
    icon: 'Microservice',
    description: 'Creates a repository from a template and registers the service in the catalog',
    trigger: {
      type: 'self-service',
      operation: 'CREATE',
      blueprintIdentifier: 'service',
      userInputs: {
        properties: {
          name: {
            type: 'string',
            title: 'Name',
            description: 'Lower-case letters, digits and dashes, e.g. payments-service',
            pattern: '^[a-z][a-z0-9-]{1,62}$',
          },
          title: { type: 'string', title: 'Title' },
          language: {
            type: 'string',
            title: 'Language',
            enum: ['Java', 'Go', 'TypeScript', 'Python'],
            default: 'TypeScript',
          },
          owner: { type: 'string', format: 'entity', blueprint: 'team', title: 'Owning team' },
          system: { type: 'string', format: 'entity', blueprint: 'system', title: 'System' },
        },
        required: ['name', 'language'],
        order: ['name', 'title', 'language', 'owner', 'system'],
      },
      actionCardButtonText: 'Scaffold',
    },
    invocationMethod: {
      type: 'WEBHOOK',
      agent: true,
      url: `${RUNNER_URL}/scaffold`,
      body: {
        runId: '{{ .run.id }}',
        name: '{{ .inputs.name }}',
        title: '{{ .inputs.title }}',
        language: '{{ .inputs.language }}',
        owner: '{{ .inputs.owner.identifier }}',
        system: '{{ .inputs.system.identifier }}',
        requestedBy: '{{ .trigger.by.user.email }}',
      },
    },
    requiredApproval: false,
  },
  {
    identifier: 'spin_up_environment',
    title: 'Spin up a developer environment for 5 days',
    icon: 'Environment',
    description: 'A preview environment of a service, torn down after five days unless extended',
    trigger: {
      type: 'self-service',
      operation: 'CREATE',
      blueprintIdentifier: 'environment',
      userInputs: {
        properties: {
          name: { type: 'string', title: 'Name', pattern: '^[a-z][a-z0-9-]{1,62}$' },
          service: { type: 'string', format: 'entity', blueprint: 'service', title: 'Service' },
          branch: { type: 'string', title: 'Branch', default: 'main' },
        },
        required: ['name', 'service'],
        order: ['name', 'service', 'branch'],
      },
      actionCardButtonText: 'Spin up',
    },
    invocationMethod: {
      type: 'UPSERT_ENTITY',
      blueprintIdentifier: 'environment',
      mapping: {
        identifier: '{{ .inputs.name }}',
        title: '{{ .inputs.name }}',
        properties: {
          ttl: `{{ (now + ${FIVE_DAYS}) | todate }}`,
          owner: '{{ .trigger.by.user.email }}',
          branch: '{{ .inputs.branch }}',
          url: 'https://{{ .inputs.name }}.dev.example.com',
        },
        relations: { service: '{{ .inputs.service.identifier }}' },
      },
    },
    requiredApproval: false,
  },
  {
    identifier: 'extend_environment_ttl',
    title: 'Extend TTL by 3 days',
    icon: 'Clock',
    trigger: {
      type: 'self-service',
      operation: 'DAY-2',
      blueprintIdentifier: 'environment',
      userInputs: noInputs,
      actionCardButtonText: 'Extend',
    },
    invocationMethod: {
      type: 'UPSERT_ENTITY',
      blueprintIdentifier: 'environment',
      mapping: {
        identifier: '{{ .entity.identifier }}',
        // Stored TTLs are UTC ("…Z", with any fraction of a second): jq's fromdate reads the whole seconds.
        properties: {
          ttl: `{{ (.entity.properties.ttl // (now | todate)) | .[0:19] + "Z" | fromdate + ${THREE_DAYS} | todate }}`,
        },
      },
    },
    requiredApproval: false,
  },
  {
    identifier: 'lock_deployments',
    title: 'Lock deployments',
    icon: 'Lock',
    description: 'Stops deployments of the service (a release freeze, an incident)',
    trigger: {
      type: 'self-service',
      operation: 'DAY-2',
      blueprintIdentifier: 'service',
      userInputs: noInputs,
      condition: unlocked,
      actionCardButtonText: 'Lock',
    },
    invocationMethod: setLock(true),
    requiredApproval: false,
  },
  {
    identifier: 'unlock_deployments',
    title: 'Unlock deployments',
    icon: 'Unlock',
    trigger: {
      type: 'self-service',
      operation: 'DAY-2',
      blueprintIdentifier: 'service',
      userInputs: noInputs,
      condition: locked,
      actionCardButtonText: 'Unlock',
    },
    invocationMethod: setLock(false),
    requiredApproval: false,
  },
  {
    identifier: 'add_environment_variable',
    title: 'Add environment variable to service',
    icon: 'Code',
    trigger: {
      type: 'self-service',
      operation: 'DAY-2',
      blueprintIdentifier: 'service',
      userInputs: {
        properties: {
          key: { type: 'string', title: 'Name', pattern: '^[A-Z_][A-Z0-9_]{0,127}$' },
          value: { type: 'string', title: 'Value' },
        },
        required: ['key', 'value'],
        order: ['key', 'value'],
      },
      actionCardButtonText: 'Add',
    },
    invocationMethod: {
      type: 'UPSERT_ENTITY',
      blueprintIdentifier: 'service',
      mapping: {
        identifier: '{{ .entity.identifier }}',
        properties: {
          environmentVariables:
            '{{ (.entity.properties.environmentVariables // {}) + {(.inputs.key): .inputs.value} }}',
        },
      },
    },
    requiredApproval: false,
  },
  {
    identifier: 'deploy_service',
    title: 'Deploy',
    icon: 'Deployment',
    description: 'Builds and rolls out a version of the service, once an admin approves',
    trigger: {
      type: 'self-service',
      operation: 'DAY-2',
      blueprintIdentifier: 'service',
      userInputs: {
        properties: {
          version: { type: 'string', title: 'Version', default: 'latest' },
          environment: {
            type: 'string',
            title: 'Environment',
            enum: ['staging', 'production'],
            default: 'staging',
          },
        },
        required: ['version', 'environment'],
        order: ['version', 'environment'],
      },
      condition: unlocked,
      actionCardButtonText: 'Deploy',
    },
    invocationMethod: {
      type: 'WEBHOOK',
      agent: true,
      url: `${RUNNER_URL}/deploy`,
      body: {
        runId: '{{ .run.id }}',
        service: '{{ .entity.identifier }}',
        version: '{{ .inputs.version }}',
        environment: '{{ .inputs.environment }}',
        requestedBy: '{{ .trigger.by.user.email }}',
      },
    },
    requiredApproval: true,
  },
];

/** One environment to extend right away, its TTL counted from when the demo is loaded. */
export function demoEnvironments(nowMs: number) {
  return [
    {
      identifier: 'cart-service-preview',
      title: 'cart-service-preview',
      properties: {
        ttl: new Date(nowMs + 2 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
        owner: 'ada@example.com',
        branch: 'feature/saved-carts',
        url: 'https://cart-service-preview.dev.example.com',
      },
      relations: { service: 'cart-service' },
    },
  ];
}
