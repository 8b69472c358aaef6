/** Nesting words of Ocean's metrics that say nothing to a reader. */
const SILENT = new Set(['phase', 'object_count_type', 'object_count']);

/**
 * A kind's metrics as lines to read: Ocean nests them by phase and count type
 * (`{phase: {extract: {object_count_type: {raw_extracted: {object_count: 12}}}}}`), read here as
 * "extract · raw extracted: 12". Any other shape is read the same way, key by key; at most `max` lines.
 */
export function metricLines(metrics: unknown, max = 50): Array<{ label: string; value: string }> {
  const lines: Array<{ label: string; value: string }> = [];
  const walk = (value: unknown, path: string[]) => {
    if (lines.length >= max || value === undefined) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
      return;
    }
    const words = path.filter((key) => !SILENT.has(key)).map((key) => key.replaceAll('_', ' '));
    const label = words.join(' · ') || path.join(' · ') || 'value';
    lines.push({ label, value: shown(value) });
  };
  walk(metrics, []);
  return lines;
}

function shown(value: unknown) {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
