import type { SelectQueryBuilder, Selectable } from 'kysely';
import type { EntitiesTable, Tables } from '../storage/tables.js';

export type EntityRow = Selectable<EntitiesTable>;

/** A row a search reads, with the value it sorts by. */
export type FoundRow = EntityRow & { sort_key: unknown };

/** The columns a search answers: the table's, or the id alone (SearchRowsOptions.idsOnly). */
export function columnsOf<O>(
  query: SelectQueryBuilder<Tables & { e: EntitiesTable }, 'e', O>,
  idsOnly?: boolean,
) {
  type Answered = SelectQueryBuilder<Tables & { e: EntitiesTable }, 'e', EntityRow>;
  return (idsOnly ? query.select('e.id') : query.selectAll('e')) as unknown as Answered;
}
