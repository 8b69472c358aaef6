import { TEAM_BLUEPRINT, TEAM_PROVIDER } from '../../core/system-blueprints.js';
import type { EntityWriteHook } from '../catalog/catalog-context.js';
import { unprocessable } from '../errors.js';

/** The single sign-on provider that manages a team, if one does. */
export function providerOf(team: { properties: Readonly<Record<string, unknown>> }): string | undefined {
  const provider = team.properties[TEAM_PROVIDER];
  return typeof provider === 'string' && provider !== '' ? provider : undefined;
}

/**
 * Teams that single sign-on creates are the identity provider's, as in Port: only sign-ins set a team's
 * provider, and such a team keeps its name (who is in it is guarded by the catalog's team check).
 */
export const ssoTeamHook: EntityWriteHook = {
  check(state, existing, actor) {
    if (actor.kind === 'system') return;
    const provider = existing && providerOf(existing);
    if (provider !== providerOf(state))
      throw unprocessable(
        'sso_team',
        `properties.${TEAM_PROVIDER}: only single sign-on sets which provider manages a team`,
      );
    if (provider && state.identifier !== existing!.identifier)
      throw unprocessable(
        'sso_team',
        `identifier: team "${existing!.identifier}" is managed by ${provider} (single sign-on) and keeps the name it has there`,
      );
  },
};

export const registerSsoTeams = (hooks: Map<string, EntityWriteHook>) =>
  hooks.set(TEAM_BLUEPRINT, ssoTeamHook);
