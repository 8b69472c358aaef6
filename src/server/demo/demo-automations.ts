/**
 * The demo's automations (port-model §6) and the blueprints they write: developer environments deleted
 * when their TTL runs out (Port's recipe) with their owner told, an incident opened when a service starts
 * failing, and every self-service run recorded as an entity. Everything happens inside Portico: WEBHOOKs to
 * Port's API are answered in process, and notifications are entities, so nothing leaves the machine.
 */

const failing = 'failing';

/**
 * A message for one person. Each reads only their own (a read policy on `recipient`); Admins read all.
 * Neither a relation to the recipient's _user (not everyone who owns an environment has one: the seeded
 * owner, an API client) nor to the environment (it is gone when its owner is told).
 */
export const NOTIFICATION_BLUEPRINT = {
  identifier: 'notification',
  title: 'Notification',
  icon: 'Bell',
  description: 'A message for one person, written by an automation; each person reads their own',
  schema: {
    properties: {
      recipient: { type: 'string', format: 'user', title: 'Recipient' },
      message: { type: 'string', format: 'markdown', title: 'Message' },
      kind: {
        type: 'string',
        title: 'Kind',
        enum: ['environment-expired'],
        enumColors: { 'environment-expired': 'orange' },
      },
      subject: { type: 'string', title: 'About' },
      sentAt: { type: 'string', format: 'date-time', title: 'Sent' },
    },
    required: ['recipient'],
  },
  relations: { service: { title: 'Service', target: 'service', required: false, many: false } },
};

/** An incident of a service, owned by the service's own teams (its `team` field). */
export const INCIDENT_BLUEPRINT = {
  identifier: 'incident',
  title: 'Incident',
  icon: 'Alert',
  description: 'Something is wrong with a service; opened by an automation when the service starts failing',
  schema: {
    properties: {
      status: {
        type: 'string',
        title: 'Status',
        enum: ['open', 'resolved'],
        enumColors: { open: 'red', resolved: 'green' },
        default: 'open',
      },
      severity: {
        type: 'string',
        title: 'Severity',
        enum: ['critical', 'high', 'medium'],
        enumColors: { critical: 'red', high: 'orange', medium: 'yellow' },
      },
      description: { type: 'string', format: 'markdown', title: 'Description' },
      openedAt: { type: 'string', format: 'date-time', title: 'Opened' },
      reportedBy: { type: 'string', title: 'Reported by' },
    },
    required: ['status'],
  },
  relations: { service: { title: 'Service', target: 'service', required: false, many: false } },
};

/**
 * A self-service run as a catalog entity (Port's `action_run` recipe), keyed by the run's id. The status of
 * each run event goes into the property of its phase — waiting, started, result — and `status` is the
 * latest phase reached: an automation's runs are carried out concurrently, so the write of a run's start
 * may land after the write of its end, and phases only move forward.
 */
export const ACTION_RUN_BLUEPRINT = {
  identifier: 'action_run',
  title: 'Action run',
  icon: 'Rocket',
  description: 'Every run of a self-service action, recorded by an automation as it changes',
  schema: {
    properties: {
      action: { type: 'string', title: 'Action' },
      runBy: { type: 'string', format: 'user', title: 'Run by' },
      requestedAt: { type: 'string', format: 'date-time', title: 'Requested' },
      endedAt: { type: 'string', format: 'date-time', title: 'Ended' },
      statusLabel: { type: 'string', title: 'Status label' },
      waiting: { type: 'string', title: 'Phase: waiting', enum: ['WAITING_FOR_APPROVAL'] },
      started: { type: 'string', title: 'Phase: started', enum: ['IN_PROGRESS'] },
      result: { type: 'string', title: 'Phase: result', enum: ['SUCCESS', 'FAILURE', 'DECLINED'] },
    },
    required: [],
  },
  calculationProperties: {
    status: {
      title: 'Status',
      type: 'string',
      calculation: '.properties.result // .properties.started // .properties.waiting',
    },
  },
  relations: {
    service: { title: 'Service', target: 'service', required: false, many: false },
    environment: { title: 'Environment', target: 'environment', required: false, many: false },
  },
};

export const DEMO_AUTOMATION_BLUEPRINTS = [NOTIFICATION_BLUEPRINT, INCIDENT_BLUEPRINT, ACTION_RUN_BLUEPRINT];

/**
 * Each person reads their own notifications and the records of their own runs; an incident is its service's
 * teams' to update (resolve).
 */
export const DEMO_AUTOMATION_PERMISSIONS: Array<[string, Record<string, unknown>]> = [
  [
    'notification',
    {
      entities: {
        read: {
          roles: ['Admin'],
          policy: {
            combinator: 'and',
            rules: [
              {
                property: 'recipient',
                operator: '=',
                value: { context: 'user', property: '$identifier' },
              },
            ],
          },
        },
      },
    },
  ],
  ['incident', { entities: { update: { roles: ['Admin'], ownedByTeam: true } } }],
  // A run is hidden from others unless its action lets them see it (allowAnyoneToViewRuns, the actions they
  // may run): its record, written by an automation as an Admin, would tell them every run of every action.
  // So each person reads the records of their own runs; Admins read all.
  [
    'action_run',
    {
      entities: {
        read: {
          roles: ['Admin'],
          policy: {
            combinator: 'and',
            rules: [
              { property: 'runBy', operator: '=', value: { context: 'user', property: '$identifier' } },
            ],
          },
        },
      },
    },
  ],
];

/** The entity a run is on, if it is of `blueprint` (relations take one blueprint each). */
const runEntityOf = (blueprint: string) =>
  `{{ .event.diff.after | if .blueprint.identifier == "${blueprint}" then .entity.identifier else null end }}`;

export const DEMO_AUTOMATIONS: Array<Record<string, unknown>> = [
  {
    identifier: 'delete_expired_environment',
    title: 'Delete an environment when its TTL expires',
    icon: 'Clock',
    description: "Port's recipe: the TTL timer fires, and the environment is deleted through Port's API",
    trigger: {
      type: 'automation',
      event: {
        type: 'TIMER_PROPERTY_EXPIRED',
        blueprintIdentifier: 'environment',
        propertyIdentifier: 'ttl',
      },
    },
    // Answered by Portico itself, as the automation: no token to store, nothing leaves the machine.
    invocationMethod: {
      type: 'WEBHOOK',
      url: 'https://api.getport.io/v1/blueprints/environment/entities/{{ .event.context.entityIdentifier }}',
      method: 'DELETE',
      synchronized: true,
    },
    publish: true,
  },
  {
    identifier: 'notify_environment_owner',
    title: "Tell an environment's owner that it expired",
    icon: 'Bell',
    description: 'Once the TTL automation has deleted an environment, a notification for its owner',
    trigger: {
      type: 'automation',
      event: { type: 'ENTITY_DELETED', blueprintIdentifier: 'environment' },
      // Only deletions by the TTL automation: someone deleting their own environment knows already.
      condition: {
        type: 'JQ',
        combinator: 'and',
        expressions: ['.trigger.by.userId == "automation:delete_expired_environment"'],
      },
    },
    invocationMethod: {
      type: 'UPSERT_ENTITY',
      blueprintIdentifier: 'notification',
      mapping: {
        identifier: '{{ .event.context.entityIdentifier + "-expired-" + .run.id }}',
        title: '{{ "Your environment " + .event.context.entityIdentifier + " expired and was deleted" }}',
        properties: {
          recipient: '{{ .event.diff.before.properties.owner }}',
          message:
            '{{ "Its TTL ran out at " + .event.diff.before.properties.ttl + ". Spin up a new one from Self-service when you need it, and extend its TTL before it runs out." }}',
          kind: 'environment-expired',
          subject: '{{ .event.context.entityIdentifier }}',
          sentAt: '{{ .trigger.at }}',
        },
        relations: { service: '{{ .event.diff.before.relations.service }}' },
      },
    },
    publish: true,
  },
  {
    identifier: 'open_incident_on_failing_service',
    title: 'Open an incident when a service starts failing',
    icon: 'Alert',
    trigger: {
      type: 'automation',
      event: { type: 'ENTITY_UPDATED', blueprintIdentifier: 'service' },
      condition: {
        type: 'JQ',
        combinator: 'and',
        expressions: [
          `.diff.before.properties.health != "${failing}"`,
          `.diff.after.properties.health == "${failing}"`,
        ],
      },
    },
    invocationMethod: {
      type: 'UPSERT_ENTITY',
      blueprintIdentifier: 'incident',
      mapping: {
        identifier: '{{ .event.context.entityIdentifier + "-" + .run.id }}',
        title: '{{ (.event.diff.after.title // .event.context.entityIdentifier) + " is failing" }}',
        team: '{{ .event.diff.after.team }}',
        properties: {
          status: 'open',
          severity:
            '{{ .event.diff.after.properties.tier | if . == 1 then "critical" elif . == 2 then "high" else "medium" end }}',
          description:
            '{{ "Health went from " + (.event.diff.before.properties.health // "unknown") + " to failing." }}',
          openedAt: '{{ .event.trigger.at }}',
          reportedBy: '{{ .event.trigger.by.userId }}',
        },
        relations: { service: '{{ .event.context.entityIdentifier }}' },
      },
    },
    publish: true,
  },
  {
    identifier: 'record_action_runs',
    title: 'Record every self-service run as an action_run entity',
    icon: 'Rocket',
    // No actionIdentifier (Portico): the runs of every self-service action, not automations' runs.
    trigger: { type: 'automation', event: { type: 'ANY_RUN_CHANGE' } },
    invocationMethod: {
      type: 'UPSERT_ENTITY',
      blueprintIdentifier: 'action_run',
      mapping: {
        identifier: '{{ .event.diff.after.id }}',
        title: '{{ .event.diff.after.action.title // .event.diff.after.action.identifier }}',
        properties: {
          action: '{{ .event.diff.after.action.identifier }}',
          runBy: '{{ .event.diff.after.createdBy }}',
          requestedAt: '{{ .event.diff.after.createdAt }}',
          // The run's status in the property of its phase; its end, once it has one.
          '{{ spreadValue() }}':
            '{{ .event.diff.after | if .status == "WAITING_FOR_APPROVAL" then {waiting: .status} elif .status == "IN_PROGRESS" then {started: .status} else ({result: .status, endedAt, statusLabel} | with_entries(select(.value != null))) end }}',
        },
        relations: { service: runEntityOf('service'), environment: runEntityOf('environment') },
      },
    },
    publish: true,
  },
];
