import { Tabs } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { Page } from '../components/page';

const SECTIONS = [
  { to: '/settings/users', label: 'Users', admin: false },
  { to: '/settings/teams', label: 'Teams', admin: false },
  { to: '/settings/credentials', label: 'Credentials', admin: false },
  { to: '/settings/permissions', label: 'Permissions', admin: false },
  { to: '/settings/integrations', label: 'Integrations', admin: true },
] as const;

export function SettingsPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const admin = session !== null && isAdmin(session.user);
  // Sections for Admins only are not offered to anyone else (their pages say so, when opened by address).
  const sections = SECTIONS.filter((s) => admin || !s.admin);
  const current = sections.find((s) => pathname.startsWith(s.to))?.to ?? null;
  return (
    <Page title="Settings">
      <Tabs value={current}>
        <Tabs.List aria-label="Settings sections">
          {sections.map((section) => (
            <Tabs.Tab
              key={section.to}
              value={section.to}
              renderRoot={(props) => <Link to={section.to} {...props} />}
            >
              {section.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Page>
  );
}
