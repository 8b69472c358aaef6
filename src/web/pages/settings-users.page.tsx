import { useSuspenseQuery } from '@tanstack/react-query';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { UsersSection } from '../features/settings/users-section';

export function SettingsUsersPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  if (!session) return null;
  return <UsersSection admin={isAdmin(session.user)} self={session.user.email} />;
}
