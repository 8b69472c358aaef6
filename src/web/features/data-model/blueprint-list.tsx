import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Blueprint } from '../../../core/blueprint';

/** The data model as a table: what the graph shows, for keyboards and screen readers. */
export function BlueprintList({ blueprints }: { blueprints: Blueprint[] }) {
  const titleOf = new Map(blueprints.map((b) => [b.identifier, b.title]));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Blueprints">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Blueprint</Table.Th>
            <Table.Th scope="col">Identifier</Table.Th>
            <Table.Th scope="col">Properties</Table.Th>
            <Table.Th scope="col">Relations</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {blueprints.map((blueprint) => (
            <Table.Tr key={blueprint.identifier}>
              <Table.Th scope="row" fw={500}>
                <Anchor
                  renderRoot={(props) => (
                    <Link
                      to="/data-model/$blueprint"
                      params={{ blueprint: blueprint.identifier }}
                      {...props}
                    />
                  )}
                >
                  {blueprint.title}
                </Anchor>
              </Table.Th>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {blueprint.identifier}
                </Text>
              </Table.Td>
              <Table.Td>{Object.keys(blueprint.schema.properties).length}</Table.Td>
              <Table.Td>
                <RelationSummary blueprint={blueprint} titleOf={titleOf} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RelationSummary({ blueprint, titleOf }: { blueprint: Blueprint; titleOf: Map<string, string> }) {
  const relations = Object.entries(blueprint.relations);
  if (!relations.length)
    return (
      <Text span size="sm" c="dimmed">
        none
      </Text>
    );
  return (
    <Text span size="sm">
      {relations
        .map(
          ([key, r]) =>
            `${r.title || key} → ${titleOf.get(r.target) ?? r.target}${r.many ? ' (many)' : ''}${r.required ? ' (required)' : ''}`,
        )
        .join('; ')}
    </Text>
  );
}
