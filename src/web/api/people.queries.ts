import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, seg } from './client';

/** Port's user (GET /v1/users). */
export interface PortUser {
  email: string;
  firstName: string;
  lastName: string;
  status: 'Invited' | 'Active' | 'Disabled';
  type: string;
  teams: string[];
  roles: Array<{ name: string }>;
  createdAt: string;
  updatedAt: string;
}

/** Port's team (GET /v1/teams); `provider` is `portico` unless single sign-on manages the team. */
export interface PortTeam {
  name: string;
  description: string;
  provider: string;
  createdAt: string;
  updatedAt: string;
  users: Array<{ email: string; firstName: string; lastName: string; status: string }>;
}

/** A one-time token with which a person sets a password; answered once. */
export interface PasswordToken {
  token: string;
  expiresAt: string;
}

export const LOCAL_PROVIDER = 'portico';

export const userListQuery = () =>
  queryOptions({
    queryKey: ['people', 'users'],
    queryFn: async ({ signal }) => (await api.get<{ users: PortUser[] }>('/v1/users', signal)).users,
  });

export const teamListQuery = () =>
  queryOptions({
    queryKey: ['people', 'teams'],
    queryFn: async ({ signal }) => (await api.get<{ teams: PortTeam[] }>('/v1/teams', signal)).teams,
  });

/** Users and teams are `_user` and `_team` entities: a change to one shows in the catalog and the log too. */
export function afterPeopleChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['people'] });
  void queryClient.invalidateQueries({ queryKey: ['entities'] });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
  // One's own roles and teams may be among the changes.
  void queryClient.invalidateQueries({ queryKey: ['session'] });
}

export async function inviteUser(invitee: { email: string; roles: string[]; teams: string[] }) {
  return (await api.post<{ invitation: PasswordToken }>('/v1/users/invite', { invitee })).invitation;
}

export async function updateUser(email: string, change: { roles?: string[]; teams?: string[] }) {
  await api.patch(`/v1/users/${seg(email)}`, change);
}

export async function deleteUser(email: string) {
  await api.delete(`/v1/users/${seg(email)}`);
}

export async function issuePasswordToken(email: string) {
  return (await api.post<{ invitation: PasswordToken }>(`/v1/users/${seg(email)}/password-token`)).invitation;
}

export interface TeamInput {
  name?: string;
  description?: string;
  users?: string[];
}

export async function createTeam(input: TeamInput & { name: string }) {
  return (await api.post<{ team: PortTeam }>('/v1/teams', input)).team;
}

/** PATCH: changes only what is given. */
export async function updateTeam(name: string, change: TeamInput) {
  return (await api.patch<{ team: PortTeam }>(`/v1/teams/${seg(name)}`, change)).team;
}

export async function deleteTeam(name: string) {
  await api.delete(`/v1/teams/${seg(name)}`);
}
