import { Divider, Stack, Text, Title } from '@mantine/core';
import { PropertyValue } from '../features/catalog/cells/property-value';
import { RelationsSection } from '../features/catalog/relations-section';
import { useEntityPage } from '../features/catalog/use-entity';
import { DateTime } from '../components/time';
import { propertySchemaOf } from '../../core/computed-properties';

export function EntityOverviewPage() {
  const { blueprint, entity } = useEntityPage();
  if (!blueprint.data || !entity.data) return null;
  const properties = Object.entries(blueprint.data.schema.properties);
  const definitions = {
    ...blueprint.data.mirrorProperties,
    ...blueprint.data.calculationProperties,
    ...blueprint.data.aggregationProperties,
  };
  const computed = Object.keys(definitions);
  const only = new Map([[blueprint.data.identifier, blueprint.data]]);
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Properties
        </Title>
        {properties.length === 0 && computed.length === 0 && (
          <Text c="dimmed" size="sm">
            {blueprint.data.title} has no properties.
          </Text>
        )}
        <div className="property-grid" data-testid="properties">
          {properties.map(([id, schema]) => (
            <Property key={id} label={schema.title ?? id}>
              <PropertyValue schema={schema} value={entity.data.properties[id]} />
            </Property>
          ))}
          {computed.map((id) => (
            <Property key={id} label={titleOf(definitions[id], id)}>
              <PropertyValue
                schema={propertySchemaOf(blueprint.data, id, only)}
                value={entity.data.properties[id]}
              />
            </Property>
          ))}
        </div>
      </Stack>
      <Divider />
      <RelationsSection blueprint={blueprint.data} entity={entity.data} />
      <Divider />
      <div className="property-grid">
        <Property label="Created">
          <DateTime value={entity.data.createdAt} /> by {entity.data.createdBy}
        </Property>
        <Property label="Last updated">
          <DateTime value={entity.data.updatedAt} /> by {entity.data.updatedBy}
        </Property>
      </div>
    </Stack>
  );
}

const titleOf = (definition: { title?: unknown } | undefined, id: string) =>
  typeof definition?.title === 'string' ? definition.title : id;

function Property({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Text fw={500} size="sm" component="div">
        {label}
      </Text>
      <div>{children}</div>
    </>
  );
}
