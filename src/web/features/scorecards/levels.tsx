import { Badge } from '@mantine/core';
import type { ScorecardLevel } from '../../../core/scorecard';
import { mantineColorOf } from '../../components/enum-colors';

/** The Mantine colour of a level: Port's colour name of it, grey for a level the scorecard lacks. */
export function levelColorOf(levels: readonly ScorecardLevel[], title: string): string {
  return mantineColorOf(levels.find((level) => level.title === title)?.color);
}

/** A Mantine colour (`blue`, `yellow.7`) as CSS, for what Mantine does not draw (the charts' SVG). */
export function cssColorOf(mantine: string): string {
  const [name, shade] = mantine.split('.');
  return `var(--mantine-color-${name}-${shade ?? '6'})`;
}

/** A level in its colour, as Port shows it. */
export function LevelBadge({
  levels,
  level,
  size = 'md',
}: {
  levels: readonly ScorecardLevel[];
  level: string;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  return (
    <Badge
      color={levelColorOf(levels, level)}
      variant="filled"
      autoContrast
      size={size}
      style={{ textTransform: 'none' }}
      data-level={level}
    >
      {level}
    </Badge>
  );
}

/** The team a count or progress is of: `""` is the entities no team owns. */
export const teamLabel = (team: string) => (team === '' ? 'No team' : team);
