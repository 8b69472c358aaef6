import { Alert, Anchor, Button, Center, Divider, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { signIn, ssoQuery } from '../api/session.queries';

/** Only a path of this site: a `redirect` naming another origin would make sign-in an open redirect. */
export function safeRedirect(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/catalog';
  try {
    const url = new URL(value, window.location.origin);
    const sameSite = url.origin === window.location.origin && !url.pathname.startsWith('//');
    return sameSite ? `${url.pathname}${url.search}${url.hash}` : '/catalog';
  } catch {
    return '/catalog';
  }
}

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sso = useQuery(ssoQuery());
  const [error, setError] = useState('');
  // Why single sign-on failed, said once by the server (never taken from the URL, which anyone can write).
  const shown = error || sso.data?.error || '';
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Sign in · Portico';
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const session = await signIn(String(form.get('email')), String(form.get('password')));
      queryClient.setQueryData(['session'], session);
      await navigate({ href: safeRedirect(search.redirect), replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Portico cannot be reached: try again');
      (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name=password]')?.select();
    } finally {
      setBusy(false);
    }
  }

  const returnTo = encodeURIComponent(safeRedirect(search.redirect));
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={380}>
        <Stack component="main">
          <Title order={1} size="h2">
            Sign in to Portico
          </Title>
          {search.passwordSet && !shown && (
            <Alert color="teal" role="status" title="Sign in now">
              Your password is set: sign in with your email and the new password.
            </Alert>
          )}
          {shown && (
            <Alert color="red" role="alert" data-testid="sign-in-error">
              {shown}
            </Alert>
          )}
          <form onSubmit={submit}>
            <Stack>
              <TextInput label="Email" name="email" type="email" autoComplete="username" required autoFocus />
              <TextInput
                label="Password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
              <Button type="submit" loading={busy}>
                Sign in
              </Button>
            </Stack>
          </form>
          {sso.data?.enabled && (
            <>
              <Divider label="or" labelPosition="center" />
              <Button component="a" variant="default" href={`/auth/sso/login?returnTo=${returnTo}`}>
                Sign in with {sso.data.name}
              </Button>
            </>
          )}
          <Anchor href="/openapi.json" size="xs" c="dimmed">
            The API: /v1, described at /openapi.json
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
