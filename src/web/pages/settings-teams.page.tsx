import { useSuspenseQuery } from '@tanstack/react-query';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { TeamsSection } from '../features/settings/teams-section';

export function SettingsTeamsPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  if (!session) return null;
  return <TeamsSection admin={isAdmin(session.user)} />;
}
