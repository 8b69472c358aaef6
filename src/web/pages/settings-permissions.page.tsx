import { useSuspenseQuery } from '@tanstack/react-query';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { PermissionsSection } from '../features/settings/permissions-section';

export function SettingsPermissionsPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  if (!session) return null;
  return <PermissionsSection admin={isAdmin(session.user)} roles={session.user.roles} />;
}
