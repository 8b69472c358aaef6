import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ScorecardLevel } from '../../../core/scorecard';
import { initiativeProgressQuery, type Initiative, type TeamProgress } from '../../api/scorecard.queries';
import { Loading, Problem } from '../../components/problem';
import { ProgressBar } from '../../components/progress-bar';
import { EntityChip } from '../catalog/cells/property-value';
import { LevelBadge, teamLabel } from './levels';
import { dueText } from './words';

/** How many of a team's entities behind are listed before "show all". */
const BEHIND_SHOWN = 5;

/** An initiative: the level to reach by when, how far everyone is, and per team who is behind. */
export function InitiativeCard({
  initiative,
  levels,
}: {
  initiative: Initiative;
  levels: readonly ScorecardLevel[];
}) {
  const headingId = useId();
  const progress = useQuery(initiativeProgressQuery(initiative.identifier));
  const due = new Date(initiative.dueDate);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id={headingId}>
            {initiative.title}
          </Title>
          {progress.data && (
            <Badge variant="light" color={progress.data.overdue ? 'red' : 'gray'} data-testid="due">
              {dueText(progress.data)}
            </Badge>
          )}
        </Group>
        <Group gap={6} wrap="wrap">
          <Text size="sm">Reach</Text>
          <LevelBadge levels={levels} level={initiative.level} size="sm" />
          <Text size="sm">
            by {Number.isNaN(due.getTime()) ? initiative.dueDate : due.toLocaleDateString()}
            {initiative.teams?.length
              ? `, for ${initiative.teams.map(teamLabel).join(', ')}`
              : ', for every team'}
          </Text>
        </Group>
        {initiative.description && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {initiative.description}
          </Text>
        )}
        {progress.isPending && <Loading label="Loading the progress…" />}
        {progress.isError && <Problem error={progress.error} retry={() => void progress.refetch()} />}
        {progress.data && (
          <>
            <ProgressLine
              label={`${initiative.title}: overall`}
              reached={progress.data.reached}
              total={progress.data.total}
              percent={progress.data.percent}
            />
            <TeamTable blueprint={initiative.blueprint} levels={levels} teams={progress.data.teams} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function ProgressLine({
  label,
  reached,
  total,
  percent,
}: {
  label: string;
  reached: number;
  total: number;
  percent: number;
}) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ProgressBar
        value={percent}
        color={percent >= 100 ? 'teal' : 'blue'}
        style={{ flex: 1, minWidth: 80 }}
        label={label}
        valueText={`${reached} of ${total} (${percent}%)`}
      />
      <Text size="sm" w="9.5rem" ta="right" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
        {reached.toLocaleString()} of {total.toLocaleString()} ({percent}%)
      </Text>
    </Group>
  );
}

function TeamTable({
  blueprint,
  levels,
  teams,
}: {
  blueprint: string;
  levels: readonly ScorecardLevel[];
  teams: TeamProgress[];
}) {
  if (!teams.length)
    return (
      <Text size="sm" c="dimmed">
        No entity of these teams is scored.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" aria-label="Progress by team">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Team</Table.Th>
            <Table.Th scope="col" w="35%">
              Progress
            </Table.Th>
            <Table.Th scope="col">Behind</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => (
            <Table.Tr key={team.team} data-team={team.team}>
              <Table.Th scope="row" fw={500}>
                {team.team === '' ? (
                  <Text span c="dimmed" size="sm">
                    No team
                  </Text>
                ) : (
                  <EntityChip blueprint="_team" identifier={team.team} />
                )}
              </Table.Th>
              <Table.Td>
                <ProgressLine
                  label={`${teamLabel(team.team)}: progress`}
                  reached={team.reached}
                  total={team.total}
                  percent={team.percent}
                />
              </Table.Td>
              <Table.Td>
                <Behind blueprint={blueprint} levels={levels} team={team} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The team's entities below the level, lowest first, each a link to its page. */
function Behind({
  blueprint,
  levels,
  team,
}: {
  blueprint: string;
  levels: readonly ScorecardLevel[];
  team: TeamProgress;
}) {
  const [all, setAll] = useState(false);
  const listId = useId();
  if (!team.behind.length)
    return (
      <Text size="sm" c="teal">
        Nobody
      </Text>
    );
  const shown = all ? team.behind : team.behind.slice(0, BEHIND_SHOWN);
  const unlisted = team.total - team.reached - team.behind.length;
  return (
    <Stack gap={4}>
      <ul className="behind-list" id={listId} aria-label={`Behind in ${teamLabel(team.team)}`}>
        {shown.map((entity) => (
          <li key={entity.identifier}>
            <Group gap={4} wrap="nowrap">
              <EntityChip blueprint={blueprint} identifier={entity.identifier} title={entity.title} />
              <LevelBadge levels={levels} level={entity.level} size="xs" />
            </Group>
          </li>
        ))}
      </ul>
      {team.behind.length > BEHIND_SHOWN && (
        <Button
          variant="subtle"
          size="compact-xs"
          aria-expanded={all}
          aria-controls={listId}
          onClick={() => setAll((a) => !a)}
          style={{ alignSelf: 'flex-start' }}
        >
          {all ? 'Show fewer' : `Show all ${team.behind.length}`}
        </Button>
      )}
      {unlisted > 0 && (
        <Text size="xs" c="dimmed">
          and {unlisted.toLocaleString()} more
        </Text>
      )}
    </Stack>
  );
}
