import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Blueprint } from '../../core/blueprint';
import { blueprintListQuery } from '../api/blueprint.queries';
import { entityQuery } from '../api/entity.queries';
import { scorecardListQuery } from '../api/scorecard.queries';
import { Loading, Problem } from '../components/problem';
import { useEntityPage } from '../features/catalog/use-entity';
import { EntityScorecard } from '../features/scorecards/entity-scorecard';

/** The entity under each scorecard of its blueprint: level, rules by level with its values, changes. */
export function EntityScorecardsPage() {
  const { params, blueprint, entity } = useEntityPage();
  const list = useQuery({
    ...scorecardListQuery(params.blueprint),
    // While a changed scorecard evaluates every entity, this one's result may come any moment.
    refetchInterval: (query) =>
      query.state.data?.some((s) => s.evaluation?.status === 'evaluating') ? 2000 : false,
  });
  const evaluating = list.data?.some((s) => s.evaluation?.status === 'evaluating') ?? false;
  useQuery({ ...entityQuery(params.blueprint, params.entity), refetchInterval: evaluating ? 2000 : false });
  const all = useQuery(blueprintListQuery());
  const blueprints = useMemo(
    () => new Map<string, Blueprint>((all.data ?? []).map((b) => [b.identifier, b])),
    [all.data],
  );

  if (!blueprint.data || !entity.data) return null;
  if (list.isPending) return <Loading label="Loading the scorecards…" />;
  if (list.isError) return <Problem error={list.error} retry={() => void list.refetch()} />;
  if (list.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {blueprint.data.title} has no scorecards.
      </Text>
    );
  return (
    <Stack gap="lg">
      {list.data.map((scorecard) => (
        <EntityScorecard
          key={scorecard.identifier}
          blueprint={blueprint.data}
          blueprints={blueprints}
          entity={entity.data}
          scorecard={scorecard}
        />
      ))}
    </Stack>
  );
}
