import type { Entity } from '../../../core/entity';
import { searchPage, type EntitySearch } from '../../api/entity.queries';
import { valueOf, type ColumnModel } from './columns';

/** The most rows an export reads: Port's tables stop at 100,000. */
export const EXPORT_LIMIT = 100_000;

/** Every entity of the view, a thousand at a time, as the table's columns. */
export async function exportView(
  search: EntitySearch,
  columns: ColumnModel[],
  format: 'csv' | 'json',
  onProgress: (rows: number) => void,
  signal: AbortSignal,
): Promise<Blob> {
  const entities: Entity[] = [];
  let from: string | undefined;
  do {
    const page = await searchPage(search, from, 1000, signal);
    entities.push(...page.entities);
    onProgress(entities.length);
    from = page.next;
  } while (from && entities.length < EXPORT_LIMIT);
  if (format === 'json') return new Blob([JSON.stringify(entities, null, 2)], { type: 'application/json' });
  const lines = [columns.map((c) => csvField(c.title)).join(',')];
  for (const entity of entities)
    lines.push(columns.map((c) => csvField(cellText(valueOf(entity, c.id)))).join(','));
  return new Blob([lines.join('\r\n')], { type: 'text/csv' });
}

const cellText = (value: unknown) =>
  value === undefined || value === null
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/**
 * RFC 4180 quoting; a leading `=`, `+`, `-` or `@` gets a quote mark so a spreadsheet does not run it as
 * a formula (CSV injection).
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
