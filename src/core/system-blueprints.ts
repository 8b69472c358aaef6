/**
 * Portico's own blueprints (port-model §1.8, §9): people and teams are catalog entities, so ownership,
 * relations and search work on them. They are created at start, may be extended with properties and
 * relations, and cannot be deleted nor have their own properties changed.
 */
export const USER_BLUEPRINT = '_user';
export const TEAM_BLUEPRINT = '_team';

export const USER_ROLES = ['Admin', 'Member'] as const;
export const USER_STATUSES = ['Invited', 'Active', 'Disabled'] as const;
export const USER_TYPES = ['Standard', 'Service Account'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type UserStatus = (typeof USER_STATUSES)[number];
export type UserType = (typeof USER_TYPES)[number];

export const SYSTEM_BLUEPRINTS = [
  {
    identifier: TEAM_BLUEPRINT,
    title: 'Team',
    icon: 'Team',
    description: 'A team of users. Entities name their owning teams in their "team" field.',
    schema: {
      properties: {
        description: { type: 'string', title: 'Description', maxLength: 1000 },
        provider: {
          type: 'string',
          title: 'Provider',
          description:
            'The single sign-on provider that manages this team and who is in it; empty for teams managed in Portico.',
          maxLength: 100,
        },
      },
      required: [],
    },
    relations: {},
  },
  {
    identifier: USER_BLUEPRINT,
    title: 'User',
    icon: 'User',
    description: 'A person or a service account. Its "team" field lists the teams it belongs to.',
    schema: {
      properties: {
        port_role: { type: 'string', title: 'Role', enum: [...USER_ROLES], default: 'Member' },
        port_type: { type: 'string', title: 'Type', enum: [...USER_TYPES], default: 'Standard' },
        status: { type: 'string', title: 'Status', enum: [...USER_STATUSES], default: 'Invited' },
        moderated_blueprints: {
          type: 'array',
          title: 'Moderated blueprints',
          items: { type: 'string' },
        },
      },
      required: ['port_role', 'port_type', 'status'],
    },
    relations: {},
  },
] as const;

/** The `_team` property naming the single sign-on provider whose sign-ins decide the team's members. */
export const TEAM_PROVIDER = 'provider';

/**
 * Port's spellings of a user's status, as Portico's: its API answers ACTIVE, INVITED, STAGED or DISABLED,
 * and port-cli imports users as STAGED or DISABLED. Staged (known, never invited nor signed in) is Invited
 * here: Portico sends no invitations, so an invited user is one who has not signed in yet.
 */
const PORT_USER_STATUSES: Readonly<Record<string, UserStatus>> = {
  active: 'Active',
  invited: 'Invited',
  staged: 'Invited',
  disabled: 'Disabled',
};

/**
 * A `_user` entity's given properties with its `status` in Portico's spelling, whatever its letter case
 * and whether Port's or Portico's; any other value is left as given (for validation to refuse by name).
 *
 * @example userPropertiesAsPortico({ status: 'STAGED' }) // { status: 'Invited' }
 */
export function userPropertiesAsPortico<T extends Record<string, unknown>>(properties: T): T {
  const status = properties.status;
  if (typeof status !== 'string') return properties;
  const spelled = Object.hasOwn(PORT_USER_STATUSES, status.toLowerCase())
    ? PORT_USER_STATUSES[status.toLowerCase()]
    : undefined;
  return spelled && spelled !== status ? { ...properties, status: spelled } : properties;
}

export const isSystemBlueprint = (identifier: string) =>
  identifier === USER_BLUEPRINT || identifier === TEAM_BLUEPRINT;

/** The properties of a system blueprint that Portico relies on, and which users may not change. */
export function systemPropertiesOf(identifier: string): Record<string, unknown> {
  const system = SYSTEM_BLUEPRINTS.find((b) => b.identifier === identifier);
  return system ? system.schema.properties : {};
}
