import '@xyflow/react/dist/style.css';
import { Button, Group, List, Stack, Text } from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Background, Controls, MarkerType, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { Problem } from '../components/problem';
import { useEntityPage } from '../features/catalog/use-entity';
import { neighboursOf, nodeKey, type GraphEdge, type GraphNode } from '../features/catalog/neighbourhood';

interface Placed extends GraphNode {
  x: number;
  y: number;
  expanded: boolean;
}

const COLUMN = 300;
const ROW = 80;

/**
 * The entity's neighbourhood: one hop at first, and one more around any node you expand. What it points at
 * goes right, what points at it goes left.
 */
export function EntityGraphPage() {
  const { params, entity } = useEntityPage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const scheme = useComputedColorScheme('light');
  const [nodes, setNodes] = useState<Map<string, Placed>>(new Map());
  const [edges, setEdges] = useState<GraphEdge[]>([]);
  const [error, setError] = useState<unknown>(null);

  const expand = useCallback(
    async (blueprint: string, identifier: string, at: { x: number; y: number }) => {
      try {
        const around = await neighboursOf(queryClient, blueprint, identifier);
        const self = nodeKey(blueprint, identifier);
        setNodes((previous) => {
          const next = new Map(previous);
          const existing = next.get(self);
          next.set(self, {
            ...(existing ?? { key: self, blueprint, identifier, x: at.x, y: at.y }),
            title: around.entity.title || identifier,
            expanded: true,
          });
          const outgoing = new Set(around.edges.filter((e) => e.from === self).map((e) => e.to));
          const fresh = around.nodes.filter(
            (node, index, all) => !next.has(node.key) && all.findIndex((n) => n.key === node.key) === index,
          );
          const sides = [fresh.filter((n) => outgoing.has(n.key)), fresh.filter((n) => !outgoing.has(n.key))];
          sides.forEach((side, which) =>
            side.forEach((node, index) =>
              next.set(node.key, {
                ...node,
                x: at.x + (which === 0 ? COLUMN : -COLUMN),
                y: at.y + (index - (side.length - 1) / 2) * ROW,
                expanded: false,
              }),
            ),
          );
          return next;
        });
        setEdges((previous) => {
          const seen = new Set(previous.map((e) => `${e.from}>${e.to}>${e.label}`));
          return [...previous, ...around.edges.filter((e) => !seen.has(`${e.from}>${e.to}>${e.label}`))];
        });
      } catch (caught) {
        setError(caught);
      }
    },
    [queryClient],
  );

  useEffect(() => {
    setNodes(new Map());
    setEdges([]);
    void expand(params.blueprint, params.entity, { x: 0, y: 0 });
  }, [params.blueprint, params.entity, expand]);

  if (error) return <Problem error={error} />;
  const flowNodes: Node[] = [...nodes.values()].map((node) => ({
    id: node.key,
    position: { x: node.x, y: node.y },
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
    data: { label: `${node.title}\n${node.blueprint}` },
    style: {
      whiteSpace: 'pre-line',
      fontWeight: node.key === nodeKey(params.blueprint, params.entity) ? 700 : 400,
      borderStyle: node.expanded ? 'solid' : 'dashed',
    },
  }));
  const flowEdges: Edge[] = edges.map((edge, index) => ({
    id: `e${index}`,
    source: edge.from,
    target: edge.to,
    label: edge.label,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
  const waiting = [...nodes.values()].filter((n) => !n.expanded);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Click a node with a dashed border (or focus it and press Enter) to show its neighbours; double-click a
        node, or press Enter on an expanded one, to open it.
      </Text>
      <div className="graph-box" aria-label={`Relation graph around ${entity.data?.title ?? params.entity}`}>
        <ReactFlow
          nodes={flowNodes}
          edges={flowEdges}
          colorMode={scheme}
          fitView
          nodesConnectable={false}
          onNodeClick={(_event, node) => {
            const placed = nodes.get(node.id);
            if (placed && !placed.expanded) void expand(placed.blueprint, placed.identifier, placed);
          }}
          onKeyDown={(event) => {
            // Nodes take focus; Enter expands one, as a click does (and opens it once it is expanded).
            const target = event.target as HTMLElement;
            if (event.key !== 'Enter' || target.getAttribute('aria-roledescription') !== 'node') return;
            const placed = nodes.get(target.dataset.id ?? '');
            if (!placed) return;
            if (!placed.expanded) void expand(placed.blueprint, placed.identifier, placed);
            else
              void navigate({
                to: '/catalog/$blueprint/$entity',
                params: { blueprint: placed.blueprint, entity: placed.identifier },
              });
          }}
          onNodeDoubleClick={(_event, node) => {
            const placed = nodes.get(node.id);
            if (placed)
              void navigate({
                to: '/catalog/$blueprint/$entity',
                params: { blueprint: placed.blueprint, entity: placed.identifier },
              });
          }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {waiting.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Not yet expanded
          </Text>
          <List size="sm">
            {waiting.map((node) => (
              <List.Item key={node.key}>
                <Group gap="xs">
                  <Link
                    to="/catalog/$blueprint/$entity"
                    params={{ blueprint: node.blueprint, entity: node.identifier }}
                  >
                    {node.title}
                  </Link>
                  <Text span size="xs" c="dimmed">
                    {node.blueprint}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => void expand(node.blueprint, node.identifier, node)}
                  >
                    Expand
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
