import { Code, Loader, Stack, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import type { ActionRun, UserInputs } from '../../../core/action';
import { lazyWithRetry } from '../../components/lazy';

const CodeView = lazyWithRetry(() =>
  import('../../components/code-view').then((m) => ({ default: m.CodeView })),
);

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The inputs a run was given (secrets come masked from the API) and the payload sent to its backend. */
export function RunInputs({ run, inputs }: { run: ActionRun; inputs: UserInputs | undefined }) {
  const entries = Object.entries(run.properties);
  const titleOf = (name: string) =>
    (inputs && Object.hasOwn(inputs.properties, name) ? inputs.properties[name]!.title : undefined) ?? name;
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-label="Inputs">
        <Title order={2} size="h4">
          Inputs
        </Title>
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            This run had no inputs.
          </Text>
        ) : (
          <div className="property-grid" data-testid="run-inputs">
            {entries.map(([name, value]) => (
              <InputRow key={name} label={titleOf(name)} value={value} />
            ))}
          </div>
        )}
      </Stack>
      {run.payload && (
        <Stack gap="xs" component="section" aria-label="Payload">
          <Title order={2} size="h4">
            Payload sent
          </Title>
          <Suspense fallback={<Loader size="xs" />}>
            <CodeView language="json" value={JSON.stringify(run.payload, null, 2)} />
          </Suspense>
        </Stack>
      )}
    </Stack>
  );
}

function InputRow({ label, value }: { label: string; value: unknown }) {
  return (
    <>
      <Text fw={500} size="sm">
        {label}
      </Text>
      <div>{typeof value === 'string' ? <Text size="sm">{value}</Text> : <Code>{shown(value)}</Code>}</div>
    </>
  );
}
