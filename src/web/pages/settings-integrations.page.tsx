import { useSuspenseQuery } from '@tanstack/react-query';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { AdminsOnly } from '../features/integrations/admins-only';
import { IntegrationList } from '../features/integrations/integration-list';

/** Settings → Integrations: Port's integrations (Ocean's) and their latest syncs, for Admins. */
export function SettingsIntegrationsPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  if (!session) return null;
  return isAdmin(session.user) ? <IntegrationList /> : <AdminsOnly />;
}
