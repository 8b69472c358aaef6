import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordLengthProblem } from '../../core/password';
import { ApiError } from '../api/client';
import { setPasswordWithToken } from '../api/session.queries';
import { Problem } from '../components/problem';
import { SET_PASSWORD_PATH, tokenOfFragment } from '../features/settings/password-link';

const LENGTH_MESSAGE = {
  too_short: `A password has at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `A password has at most ${MAX_PASSWORD_LENGTH} characters`,
};
// The server's refusals of the password itself; any other (a used or expired link) shows atop the form.
const PASSWORD_REFUSALS = ['weak_password', 'invalid_password'];

interface Refusal {
  password?: string;
  repeat?: string;
  form?: unknown;
}

/** Where an invitation or password link leads: choose a password, then sign in with it. */
export function SetPasswordPage() {
  const navigate = useNavigate();
  const hash = useLocation({ select: (location) => location.hash });
  // Kept from the fragment, which the effect below then takes out of the address bar (and history). A
  // link opened over this page brings its own token.
  const [token, setToken] = useState(() => tokenOfFragment(hash));
  const [refusal, setRefusal] = useState<Refusal>({});
  const [busy, setBusy] = useState(false);
  const password = useRef<HTMLInputElement>(null);
  const repeat = useRef<HTMLInputElement>(null);
  const linked = tokenOfFragment(hash);
  if (linked && linked !== token) {
    setToken(linked);
    setRefusal({});
  }
  useEffect(() => {
    document.title = 'Set your password · Portico';
  }, []);
  useEffect(() => {
    if (hash) void navigate({ to: SET_PASSWORD_PATH, hash: '', replace: true });
  }, [hash, navigate]);

  function refuse(next: Refusal) {
    setRefusal(next);
    if (next.password) password.current?.focus();
    else if (next.repeat) repeat.current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    const form = new FormData(event.currentTarget);
    const chosen = String(form.get('password'));
    const problem = passwordLengthProblem(chosen);
    if (problem) return refuse({ password: LENGTH_MESSAGE[problem] });
    if (chosen !== String(form.get('repeat'))) return refuse({ repeat: 'The two passwords differ' });
    setBusy(true);
    try {
      await setPasswordWithToken(token, chosen);
      await navigate({ to: '/sign-in', search: { passwordSet: true }, replace: true });
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && PASSWORD_REFUSALS.includes(caught.code))
        refuse({ password: caught.message });
      else refuse({ form: caught });
    }
  }

  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Stack component="main">
          <Title order={1} size="h2">
            Set your password
          </Title>
          {!token ? (
            <Alert color="yellow" role="alert" title="This page needs your link">
              Open the invitation or password link an Admin gave you (it ends in <code>#token=…</code>). A
              link works once; if yours was used or has expired, ask an Admin for a new one.
            </Alert>
          ) : (
            <>
              {refusal.form !== undefined && (
                <Problem error={refusal.form} title="Your password was not set" />
              )}
              <Text size="sm" c="dimmed">
                Choose a password of {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters. Then sign in
                with your email and this password.
              </Text>
              <form onSubmit={submit} noValidate>
                <Stack>
                  <TextInput
                    ref={password}
                    label="New password"
                    name="password"
                    type="password"
                    autoComplete="new-password"
                    required
                    autoFocus
                    error={refusal.password}
                  />
                  <TextInput
                    ref={repeat}
                    label="Repeat the password"
                    name="repeat"
                    type="password"
                    autoComplete="new-password"
                    required
                    error={refusal.repeat}
                  />
                  <Button type="submit" loading={busy}>
                    Set password
                  </Button>
                </Stack>
              </form>
            </>
          )}
          <Anchor size="sm" renderRoot={(props) => <Link to="/sign-in" {...props} />}>
            Sign in instead
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
