import { queryOptions } from '@tanstack/react-query';
import { ApiError, request, setCsrfToken } from './client';

export interface SessionUser {
  email: string;
  type: 'Standard' | 'Service Account';
  roles: string[];
  teams: string[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

const remember = (session: Session) => {
  setCsrfToken(session.csrfToken);
  return session;
};

/** The signed-in person, or null when nobody is. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: ['session'],
    staleTime: 60_000,
    queryFn: async (): Promise<Session | null> => {
      try {
        return remember(
          (await request<Session>('GET', '/auth/session', { expectUnauthenticated: true })).body,
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });

export async function signIn(email: string, password: string): Promise<Session> {
  const { body } = await request<Session>('POST', '/auth/login', {
    body: { email, password },
    expectUnauthenticated: true,
  });
  return remember(body);
}

export async function signOut(): Promise<void> {
  await request('POST', '/auth/logout', { expectUnauthenticated: true });
  setCsrfToken('');
}

export const ssoQuery = () =>
  queryOptions({
    queryKey: ['sso'],
    // Asked anew by each sign-in page: the answer says once why the last single sign-on failed.
    gcTime: 0,
    queryFn: async () =>
      (
        await request<{ enabled: boolean; name?: string; error?: string }>('GET', '/auth/sso', {
          expectUnauthenticated: true,
        })
      ).body,
  });

export const isAdmin = (user: SessionUser) => user.roles.includes('Admin');

/** Sets the password of the person an invitation or reset link was made for (it ends their sessions). */
export async function setPasswordWithToken(token: string, password: string): Promise<void> {
  await request('POST', '/auth/password/reset', { body: { token, password }, expectUnauthenticated: true });
}
