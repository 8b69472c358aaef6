import { useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { PermissionsSection } from '../features/settings/permissions-section';

export function SettingsPermissionsPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const { blueprint } = useSearch({ from: '/app/settings/permissions' });
  const navigate = useNavigate({ from: '/settings/permissions' });
  if (!session) return null;
  return (
    <PermissionsSection
      admin={isAdmin(session.user)}
      roles={session.user.roles}
      blueprint={blueprint}
      onBlueprintChange={(chosen) => void navigate({ search: { blueprint: chosen } })}
    />
  );
}
