/** Benchmark settings from `--name=value` arguments or BENCH_NAME environment variables. */
export type DialectName = 'sqlite' | 'postgres';

function setting(name: string): string | undefined {
  const flag = `--${name.toLowerCase().replace(/_/g, '-')}=`;
  const arg = process.argv.slice(2).find((a) => a.startsWith(flag));
  return arg ? arg.slice(flag.length) : process.env[`BENCH_${name}`];
}

export function intSetting(name: string, fallback: number, zeroAllowed = false): number {
  const raw = setting(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1))
    throw new Error(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} integer, got "${raw}"`);
  return value;
}

export function dialectsSetting(fallback: DialectName[] = ['sqlite', 'postgres']): DialectName[] {
  const raw = setting('DIALECTS');
  if (!raw) return fallback;
  const names = raw.split(',').map((s) => s.trim());
  for (const name of names)
    if (name !== 'sqlite' && name !== 'postgres') throw new Error(`unknown dialect "${name}" in DIALECTS`);
  return names as DialectName[];
}

/** A comma-separated list of positive integers, e.g. `--rates=100,500`; `0` for none. */
export function intListSetting(name: string, fallback: number[]): number[] {
  const raw = setting(name);
  if (raw === undefined || raw === '') return fallback;
  if (raw.trim() === '0') return [];
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1))
    throw new Error(`${name} must be positive integers separated by commas, got "${raw}"`);
  return values;
}

/** A free-form setting, e.g. `--baseline=<git revision>`; undefined when not given. */
export function stringSetting(name: string): string | undefined {
  const raw = setting(name);
  return raw === undefined || raw === '' ? undefined : raw;
}
