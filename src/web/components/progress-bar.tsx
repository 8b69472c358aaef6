import { Progress, type MantineStyleProp } from '@mantine/core';

/**
 * A progress bar that says what it measures in words ("2 of 4"), which Mantine's Progress replaces with
 * its own percentage.
 */
export function ProgressBar({
  value,
  label,
  valueText,
  color,
  animated,
  style,
}: {
  /** 0 to 100. */
  value: number;
  label: string;
  valueText: string;
  color?: string;
  animated?: boolean;
  style?: MantineStyleProp;
}) {
  return (
    <Progress.Root style={style}>
      <Progress.Section
        value={value}
        color={color}
        animated={animated}
        withAria={false}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value)}
        aria-valuetext={valueText}
      />
    </Progress.Root>
  );
}
