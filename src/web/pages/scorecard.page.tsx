import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Blueprint } from '../../core/blueprint';
import { blueprintListQuery, blueprintQuery } from '../api/blueprint.queries';
import { isNotFound } from '../api/client';
import { initiativeListQuery, scorecardQuery, type ScorecardAnswer } from '../api/scorecard.queries';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { ProgressBar } from '../components/progress-bar';
import { localTime } from '../components/time';
import { conditionsOf } from '../features/scorecards/conditions';
import { InitiativeCard } from '../features/scorecards/initiative-progress';
import { ScorecardLevels } from '../features/scorecards/scorecard-levels';
import { ScorecardRules } from '../features/scorecards/scorecard-rules';
import type { ScorecardSearch } from '../features/scorecards/scorecard-search';
import { NotFoundPage } from './not-found.page';

/** A scorecard: its evaluation, its levels now and over time (per team), its rules and its initiatives. */
export function ScorecardPage() {
  const params = useParams({ from: '/app/scorecards/$blueprint/$scorecard' });
  const search = useSearch({ from: '/app/scorecards/$blueprint/$scorecard' });
  const navigate = useNavigate({ from: '/scorecards/$blueprint/$scorecard' });
  const queryClient = useQueryClient();
  const blueprint = useQuery(blueprintQuery(params.blueprint));
  const all = useQuery(blueprintListQuery());
  const scorecard = useQuery({
    ...scorecardQuery(params.blueprint, params.scorecard),
    // While it evaluates every entity, its progress moves: look again every second.
    refetchInterval: (query) => (query.state.data?.evaluation?.status === 'evaluating' ? 1000 : false),
  });
  const initiatives = useQuery(initiativeListQuery());
  const blueprints = useMemo(
    () => new Map<string, Blueprint>((all.data ?? []).map((b) => [b.identifier, b])),
    [all.data],
  );
  const evaluating = scorecard.data?.evaluation?.status === 'evaluating';

  // Once an evaluation ends, what it changed is read again.
  const wasEvaluating = useRef(evaluating);
  useEffect(() => {
    if (wasEvaluating.current && !evaluating) {
      void queryClient.invalidateQueries({ queryKey: ['scorecards', 'levels', params.blueprint] });
      void queryClient.invalidateQueries({ queryKey: ['initiatives', 'progress'] });
    }
    wasEvaluating.current = evaluating;
  }, [evaluating, queryClient, params.blueprint]);

  if (isNotFound(blueprint.error))
    return <NotFoundPage what={`There is no blueprint “${params.blueprint}”`} />;
  if (isNotFound(scorecard.error))
    return <NotFoundPage what={`${params.blueprint} has no scorecard “${params.scorecard}”`} />;
  if (blueprint.isError) return <Problem error={blueprint.error} retry={() => void blueprint.refetch()} />;
  if (scorecard.isError) return <Problem error={scorecard.error} retry={() => void scorecard.refetch()} />;
  if (blueprint.isPending || scorecard.isPending) return <Loading label="Loading the scorecard…" />;

  const definition = scorecard.data;
  const mine = (initiatives.data ?? []).filter(
    (i) => i.blueprint === params.blueprint && i.scorecard === params.scorecard,
  );
  return (
    <Page title={`${definition.title} · scorecard`} heading={definition.title}>
      <Text size="sm" c="dimmed">
        Scorecard {definition.identifier} of{' '}
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link to="/catalog/$blueprint" params={{ blueprint: params.blueprint }} {...props} />
          )}
        >
          {blueprint.data.title}
        </Anchor>{' '}
        ·{' '}
        <Anchor size="sm" renderRoot={(props) => <Link to="/scorecards" {...props} />}>
          All scorecards
        </Anchor>
      </Text>
      <Text size="sm">
        {definition.filter
          ? `Scores the ${blueprint.data.title} entities where ${conditionsOf(
              definition.filter,
              blueprint.data,
              blueprints,
            )
              .map((c) => `${c.subject} ${c.test}`)
              .join(definition.filter.combinator === 'and' ? ' and ' : ' or ')}.`
          : `Scores every ${blueprint.data.title} entity.`}
      </Text>
      <Evaluation scorecard={definition} />
      <Section title="Levels">
        <ScorecardLevels
          blueprint={params.blueprint}
          scorecard={params.scorecard}
          levels={definition.levels}
          search={search}
          evaluating={evaluating}
          onSearch={(change) =>
            void navigate({
              search: (previous: ScorecardSearch) => ({ ...previous, ...change }),
              replace: true,
            })
          }
        />
      </Section>
      <Section title="Initiatives">
        {initiatives.isPending && <Loading label="Loading the initiatives…" />}
        {initiatives.isError && (
          <Problem error={initiatives.error} retry={() => void initiatives.refetch()} />
        )}
        {initiatives.isSuccess && mine.length === 0 && (
          <Empty>No initiative sets a level of this scorecard to reach.</Empty>
        )}
        {mine.map((initiative) => (
          <InitiativeCard key={initiative.identifier} initiative={initiative} levels={definition.levels} />
        ))}
      </Section>
      <Section title="Rules">
        <ScorecardRules scorecard={definition} blueprint={blueprint.data} blueprints={blueprints} />
      </Section>
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** Where the evaluation of every entity after the scorecard's last change is. */
function Evaluation({ scorecard }: { scorecard: ScorecardAnswer }) {
  const evaluation = scorecard.evaluation;
  if (!evaluation) return null;
  if (evaluation.status === 'done')
    return (
      <Text size="sm" c="dimmed" role="status">
        Up to date: every entity was evaluated after the scorecard's last change
        {evaluation.finishedAt ? ` (${localTime(Date.parse(evaluation.finishedAt))})` : ''}, and each write
        since is evaluated within a second.
      </Text>
    );
  const { evaluated, total } = evaluation;
  if (evaluated === undefined || total === undefined)
    return (
      <Text size="sm" role="status">
        Evaluating every entity after the scorecard's change…
      </Text>
    );
  const percent = total ? (100 * evaluated) / total : 0;
  return (
    <Stack gap={4} role="status">
      <Text size="sm">
        Evaluating every entity after the scorecard's change: {evaluated.toLocaleString()} of{' '}
        {total.toLocaleString()}
      </Text>
      <ProgressBar
        value={percent}
        animated
        label="Evaluation progress"
        valueText={`${evaluated} of ${total}`}
      />
    </Stack>
  );
}
