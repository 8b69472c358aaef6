import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  Kbd,
  Menu,
  NavLink,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { lazyWithRetry } from '../components/lazy';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Suspense, useState } from 'react';
import { isAdmin, sessionQuery, signOut } from '../api/session.queries';
import { useLiveUpdates } from '../api/live';
import { PAGES } from './pages';

const CommandPalette = lazyWithRetry(() =>
  import('./command-palette').then((m) => ({ default: m.CommandPalette })),
);

export function AppLayout() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const [opened, { toggle, close }] = useDisclosure();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  useHotkeys([['mod+K', () => setPaletteOpen(true)]], []);
  useLiveUpdates();
  if (!session) return null;
  const admin = isAdmin(session.user);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Text component={Link} to="/catalog" fw={700} size="lg">
              Portico
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <UnstyledButton
              onClick={() => setPaletteOpen(true)}
              aria-label="Search the catalog (Ctrl K)"
              px="sm"
              py={6}
              style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }}
            >
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  Search…
                </Text>
                <Kbd size="xs" visibleFrom="xs">
                  Ctrl K
                </Kbd>
              </Group>
            </UnstyledButton>
            <ColorSchemeToggle />
            <UserMenu email={session.user.email} roles={session.user.roles} teams={session.user.teams} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {PAGES.filter((item) => admin || !item.admin).map((item) => (
          <NavLink
            key={item.to}
            label={item.label}
            active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
            onClick={close}
            renderRoot={(props) => <Link to={item.to} {...props} />}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
      {paletteOpen && (
        <Suspense fallback={null}>
          <CommandPalette opened={paletteOpen} onClose={() => setPaletteOpen(false)} />
        </Suspense>
      )}
    </AppShell>
  );
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} mode`}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Switch to ${next} mode`}
        onClick={() => setColorScheme(next)}
      >
        {scheme === 'dark' ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}

function UserMenu({ email, roles, teams }: { email: string; roles: string[]; teams: string[] }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" width={260}>
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${email}`} px="xs">
          <Text size="sm" fw={500} truncate maw={180} data-testid="user-email">
            {email}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text size="sm" px="sm" fw={500}>
          {email}
        </Text>
        <Text size="xs" px="sm" c="dimmed" data-testid="user-roles">
          {roles.join(', ')}
        </Text>
        <Text size="xs" px="sm" pb="xs" c="dimmed" data-testid="user-teams">
          {teams.length ? `Teams: ${teams.join(', ')}` : 'No teams'}
        </Text>
        <Menu.Item
          renderRoot={(props) => (
            <Link
              to="/catalog/$blueprint/$entity"
              params={{ blueprint: '_user', entity: email }}
              {...props}
            />
          )}
        >
          Your profile
        </Menu.Item>
        <Menu.Item renderRoot={(props) => <Link to="/settings/credentials" {...props} />}>
          Your credentials
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          onClick={async () => {
            await signOut();
            queryClient.clear();
            await navigate({ to: '/sign-in', search: {} });
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
