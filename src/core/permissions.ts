/** Who a permission is granted to (Port §9.2). */
export interface Grant {
  roles: string[];
  users: string[];
  teams: string[];
  ownedByTeam: boolean;
  /** Port's read policy, on `read` only: stored and answered, not evaluated yet (it could only grant more). */
  policy?: unknown;
}

export const ENTITY_ACTIONS = ['read', 'register', 'update', 'unregister'] as const;
export type EntityAction = (typeof ENTITY_ACTIONS)[number];

/** A blueprint's entity permissions, every grant filled in (GET /v1/blueprints/{bp}/permissions). */
export interface BlueprintPermissions {
  entities: Record<EntityAction, Grant> & {
    updateProperties: Record<string, Grant>;
    updateRelations: Record<string, Grant>;
  };
}

/** Only what was set: a stored change to the defaults, or a PATCH (each field given replaces that field). */
export type PermissionsChange = {
  entities?: Partial<Record<EntityAction, Partial<Grant>>> & {
    updateProperties?: Record<string, Partial<Grant>>;
    updateRelations?: Record<string, Partial<Grant>>;
  };
};

/** What the caller may do with the entities of a blueprint, or with one of them, for a UI to offer. */
export interface CallerAccess {
  register: boolean;
  update: boolean;
  unregister: boolean;
  updateProperties: string[];
  updateRelations: string[];
  changeBlueprint: boolean;
  changePermissions: boolean;
}
