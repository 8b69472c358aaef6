import type { EnumColor } from '../../core/blueprint';

/** Each of Port's enum colour names as the Mantine colour that shows it. */
export const MANTINE_COLOR: Readonly<Record<EnumColor, string>> = {
  blue: 'blue',
  turquoise: 'teal',
  orange: 'orange',
  purple: 'grape',
  pink: 'pink',
  yellow: 'yellow',
  green: 'green',
  red: 'red',
  gold: 'yellow.7',
  silver: 'gray.5',
  paleBlue: 'cyan.3',
  darkGray: 'dark.4',
  lightGray: 'gray.3',
  bronze: 'orange.8',
  lime: 'lime',
  olive: 'lime.9',
  brown: 'orange.9',
};

/** The Mantine colour of one of Port's colour names; grey for anything else. */
export function mantineColorOf(name: unknown): string {
  return typeof name === 'string' && Object.hasOwn(MANTINE_COLOR, name)
    ? MANTINE_COLOR[name as EnumColor]
    : 'gray';
}

/** The Mantine colour of a value's `enumColors` name; grey for a value without one. */
export function enumColorOf(colors: unknown, value: string): string {
  if (typeof colors !== 'object' || colors === null || !Object.hasOwn(colors, value)) return 'gray';
  return mantineColorOf((colors as Record<string, unknown>)[value]);
}
