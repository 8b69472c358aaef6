import { useSuspenseQuery } from '@tanstack/react-query';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { CredentialsSection } from '../features/settings/credentials-section';

export function SettingsCredentialsPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  if (!session) return null;
  return <CredentialsSection admin={isAdmin(session.user)} self={session.user.email} />;
}
