import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import type { Blueprint } from '../../../core/blueprint';
import type { Entity } from '../../../core/entity';
import type { RuleResult, ScorecardRule } from '../../../core/scorecard';
import {
  scorecardHistoryQuery,
  TIMELINE_LIMIT,
  type ScorecardAnswer,
  type ScorecardChange,
} from '../../api/scorecard.queries';
import { Loading, Problem } from '../../components/problem';
import { DateTime } from '../../components/time';
import { EntityChip, PropertyValue } from '../catalog/cells/property-value';
import { valueOf } from '../catalog/columns';
import { conditionsOf, type ConditionView } from './conditions';
import { LevelBadge } from './levels';
import { causeText, changeSummary, statusWord } from './words';

/**
 * One scorecard on an entity's page: the level it reached, each rule passing or failing by level with
 * the entity's values that the rule reads, and its latest changes of level.
 */
export function EntityScorecard({
  blueprint,
  blueprints,
  entity,
  scorecard,
}: {
  blueprint: Blueprint;
  blueprints: ReadonlyMap<string, Blueprint>;
  entity: Entity;
  scorecard: ScorecardAnswer;
}) {
  const headingId = useId();
  const result = entity.scorecards?.[scorecard.identifier];
  const results = new Map((result?.rules ?? []).map((rule) => [rule.identifier, rule]));
  const passing = scorecard.rules.filter((rule) => results.get(rule.identifier)?.status === 'SUCCESS').length;
  const reachedIndex = result ? scorecard.levels.findIndex((level) => level.title === result.level) : -1;
  const evaluating = scorecard.evaluation?.status === 'evaluating';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="wrap">
          <Group gap="sm" align="center">
            <Title order={2} size="h4" id={headingId}>
              <Anchor
                inherit
                renderRoot={(props) => (
                  <Link
                    to="/scorecards/$blueprint/$scorecard"
                    params={{ blueprint: blueprint.identifier, scorecard: scorecard.identifier }}
                    {...props}
                  />
                )}
              >
                {scorecard.title}
              </Anchor>
            </Title>
            {result && (
              <Group gap={6} aria-label={`Level: ${result.level}`} role="group">
                <Text size="sm" c="dimmed" aria-hidden>
                  Level
                </Text>
                <LevelBadge levels={scorecard.levels} level={result.level} size="lg" />
              </Group>
            )}
          </Group>
          {result && (
            <Text size="sm" c="dimmed">
              {passing} of {scorecard.rules.length} rules pass
            </Text>
          )}
        </Group>
        {!result && (
          <Text size="sm" c="dimmed">
            {evaluating
              ? 'Not evaluated yet: the scorecard is being evaluated on every entity.'
              : `Not evaluated: ${scorecard.title} scores only the entities its filter matches, and this one does not.`}
          </Text>
        )}
        {result &&
          scorecard.levels.slice(1).map((level, index) => {
            const rules = scorecard.rules.filter((rule) => rule.level === level.title);
            if (!rules.length) return null;
            const reached = reachedIndex >= index + 1;
            return (
              <Stack key={level.title} gap="xs">
                <Group gap="xs">
                  <Title order={3} size="h5">
                    <LevelBadge levels={scorecard.levels} level={level.title} size="sm" />
                  </Title>
                  <Text size="sm" c={reached ? 'teal' : 'dimmed'}>
                    {reached ? 'reached' : 'not reached'}
                  </Text>
                </Group>
                <table className="rule-table" aria-label={`${level.title} rules`}>
                  <thead>
                    <tr>
                      <th scope="col">Result</th>
                      <th scope="col">Rule</th>
                      <th scope="col">Condition</th>
                      <th scope="col">This entity's value</th>
                    </tr>
                  </thead>
                  {rules.map((rule) => (
                    <RuleRows
                      key={rule.identifier}
                      rule={rule}
                      result={results.get(rule.identifier)}
                      blueprint={blueprint}
                      blueprints={blueprints}
                      entity={entity}
                    />
                  ))}
                </table>
              </Stack>
            );
          })}
        <LevelTimeline blueprint={blueprint.identifier} entity={entity.identifier} scorecard={scorecard} />
      </Stack>
    </Card>
  );
}

/**
 * A rule as rows of its level's table (a row group): its result, title and description once, then each
 * condition with the entity's own value of what it reads.
 */
function RuleRows({
  rule,
  result,
  blueprint,
  blueprints,
  entity,
}: {
  rule: ScorecardRule;
  result: RuleResult | undefined;
  blueprint: Blueprint;
  blueprints: ReadonlyMap<string, Blueprint>;
  entity: Entity;
}) {
  const status = result?.status;
  const conditions = conditionsOf(rule.query, blueprint, blueprints);
  const span = conditions.length;
  const joiner = rule.query.combinator === 'and' ? 'and' : 'or';
  return (
    <tbody data-rule={rule.identifier} data-status={status ?? 'NONE'}>
      {conditions.map((condition, i) => (
        <tr key={i}>
          {i === 0 && (
            <>
              <td rowSpan={span}>
                <Badge
                  variant="light"
                  color={status === 'SUCCESS' ? 'teal' : status === 'FAILURE' ? 'red' : 'gray'}
                >
                  {status === 'SUCCESS' ? '✓ Passing' : status === 'FAILURE' ? '✗ Failing' : 'Not evaluated'}
                </Badge>
              </td>
              <th scope="rowgroup" rowSpan={span}>
                <Text fw={500} size="sm">
                  {rule.title}
                </Text>
                {rule.description && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {rule.description}
                  </Text>
                )}
                {result?.reason && (
                  <Text size="xs" c="red">
                    {result.reason}
                  </Text>
                )}
              </th>
            </>
          )}
          <td>
            {i > 0 && (
              <Text span size="xs" c="dimmed">
                {joiner}{' '}
              </Text>
            )}
            <Text span size="sm" fw={500}>
              {condition.subject}
            </Text>{' '}
            <Text span size="sm">
              {condition.test}
            </Text>
          </td>
          <td>
            <EntityValue condition={condition} entity={entity} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** The entity's own value of what a condition reads: a property's (by its format), or a relation's targets. */
function EntityValue({ condition, entity }: { condition: ConditionView; entity: Entity }) {
  if (condition.kind === 'relation') {
    const value = entity.relations[condition.id];
    const ids = value === null || value === undefined ? [] : ([] as unknown[]).concat(value).map(String);
    if (!ids.length)
      return (
        <Text span size="sm" c="dimmed">
          — (empty)
        </Text>
      );
    return (
      <Group gap={4}>
        {ids.map((id) =>
          condition.target ? (
            <EntityChip key={id} blueprint={condition.target} identifier={id} />
          ) : (
            <Text span size="sm" key={id}>
              {id}
            </Text>
          ),
        )}
      </Group>
    );
  }
  const value = valueOf(entity, condition.id);
  if (condition.id === '$team' && Array.isArray(value))
    return value.length ? (
      <Group gap={4}>
        {value.map((team) => (
          <EntityChip key={String(team)} blueprint="_team" identifier={String(team)} />
        ))}
      </Group>
    ) : (
      <Text span size="sm" c="dimmed">
        — (empty)
      </Text>
    );
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length))
    return (
      <Text span size="sm" c="dimmed">
        — (empty)
      </Text>
    );
  // One line: a README or a YAML document is read on the entity's overview.
  return <PropertyValue schema={condition.schema} value={value} compact />;
}

function LevelTimeline({
  blueprint,
  entity,
  scorecard,
}: {
  blueprint: string;
  entity: string;
  scorecard: ScorecardAnswer;
}) {
  const history = useQuery(scorecardHistoryQuery(blueprint, entity, scorecard.identifier));
  const titles = new Map(scorecard.rules.map((rule) => [rule.identifier, rule.title]));
  return (
    <Stack gap="xs" component="section" aria-label={`Level changes of ${scorecard.title}`}>
      <Title order={3} size="h5">
        Recent changes
      </Title>
      {history.isPending && <Loading label="Loading the changes…" />}
      {history.isError && <Problem error={history.error} retry={() => void history.refetch()} />}
      {history.isSuccess && history.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No change recorded yet.
        </Text>
      )}
      {history.isSuccess && history.data.length > 0 && (
        <ol className="level-timeline">
          {history.data.map((change, i) => (
            <li key={`${change.at}-${i}`} data-level={change.level ?? ''}>
              <Group gap="xs" wrap="wrap" align="center">
                <DateTime value={change.at} />
                {change.level !== null && (
                  <LevelBadge levels={scorecard.levels} level={change.level} size="sm" />
                )}
                <Text size="sm" fw={500}>
                  {changeSummary(change)}
                </Text>
                <Text size="sm" c="dimmed">
                  {causeText(change.cause)}
                  {change.actor ? ` by ${change.actor}` : ''}
                </Text>
              </Group>
              {flipsOf(change).length > 0 && (
                <Text size="xs" c="dimmed">
                  {flipsOf(change)
                    .map(
                      (flip) =>
                        `${titles.get(flip.identifier) ?? flip.identifier}: ${statusWord(flip.status)} (was ${statusWord(flip.was)})`,
                    )
                    .join(' · ')}
                </Text>
              )}
            </li>
          ))}
        </ol>
      )}
      {history.data?.length === TIMELINE_LIMIT && (
        <Text size="xs" c="dimmed">
          The latest {TIMELINE_LIMIT} changes are shown.
        </Text>
      )}
    </Stack>
  );
}

/** The rules that turned from passing to failing or back (entering or leaving the scorecard flips none). */
const flipsOf = (change: ScorecardChange) =>
  change.flipped.filter((flip) => flip.status !== null && flip.was !== null);
