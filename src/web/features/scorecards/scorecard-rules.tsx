import { Anchor, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Blueprint } from '../../../core/blueprint';
import type { Scorecard } from '../../../core/scorecard';
import type { SearchRule } from '../../../core/search';
import { conditionsOf } from './conditions';
import { LevelBadge } from './levels';

/**
 * A scorecard's rules, level by level from the lowest: what each asks, in words, with a link to the
 * catalog's table of the entities that fail it.
 */
export function ScorecardRules({
  scorecard,
  blueprint,
  blueprints,
}: {
  scorecard: Scorecard;
  blueprint: Blueprint;
  blueprints: ReadonlyMap<string, Blueprint>;
}) {
  const [first, ...above] = scorecard.levels;
  return (
    <Stack gap="md">
      {first && (
        <Group gap="xs">
          <LevelBadge levels={scorecard.levels} level={first.title} size="sm" />
          <Text size="sm" c="dimmed">
            where every scored entity starts
          </Text>
        </Group>
      )}
      {above.map((level) => {
        const rules = scorecard.rules.filter((rule) => rule.level === level.title);
        return (
          <Stack key={level.title} gap="xs">
            <Group gap="xs">
              <Title order={3} size="h5">
                <LevelBadge levels={scorecard.levels} level={level.title} size="sm" />
              </Title>
              <Text size="sm" c="dimmed">
                {rules.length
                  ? `${rules.length} rule${rules.length === 1 ? '' : 's'}, and every rule of the levels below`
                  : 'no rules of its own: passed through on the way up, never reached by itself'}
              </Text>
            </Group>
            {rules.length > 0 && (
              <List spacing="sm" aria-label={`${level.title} rules`} listStyleType="none">
                {rules.map((rule) => {
                  const failing: SearchRule[] = [
                    {
                      scorecard: scorecard.identifier,
                      scorecardRule: rule.identifier,
                      operator: '=',
                      value: 'FAILURE',
                    },
                  ];
                  const conditions = conditionsOf(rule.query, blueprint, blueprints);
                  return (
                    <List.Item key={rule.identifier} data-rule={rule.identifier}>
                      <Stack gap={2}>
                        <Group gap="xs" align="baseline">
                          <Text fw={500}>{rule.title}</Text>
                          <Text size="xs" c="dimmed">
                            {rule.identifier}
                          </Text>
                          <Anchor
                            size="sm"
                            renderRoot={(props) => (
                              <Link
                                to="/catalog/$blueprint"
                                params={{ blueprint: blueprint.identifier }}
                                search={{ rules: failing }}
                                {...props}
                              />
                            )}
                          >
                            Entities failing it
                          </Anchor>
                        </Group>
                        {rule.description && (
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {rule.description}
                          </Text>
                        )}
                        <Text size="sm" c="dimmed">
                          {conditions
                            .map((c) => `${c.subject} ${c.test}`)
                            .join(rule.query.combinator === 'and' ? ' and ' : ' or ')}
                        </Text>
                      </Stack>
                    </List.Item>
                  );
                })}
              </List>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
