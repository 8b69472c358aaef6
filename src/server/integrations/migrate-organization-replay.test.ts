import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { describeEachDatabase } from '../../../test/databases.js';
import {
  seedOrganization,
  snapshotOrganization,
  startOrganization,
} from '../../../test/port-organization.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read by key, as the tool reads them

/**
 * The requests Port's migrateOrganization (main.py, clean.py, as read from its source) sends, over real
 * HTTP: a backup of one Portico (its `bk-*.json` files, kept here as JSON text), a restore into a second,
 * empty one on another database, and its clean step. Python's requests sends a JSON body with
 * `Content-Type: application/json`, and nothing else on a request without one.
 */
describeEachDatabase("migrateOrganization's requests", (dialect) => {
  let old: TestApp;
  let neu: TestApp;
  const bases = new Map<TestApp, string>();
  const tokens = new Map<TestApp, string>();

  /** requests.<method>(url, headers={'Authorization': …}, json=body); every answer read with .json(). */
  async function send(api: TestApp, method: string, path: string, body?: unknown) {
    const token = tokens.get(api);
    const response = await fetch(`${bases.get(api)}/v1/${path}`, {
      method,
      headers: {
        'user-agent': 'python-requests/2.32.3',
        accept: '*/*',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // The tool prints json.dumps(res.json()) of every refusal: each answer must be JSON.
    return { status: response.status, ok: response.ok, json: (await response.json()) as Json };
  }

  /** What the tool logs and carries on past: each refusal, to show when something fails. */
  const refusals: string[] = [];
  const logged = (what: string, answer: { ok: boolean; status: number; json: Json }) => {
    if (!answer.ok) refusals.push(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer;
  };

  beforeAll(async () => {
    [old, neu] = await Promise.all([startOrganization(dialect), startOrganization(dialect)]);
    for (const api of [old, neu]) bases.set(api, await api.app.listen({ host: '127.0.0.1', port: 0 }));
    await seedOrganization(old);
  });
  afterAll(async () => {
    await old?.close();
    await neu?.close();
  });

  it('fetches a token for each credential pair it is given (main.py at import time)', async () => {
    for (const api of [old, neu]) {
      const answer = await send(api, 'POST', 'auth/access_token', {
        clientId: api.clientId,
        clientSecret: api.clientSecret,
      });
      tokens.set(api, answer.json.accessToken);
      expect(tokens.get(api)).toBeTruthy();
    }
  });

  const files: Record<string, string> = {};
  const SYSTEM = ['_user', '_team'];

  it('backs up blueprints, scorecards, actions, teams and each blueprint’s entities', async () => {
    const blueprints = (await send(old, 'GET', 'blueprints')).json.blueprints as Json[];
    const kept = blueprints.filter((b) => !SYSTEM.includes(b.identifier));
    const scorecards = (await send(old, 'GET', 'scorecards')).json.scorecards as Json[];
    const actions = (await send(old, 'GET', 'actions')).json.actions as Json[];
    const teams = (await send(old, 'GET', 'teams')).json.teams as Json[];
    const entities: Record<string, Json[]> = {};
    for (const { identifier } of kept)
      entities[identifier] = (await send(old, 'GET', `blueprints/${identifier}/entities`)).json.entities;
    // Each scorecard names its blueprint: the restore posts it to /blueprints/{blueprint}/scorecards.
    expect(scorecards.map((s) => s.blueprint).sort()).toEqual(['service', 'system']);
    // Automations come with the actions.
    expect(actions.map((a) => a.identifier).sort()).toEqual([
      'announce_service',
      'deploy',
      'extend_ttl',
      'scaffold',
    ]);
    // The restore reads entity["icon"]: every entity answers it, null when it has none.
    for (const list of Object.values(entities)) for (const e of list) expect(e).toHaveProperty('icon');
    expect(entities.service!.find((e) => e.identifier === 'cart')!.scorecards).toBeDefined();
    Object.assign(files, {
      'bk-blueprints.json': JSON.stringify(kept),
      'bk-scorecards.json': JSON.stringify(scorecards),
      'bk-actions.json': JSON.stringify(actions),
      'bk-teams.json': JSON.stringify(teams),
      'bk-entities.json': JSON.stringify(entities),
    });
  });

  it('restores into an empty Portico: blueprints in three passes, scorecards, actions, teams, entities', async () => {
    const load = (name: string) => JSON.parse(files[name]!);
    const blueprints = load('bk-blueprints.json') as Json[];
    // Pass 1: bare (no relations, mirror or aggregation properties, no teamInheritance), audit fields kept.
    for (const blueprint of blueprints) {
      const { teamInheritance: _, ...bare } = structuredClone(blueprint);
      Object.assign(bare, { aggregationProperties: {}, relations: {}, mirrorProperties: {} });
      logged(`POST blueprint ${blueprint.identifier}`, await send(neu, 'POST', 'blueprints', bare));
    }
    // Pass 2: with relations.
    for (const blueprint of blueprints) {
      const { teamInheritance: _, ...related } = structuredClone(blueprint);
      Object.assign(related, { aggregationProperties: {}, mirrorProperties: {} });
      logged(
        `PATCH blueprint ${blueprint.identifier} (relations)`,
        await send(neu, 'PATCH', `blueprints/${blueprint.identifier}`, related),
      );
    }
    // Pass 3: the object as backed up.
    for (const blueprint of blueprints)
      logged(
        `PATCH blueprint ${blueprint.identifier} (whole)`,
        await send(neu, 'PATCH', `blueprints/${blueprint.identifier}`, blueprint),
      );

    for (const scorecard of load('bk-scorecards.json') as Json[]) {
      for (const key of ['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']) delete scorecard[key];
      const blueprint = scorecard.blueprint;
      delete scorecard.blueprint;
      logged(
        `POST scorecard ${scorecard.identifier}`,
        await send(neu, 'POST', `blueprints/${blueprint}/scorecards`, scorecard),
      );
    }

    for (const action of load('bk-actions.json') as Json[]) {
      delete action.id;
      delete action.blueprint;
      if (action.description === null || action.description === undefined) action.description = '';
      if (action.icon === null || action.icon === undefined) action.icon = '';
      for (const key of ['createdAt', 'updatedAt', 'createdBy', 'updatedBy']) delete action[key];
      logged(`POST action ${action.identifier}`, await send(neu, 'POST', 'actions', action));
    }

    // Teams exactly as GET answered them (id, provider, dates, members as objects).
    for (const team of load('bk-teams.json') as Json[]) {
      if (team.description === null || team.description === undefined) team.description = '';
      logged(`POST team ${team.name}`, await send(neu, 'POST', 'teams', team));
    }

    const byIdentifier = new Map(blueprints.map((b) => [b.identifier, b]));
    const entities = load('bk-entities.json') as Record<string, Json[]>;
    for (const [blueprint, list] of Object.entries(entities))
      for (const entity of list) {
        if (byIdentifier.get(blueprint)?.teamInheritance) delete entity.team;
        if (entity.icon === null) delete entity.icon;
        logged(
          `POST entity ${blueprint}/${entity.identifier}`,
          await send(
            neu,
            'POST',
            `blueprints/${blueprint}/entities?upsert=true&validation_only=false&create_missing_related_entities=true&merge=true`,
            entity,
          ),
        );
      }

    expect(refusals).toEqual([]);
  });

  it('leaves the two organisations holding the same blueprints, entities, teams, scorecards and actions', async () => {
    const [before, after] = [await snapshotOrganization(old), await snapshotOrganization(neu)];
    // What is compared holds what a restore must carry over: inherited owners, computed values,
    // relations, scorecard results, members.
    expect(before.entities.service!.find((e) => e.identifier === 'cart')).toMatchObject({
      team: ['payments'],
      properties: { lifecycle: 'production', slug: 'cart' },
      relations: { dependsOn: ['pricing', 'ledger'] },
      scorecards: { readiness: { level: 'Gold' } },
    });
    expect(before.teams.find((t) => t.name === 'platform')!.users).toEqual([
      'alice@example.com',
      'bob@example.com',
    ]);
    expect(after.blueprints).toEqual(before.blueprints);
    expect(after.entities).toEqual(before.entities);
    expect(after.teams).toEqual(before.teams);
    expect(after.scorecards).toEqual(before.scorecards);
    // The tool itself writes an empty description and icon where an action has none (main.py:219-222).
    const given = new Map(before.actions.map((a) => [a.identifier, a]));
    for (const action of after.actions)
      for (const key of ['description', 'icon'])
        if (action[key] === '' && !(key in given.get(action.identifier)!)) delete action[key];
    expect(after.actions).toEqual(before.actions);
  });

  it('cleans the new organisation (clean.py): every entity and team goes; blueprints others use, or with actions, stay, refused by name', async () => {
    refusals.length = 0;
    const blueprints = (await send(neu, 'GET', 'blueprints')).json.blueprints as Json[];
    const kept = blueprints.map((b) => b.identifier as string).filter((id) => !SYSTEM.includes(id));
    for (const identifier of kept) {
      const emptied = await send(neu, 'DELETE', `blueprints/${identifier}/all-entities`);
      expect(emptied.status, JSON.stringify(emptied.json)).toBe(200);
      logged(identifier, await send(neu, 'DELETE', `blueprints/${identifier}`));
    }
    for (const { name } of (await send(neu, 'GET', 'teams')).json.teams as Json[]) {
      const deleted = await send(neu, 'DELETE', `teams/${encodeURIComponent(name)}`);
      expect(deleted.status, JSON.stringify(deleted.json)).toBe(200);
    }
    expect((await send(neu, 'GET', 'teams')).json.teams).toEqual([]);
    for (const identifier of kept)
      expect((await send(neu, 'GET', `blueprints/${identifier}/entities`)).json.entities).toEqual([]);
    // clean.py deletes in the order GET /v1/blueprints answers, not in the order blueprints depend on each
    // other, and without delete_actions: Portico refuses (409, JSON the tool prints) to delete a blueprint
    // another one relates to or aggregates, and one with actions (docs/integrations.md).
    const refused = (id: string) => refusals.find((line) => line.startsWith(`${id}: `)) ?? '';
    expect(refusals).toHaveLength(4);
    expect(refused('domain')).toMatch(/409 .*blueprint_in_use.*system\.relations\.domain/);
    expect(refused('system')).toMatch(/409 .*blueprint_in_use.*service\.relations\.system/);
    expect(refused('service')).toMatch(/409 .*blueprint_in_use.*aggregationProperties\.services/);
    expect(refused('environment')).toMatch(/409 .*blueprint_has_actions.*extend_ttl.*delete_actions=true/);
  });
});
