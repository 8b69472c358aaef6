import { expect } from 'vitest';
import type { TestApp } from '../app.js';
import { createPerson, tokenOf } from '../people.js';

/**
 * Every string the fuzz suite plants in entities a Member may not read starts with HIDDEN_TAG; GHOST_TAG is
 * a tag of the same length that nothing carries. A request that names a hidden entity is sent again with
 * the hidden tag replaced by the ghost's, and both must answer alike (an unreadable entity is answered
 * exactly as a missing one). VISIBLE_TAG marks what the Member may read.
 */
export const HIDDEN_TAG = 'hq7zkx';
export const GHOST_TAG = 'gw3mpy';
export const VISIBLE_TAG = 'vb5ntr';

export interface FuzzCatalog {
  visibleBlueprint: string;
  hiddenBlueprint: string;
  visibleEntities: string[];
  hiddenEntities: string[];
  /** Every string stored in hidden entities (identifiers, titles, property values). */
  hiddenMarkers: string[];
  teams: { member: string; other: string };
  /** The Member's own email, and a colleague's the Member may not change. */
  memberEmail: string;
  colleagueEmail: string;
  memberHeaders: Record<string, string>;
  propertyNames: string[];
  relationNames: string[];
}

const PROPERTIES = {
  text: { type: 'string' },
  count: { type: 'number' },
  whole: { type: 'number' },
  when: { type: 'string', format: 'date-time' },
  mail: { type: 'string', format: 'email' },
  on: { type: 'boolean' },
  tags: { type: 'array', items: { type: 'string' } },
  meta: { type: 'object' },
};

async function ok(response: Promise<{ status: number; body: unknown }>) {
  const { status, body } = await response;
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}

/**
 * A blueprint every Member reads and one only Admins read, each with a self relation and a relation from
 * the hidden blueprint to the visible one (so visible entities have hidden dependents), a Member in one
 * team, and a colleague in another.
 */
export async function seedFuzzCatalog(api: TestApp): Promise<FuzzCatalog> {
  const visibleBlueprint = `${VISIBLE_TAG}_bp`;
  const hiddenBlueprint = 'fz_secret_bp';
  const teams = { member: `${VISIBLE_TAG} team`, other: 'fz other team' };
  for (const name of Object.values(teams)) await ok(api.post('/v1/teams', { name }));
  await ok(
    api.post('/v1/blueprints', {
      identifier: visibleBlueprint,
      title: 'Fuzz visible',
      schema: { properties: PROPERTIES, required: [] },
      relations: { parent: { target: visibleBlueprint, many: false, required: false } },
    }),
  );
  await ok(
    api.post('/v1/blueprints', {
      identifier: hiddenBlueprint,
      title: 'Fuzz hidden',
      schema: { properties: PROPERTIES, required: [] },
      relations: {
        parent: { target: hiddenBlueprint, many: false, required: false },
        owner: { target: visibleBlueprint, many: true, required: false },
      },
    }),
  );
  await ok(
    api.patch(`/v1/blueprints/${hiddenBlueprint}/permissions`, {
      entities: { read: { roles: ['Admin'], users: [], teams: [], ownedByTeam: false } },
    }),
  );

  const visibleEntities = [`${VISIBLE_TAG}-one`, `${VISIBLE_TAG}-two`, `${VISIBLE_TAG}.three@x`];
  for (const [index, identifier] of visibleEntities.entries())
    await ok(
      api.post(`/v1/blueprints/${visibleBlueprint}/entities`, {
        identifier,
        title: `${VISIBLE_TAG} title ${index}`,
        team: [index === 0 ? teams.member : teams.other],
        properties: {
          text: `${VISIBLE_TAG} text ${index}`,
          count: index * 10,
          whole: index,
          when: `2026-11-2${index}T10:00:00Z`,
          mail: `${VISIBLE_TAG}${index}@example.com`,
          on: index % 2 === 0,
          tags: [`${VISIBLE_TAG}-tag`, `t${index}`],
          meta: { k: index },
        },
        relations: index === 0 ? {} : { parent: visibleEntities[0] },
      }),
    );

  const hiddenEntities = [`${HIDDEN_TAG}-alpha`, `${HIDDEN_TAG}-beta`, `${HIDDEN_TAG}.gamma@x`];
  const hiddenMarkers = [...hiddenEntities];
  for (const [index, identifier] of hiddenEntities.entries()) {
    const properties = {
      text: `${HIDDEN_TAG} secret text ${index}`,
      count: 7000 + index,
      whole: 7000 + index,
      when: `2024-01-0${index + 1}T08:00:00Z`,
      mail: `${HIDDEN_TAG}${index}@example.com`,
      on: index % 2 === 1,
      tags: [`${HIDDEN_TAG}-tag-${index}`],
      meta: { secret: `${HIDDEN_TAG}-meta-${index}` },
    };
    hiddenMarkers.push(
      `${HIDDEN_TAG} title ${index}`,
      properties.text,
      properties.mail,
      properties.tags[0]!,
      properties.meta.secret,
    );
    await ok(
      api.post(`/v1/blueprints/${hiddenBlueprint}/entities`, {
        identifier,
        title: `${HIDDEN_TAG} title ${index}`,
        team: [index === 0 ? teams.member : teams.other],
        properties,
        relations: {
          owner: visibleEntities.slice(0, index + 1),
          ...(index === 0 ? {} : { parent: hiddenEntities[0] }),
        },
      }),
    );
  }

  const member = await createPerson(api, { roles: ['Member'], teams: [teams.member] });
  const colleague = await createPerson(api, { roles: ['Member'], teams: [teams.other] });
  return {
    visibleBlueprint,
    hiddenBlueprint,
    visibleEntities,
    hiddenEntities,
    hiddenMarkers,
    teams,
    memberEmail: member.email,
    colleagueEmail: colleague.email,
    memberHeaders: member.headers,
    propertyNames: Object.keys(PROPERTIES),
    relationNames: ['parent', 'owner'],
  };
}

/**
 * The Member may rotate its own credentials (POST /v1/rotate-credentials/{own email}), which ends its
 * token: then it gets a new one, so that the rest of the run is not a wall of 401s.
 */
export async function keepMemberSignedIn(api: TestApp, catalog: FuzzCatalog) {
  const check = await api.get('/v1/blueprints', catalog.memberHeaders);
  if (check.status !== 401) return;
  const created = await api.post('/v1/apps', { name: 'fuzz member', user: catalog.memberEmail });
  const token = await tokenOf(api, { clientId: created.body.app.id, clientSecret: created.body.app.secret });
  catalog.memberHeaders.authorization = `Bearer ${token}`;
}
