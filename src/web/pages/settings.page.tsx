import { Tabs } from '@mantine/core';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Page } from '../components/page';

const SECTIONS = [
  { to: '/settings/users', label: 'Users' },
  { to: '/settings/teams', label: 'Teams' },
  { to: '/settings/credentials', label: 'Credentials' },
  { to: '/settings/permissions', label: 'Permissions' },
] as const;

export function SettingsPage() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const current = SECTIONS.find((s) => pathname.startsWith(s.to))?.to ?? SECTIONS[0].to;
  return (
    <Page title="Settings">
      <Tabs value={current}>
        <Tabs.List aria-label="Settings sections">
          {SECTIONS.map((section) => (
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
