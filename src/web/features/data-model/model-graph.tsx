import '@xyflow/react/dist/style.css';
import { Text, useComputedColorScheme } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import {
  Background,
  BaseEdge,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import { useMemo } from 'react';
import type { Blueprint, BlueprintRelation } from '../../../core/blueprint';
import { layeredLayout, NODE_HEIGHT, NODE_WIDTH } from './model-layout';

type BlueprintNode = Node<{ blueprint: Blueprint }, 'blueprint'>;

/**
 * Every blueprint and its relations as a graph, laid out in rows by relation depth. Clicking a blueprint
 * opens it. Loaded lazily: React Flow stays out of the pages that do not draw it.
 */
export function ModelGraph({ blueprints }: { blueprints: Blueprint[] }) {
  const scheme = useComputedColorScheme('light');
  const navigate = useNavigate();
  const { nodes, edges } = useMemo(() => graphOf(blueprints), [blueprints]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      colorMode={scheme}
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
      minZoom={0.2}
      nodesDraggable
      nodesConnectable={false}
      edgesFocusable={false}
      elementsSelectable={false}
      onNodeClick={(_, node) =>
        void navigate({ to: '/data-model/$blueprint', params: { blueprint: node.id } })
      }
      onKeyDown={(event) => {
        // Nodes take focus but React Flow opens nothing on Enter: open the blueprint, as a click does.
        const target = event.target as HTMLElement;
        if (event.key !== 'Enter' || target.getAttribute('aria-roledescription') !== 'node') return;
        const id = target.dataset.id;
        if (id) void navigate({ to: '/data-model/$blueprint', params: { blueprint: id } });
      }}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

function graphOf(blueprints: Blueprint[]): { nodes: BlueprintNode[]; edges: Edge[] } {
  const known = new Set(blueprints.map((b) => b.identifier));
  const byId = new Map(blueprints.map((b) => [b.identifier, b]));
  const placed = layeredLayout(
    blueprints.map((b) => ({
      identifier: b.identifier,
      targets: Object.values(b.relations).map((r) => r.target),
    })),
  );
  const nodes = placed.map(({ identifier, x, y }): BlueprintNode => ({
    id: identifier,
    type: 'blueprint',
    position: { x, y },
    data: { blueprint: byId.get(identifier)! },
    ariaLabel: `Blueprint ${byId.get(identifier)!.title}`,
  }));
  // Relations between the same two blueprints share one edge: parallel edges would hide each other.
  const pairs = new Map<string, Array<[string, BlueprintRelation]>>();
  for (const b of blueprints)
    for (const [key, relation] of Object.entries(b.relations)) {
      if (!known.has(relation.target)) continue;
      const pair = `${b.identifier}\u0000${relation.target}`;
      pairs.set(pair, [...(pairs.get(pair) ?? []), [key, relation]]);
    }
  const edges = [...pairs].map(([pair, relations]): Edge => {
    const [source, target] = pair.split('\u0000') as [string, string];
    return {
      id: pair,
      source,
      target,
      type: source === target ? 'self' : 'default',
      label: relations.map(([key, r]) => `${r.title || key}${r.many ? ' · many' : ''}`).join('; '),
      labelBgPadding: [4, 2],
      labelStyle: { fontSize: 12 },
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      style: relations.some(([, r]) => r.required) ? { strokeWidth: 2 } : { strokeDasharray: '5 4' },
    };
  });
  return { nodes, edges };
}

function BlueprintNodeView({ data: { blueprint } }: NodeProps<BlueprintNode>) {
  const count = Object.keys(blueprint.schema.properties).length;
  return (
    <div
      style={{
        width: NODE_WIDTH,
        minHeight: NODE_HEIGHT,
        padding: '8px 12px',
        borderRadius: 8,
        border: '1px solid var(--mantine-color-default-border)',
        background: 'var(--mantine-color-body)',
        cursor: 'pointer',
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} style={{ opacity: 0 }} />
      <Text fw={600} size="sm" truncate>
        {blueprint.title}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace" truncate>
        {blueprint.identifier}
      </Text>
      <Text size="xs" c="dimmed">
        {count === 1 ? '1 property' : `${count} properties`}
      </Text>
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={{ opacity: 0 }} />
    </div>
  );
}

/** A relation from a blueprint to itself: a loop around its right side. */
function SelfEdge({ sourceX, sourceY, targetX, targetY, label, markerEnd, style }: EdgeProps) {
  const reach = NODE_WIDTH * 0.75;
  const path = `M ${sourceX} ${sourceY} C ${sourceX + reach} ${sourceY + 60}, ${targetX + reach} ${targetY - 60}, ${targetX} ${targetY}`;
  return (
    <BaseEdge
      path={path}
      markerEnd={markerEnd}
      style={style}
      label={label}
      labelX={sourceX + reach * 0.8}
      labelY={(sourceY + targetY) / 2}
      labelBgPadding={[4, 2]}
      labelStyle={{ fontSize: 12 }}
    />
  );
}

const nodeTypes = { blueprint: BlueprintNodeView };
const edgeTypes = { self: SelfEdge };
