import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { blueprintListQuery } from '../api/blueprint.queries';
import { allScorecardsQuery, type ScorecardAnswer } from '../api/scorecard.queries';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { LevelBadge } from '../features/scorecards/levels';

/** Every scorecard, by blueprint, each a link to its page. */
export function ScorecardsPage() {
  const scorecards = useQuery(allScorecardsQuery());
  const blueprints = useQuery(blueprintListQuery());
  const titleOf = (id: string) => blueprints.data?.find((b) => b.identifier === id)?.title ?? id;
  const byBlueprint = new Map<string, ScorecardAnswer[]>();
  for (const scorecard of scorecards.data ?? [])
    (
      byBlueprint.get(scorecard.blueprint) ??
      byBlueprint.set(scorecard.blueprint, []).get(scorecard.blueprint)!
    ).push(scorecard);
  const groups = [...byBlueprint].sort(([a], [b]) => titleOf(a).localeCompare(titleOf(b)));
  return (
    <Page title="Scorecards">
      <Text size="sm" c="dimmed">
        Standards every entity of a blueprint is held to, level by level. Open one to see its levels over
        time, by team, and the initiatives on it.
      </Text>
      {scorecards.isPending && <Loading label="Loading the scorecards…" />}
      {scorecards.isError && <Problem error={scorecards.error} retry={() => void scorecards.refetch()} />}
      {scorecards.isSuccess && scorecards.data.length === 0 && (
        <Empty>No scorecard yet: docs/scorecards.md explains how to write one.</Empty>
      )}
      {groups.map(([blueprint, list]) => (
        <Stack key={blueprint} gap="xs" component="section" aria-label={titleOf(blueprint)}>
          <Title order={2} size="h4">
            <Anchor
              inherit
              renderRoot={(props) => <Link to="/catalog/$blueprint" params={{ blueprint }} {...props} />}
            >
              {titleOf(blueprint)}
            </Anchor>
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {list.map((scorecard) => (
              <Card key={scorecard.identifier} withBorder padding="md">
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Anchor
                      fw={600}
                      renderRoot={(props) => (
                        <Link
                          to="/scorecards/$blueprint/$scorecard"
                          params={{ blueprint, scorecard: scorecard.identifier }}
                          {...props}
                        />
                      )}
                    >
                      {scorecard.title}
                    </Anchor>
                    {scorecard.evaluation?.status === 'evaluating' && (
                      <Badge variant="light" color="blue">
                        evaluating
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {scorecard.rules.length} rule{scorecard.rules.length === 1 ? '' : 's'}
                  </Text>
                  <Group gap={4} aria-label="Levels">
                    {scorecard.levels.map((level) => (
                      <LevelBadge key={level.title} levels={scorecard.levels} level={level.title} size="sm" />
                    ))}
                  </Group>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Page>
  );
}
