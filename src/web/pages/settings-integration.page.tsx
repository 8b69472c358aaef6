import { useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { AdminsOnly } from '../features/integrations/admins-only';
import { IntegrationView } from '../features/integrations/integration-view';

/** One integration's page under Settings → Integrations, its chosen sync and log level in the URL. */
export function SettingsIntegrationPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const { integration } = useParams({ from: '/app/settings/integrations/$integration' });
  const search = useSearch({ from: '/app/settings/integrations/$integration' });
  const navigate = useNavigate({ from: '/settings/integrations/$integration' });
  if (!session) return null;
  if (!isAdmin(session.user)) return <AdminsOnly />;
  return (
    <IntegrationView
      key={integration}
      identifier={integration}
      search={search}
      onSearchChange={(next) => void navigate({ search: (previous) => ({ ...previous, ...next }) })}
      onDeleted={() => navigate({ to: '/settings/integrations', search: {} })}
    />
  );
}
