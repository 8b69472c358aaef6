import type { QueryClient } from '@tanstack/react-query';
import type { Blueprint } from '../../../core/blueprint';
import { blueprintListQuery } from '../../api/blueprint.queries';
import { entityQuery, incomingQuery } from '../../api/entity.queries';
import { incomingRelations } from './relations-section';

export interface GraphNode {
  key: string;
  blueprint: string;
  identifier: string;
  title: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

export const nodeKey = (blueprint: string, identifier: string) => `${blueprint}\u0000${identifier}`;

/** One hop around an entity: what its relations point at, and what points at it. */
export async function neighboursOf(queryClient: QueryClient, blueprint: string, identifier: string) {
  const [blueprints, entity] = await Promise.all([
    queryClient.fetchQuery(blueprintListQuery()),
    queryClient.fetchQuery(entityQuery(blueprint, identifier)),
  ]);
  const definition = blueprints.find((b) => b.identifier === blueprint) as Blueprint | undefined;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const self = nodeKey(blueprint, identifier);
  for (const [relation, value] of Object.entries(entity.relations)) {
    const target = definition?.relations[relation]?.target;
    if (!target || value === null) continue;
    for (const id of ([] as string[]).concat(value)) {
      nodes.push({ key: nodeKey(target, id), blueprint: target, identifier: id, title: id });
      edges.push({
        from: self,
        to: nodeKey(target, id),
        label: definition.relations[relation]?.title ?? relation,
      });
    }
  }
  const incoming = incomingRelations(blueprints, blueprint);
  const pages = await Promise.all(
    incoming.map((r) => queryClient.fetchQuery(incomingQuery(r.source.identifier, r.relation, identifier))),
  );
  pages.forEach((page, index) => {
    const r = incoming[index]!;
    for (const source of page.entities) {
      const key = nodeKey(r.source.identifier, source.identifier);
      nodes.push({
        key,
        blueprint: r.source.identifier,
        identifier: source.identifier,
        title: source.title || source.identifier,
      });
      edges.push({ from: key, to: self, label: r.title });
    }
  });
  return { entity, nodes, edges };
}
