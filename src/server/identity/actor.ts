/**
 * Who is calling. Every service function takes one, so that users, teams, roles and permissions
 * (the identity issue) slot in without changing call sites.
 */
export interface Actor {
  kind: 'credential' | 'system';
  /** Recorded as createdBy / updatedBy and in the audit log. */
  id: string;
  role: 'admin' | 'member';
  origin: 'API' | 'UI' | 'SYSTEM';
}

export const systemActor = (id = 'portico'): Actor => ({
  kind: 'system',
  id,
  role: 'admin',
  origin: 'SYSTEM',
});
