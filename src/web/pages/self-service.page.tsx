import { Button, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { actionListQuery } from '../api/action.queries';
import { blueprintListQuery } from '../api/blueprint.queries';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { ActionCard } from '../features/actions/action-card';
import { groupActions } from '../features/actions/action-groups';

/** Every self-service action one may see, by blueprint, found as you type; CREATE actions run from here. */
export function SelfServicePage() {
  const { q } = useSearch({ from: '/app/self-service' });
  const navigate = useNavigate({ from: '/self-service' });
  const actions = useQuery(actionListQuery());
  const blueprints = useQuery(blueprintListQuery());
  const titles = new Map(blueprints.data?.map((b) => [b.identifier, b.title]));
  const titleOf = (identifier: string) => titles.get(identifier) ?? identifier;

  let content;
  if (actions.isPending) content = <Loading label="Loading the actions…" />;
  else if (actions.isError) content = <Problem error={actions.error} retry={() => void actions.refetch()} />;
  else {
    const groups = groupActions(actions.data, q ?? '', titleOf);
    content = groups.length ? (
      groups.map((group) => (
        <Stack key={group.blueprint ?? ''} gap="xs" component="section" aria-label={group.title}>
          <Title order={2} size="h4">
            {group.title}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }}>
            {group.actions.map((action) => (
              <ActionCard
                key={action.identifier}
                action={action}
                blueprintTitle={group.blueprint === null ? undefined : group.title}
              />
            ))}
          </SimpleGrid>
        </Stack>
      ))
    ) : (
      <Empty>{q ? `No action matches “${q}”.` : 'There are no self-service actions yet.'}</Empty>
    );
  }

  return (
    <Page
      title="Self-service"
      actions={
        <Button variant="default" renderRoot={(props) => <Link to="/runs" search={{}} {...props} />}>
          My runs
        </Button>
      }
    >
      <TextInput
        label="Find an action"
        placeholder="Scaffold, deploy…"
        value={q ?? ''}
        onChange={(event) =>
          void navigate({ search: { q: event.currentTarget.value || undefined }, replace: true })
        }
        maw={360}
      />
      {content}
    </Page>
  );
}
