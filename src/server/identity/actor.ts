/**
 * Who is calling. Every service function takes one: roles, teams and (later) permissions are decided from it.
 */
export interface Actor {
  /**
   * `user` and `service_account` are _user entities; `installation` is an admin credential that belongs to
   * the installation rather than to a user (the one from the environment); `system` is Portico itself.
   */
  kind: 'user' | 'service_account' | 'installation' | 'system';
  /** Recorded as createdBy / updatedBy and in the audit log: the user's email, else the client id. */
  id: string;
  role: 'admin' | 'member';
  /** Blueprints this actor moderates (Port's `<blueprint>-moderator` roles). */
  moderates: readonly string[];
  /** The teams this actor belongs to (its _user entity's `team`). */
  teams: readonly string[];
  origin: 'API' | 'UI' | 'SYSTEM';
  /** The credential the request was authenticated with, if any. */
  clientId?: string;
}

export const systemActor = (id = 'portico'): Actor => ({
  kind: 'system',
  id,
  role: 'admin',
  moderates: [],
  teams: [],
  origin: 'SYSTEM',
});

export const isAdmin = (actor: Actor) => actor.role === 'admin';
