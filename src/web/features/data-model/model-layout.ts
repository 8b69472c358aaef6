/** Where each blueprint sits in the data-model graph: a layered layout, no layout library needed. */

export interface LayoutInput {
  identifier: string;
  /** The blueprints its relations point to (itself included, which the layout ignores). */
  targets: string[];
}

export interface Placed {
  identifier: string;
  x: number;
  y: number;
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 80;
const GAP_X = 100;
const GAP_Y = 110;
const PER_ROW = 5;

/**
 * Rows by relation depth: a blueprint sits one row below the deepest blueprint that points to it, so
 * relations read downwards (service above system above domain). Cycles are broken at the edge a
 * depth-first walk finds closing one. Within a row, blueprints sit near the ones pointing to them; a row
 * wider than PER_ROW wraps.
 * @example layeredLayout([{identifier: 'a', targets: ['b']}, {identifier: 'b', targets: []}]) // a above b
 */
export function layeredLayout(blueprints: LayoutInput[]): Placed[] {
  const ids = blueprints.map((b) => b.identifier).sort();
  const known = new Set(ids);
  const targetsOf = new Map(
    blueprints.map((b) => [b.identifier, [...new Set(b.targets)].filter((t) => known.has(t)).sort()]),
  );
  const edges = acyclicEdges(ids, targetsOf);
  const depth = depthsOf(ids, edges);

  const rows = new Map<number, string[]>();
  for (const id of ids) rows.set(depth.get(id)!, [...(rows.get(depth.get(id)!) ?? []), id]);
  const column = new Map<string, number>();
  const placed: Placed[] = [];
  let y = 0;
  for (const layer of [...rows.keys()].sort((a, b) => a - b)) {
    const row = orderByParents(rows.get(layer)!, edges, column);
    for (let start = 0; start < row.length; start += PER_ROW) {
      const slice = row.slice(start, start + PER_ROW);
      const offset = ((Math.min(row.length, PER_ROW) - slice.length) * (NODE_WIDTH + GAP_X)) / 2;
      slice.forEach((id, index) => {
        column.set(id, start + index);
        placed.push({ identifier: id, x: offset + index * (NODE_WIDTH + GAP_X), y });
      });
      y += NODE_HEIGHT + GAP_Y;
    }
  }
  return placed;
}

/** The relation edges without self-loops and without the edges that close a cycle. */
function acyclicEdges(ids: string[], targetsOf: Map<string, string[]>): Array<[string, string]> {
  const state = new Map<string, 'open' | 'done'>();
  const edges: Array<[string, string]> = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const target of targetsOf.get(id) ?? []) {
      if (target === id || state.get(target) === 'open') continue;
      edges.push([id, target]);
      if (!state.has(target)) visit(target);
    }
    state.set(id, 'done');
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return edges;
}

/** The longest path from a blueprint nothing points to, for each blueprint (relaxed in dependency order). */
function depthsOf(ids: string[], edges: Array<[string, string]>): Map<string, number> {
  const depth = new Map(ids.map((id) => [id, 0]));
  const incoming = new Map(ids.map((id) => [id, 0]));
  for (const [, target] of edges) incoming.set(target, incoming.get(target)! + 1);
  const ready = ids.filter((id) => incoming.get(id) === 0);
  while (ready.length) {
    const id = ready.shift()!;
    for (const [source, target] of edges) {
      if (source !== id) continue;
      depth.set(target, Math.max(depth.get(target)!, depth.get(id)! + 1));
      incoming.set(target, incoming.get(target)! - 1);
      if (incoming.get(target) === 0) ready.push(target);
    }
  }
  return depth;
}

/** A row sorted by the mean column of the blueprints pointing to each (those without parents keep name order). */
function orderByParents(row: string[], edges: Array<[string, string]>, column: Map<string, number>) {
  const weight = (id: string) => {
    const parents = edges.filter(([, t]) => t === id).map(([s]) => column.get(s) ?? 0);
    return parents.length ? parents.reduce((a, b) => a + b, 0) / parents.length : Infinity;
  };
  return row
    .map((id, index) => ({ id, index, weight: weight(id) }))
    .sort((a, b) => (a.weight === b.weight ? a.index - b.index : a.weight - b.weight))
    .map((entry) => entry.id);
}
