import { TEAM_BLUEPRINT, USER_BLUEPRINT } from '../../core/system-blueprints.js';
import { findEntityRows, rowToState, type EntityState } from '../catalog/entity.repo.js';
import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { UserContext } from './search.user-context.js';

const withMeta = (state: EntityState): Record<string, unknown> => ({
  ...state.properties,
  $identifier: state.identifier,
  $title: state.title,
  $team: state.team,
  $icon: state.icon,
});

/** The actor's _user entity and its teams' _team entities, as contextual rules read them. */
export async function userContextOf(db: Db, dialect: Dialect, actor: Actor): Promise<UserContext> {
  // An installation's credential or Portico itself has no _user entity (their ids are not emails).
  const [user] =
    actor.kind === 'installation' || actor.kind === 'system'
      ? []
      : await findEntityRows(db, USER_BLUEPRINT, [actor.id]);
  const teams = actor.teams.length ? await findEntityRows(db, TEAM_BLUEPRINT, [...actor.teams]) : [];
  return {
    user: user ? withMeta(rowToState(dialect, user)) : { $identifier: actor.id, $team: [...actor.teams] },
    teams: teams.map((row) => withMeta(rowToState(dialect, row))),
    teamNames: actor.teams,
  };
}
