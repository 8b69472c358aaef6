import { Group, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { Blueprint } from '../../../core/blueprint';
import type { Entity } from '../../../core/entity';
import { blueprintListQuery } from '../../api/blueprint.queries';
import { incomingQuery } from '../../api/entity.queries';
import { EntityChip } from './cells/property-value';

/** Every relation that points at `blueprint`, from any blueprint. */
export function incomingRelations(blueprints: Blueprint[], blueprint: string) {
  return blueprints.flatMap((source) =>
    Object.entries(source.relations)
      .filter(([, relation]) => relation.target === blueprint)
      .map(([relation, definition]) => ({ source, relation, title: definition.title ?? relation })),
  );
}

/** An entity's relations both ways: what it points at, and what points at it, each a link. */
export function RelationsSection({ blueprint, entity }: { blueprint: Blueprint; entity: Entity }) {
  const blueprints = useQuery(blueprintListQuery());
  const incoming = incomingRelations(blueprints.data ?? [], blueprint.identifier);
  const pointing = useQueries({
    queries: incoming.map((r) => incomingQuery(r.source.identifier, r.relation, entity.identifier)),
  });
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Relations
      </Title>
      <div className="property-grid">
        {Object.entries(blueprint.relations).map(([id, relation]) => {
          const value = entity.relations[id];
          const ids = value === null || value === undefined ? [] : ([] as string[]).concat(value);
          return (
            <Row key={`out-${id}`} label={relation.title ?? id} hint={`→ ${relation.target}`}>
              {ids.length ? (
                ids.map((target) => (
                  <EntityChip key={target} blueprint={relation.target} identifier={target} />
                ))
              ) : (
                <Text c="dimmed">—</Text>
              )}
            </Row>
          );
        })}
        {incoming.map((r, index) => {
          const result = pointing[index];
          const entities = result?.data?.entities ?? [];
          return (
            <Row
              key={`in-${r.source.identifier}-${r.relation}`}
              label={`${r.source.title} (${r.title})`}
              hint={`← ${r.source.identifier}`}
            >
              {result?.isPending ? (
                <Text c="dimmed" size="sm">
                  Loading…
                </Text>
              ) : entities.length ? (
                <>
                  {entities.map((e) => (
                    <EntityChip
                      key={e.identifier}
                      blueprint={r.source.identifier}
                      identifier={e.identifier}
                      title={e.title}
                    />
                  ))}
                  {result?.data?.next && (
                    <Text size="xs" c="dimmed">
                      and more (see Related entities)
                    </Text>
                  )}
                </>
              ) : (
                <Text c="dimmed">—</Text>
              )}
            </Row>
          );
        })}
      </div>
      {Object.keys(blueprint.relations).length === 0 && incoming.length === 0 && (
        <Text c="dimmed" size="sm">
          {blueprint.title} has no relations.
        </Text>
      )}
    </Stack>
  );
}

function Row({ label, hint, children }: { label: string; hint: string; children: React.ReactNode }) {
  return (
    <>
      <Text fw={500} size="sm">
        {label}{' '}
        <Text span c="dimmed" size="xs">
          {hint}
        </Text>
      </Text>
      <Group gap={4}>{children}</Group>
    </>
  );
}
