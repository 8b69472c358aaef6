/** Port's credentials set ("app", GET /v1/apps); `secret` only in the answer that creates or rotates it. */
export interface PortApp {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** Portico: the user the credentials act as, or null for the installation's own admin credentials. */
  user: string | null;
  secret?: string;
}
