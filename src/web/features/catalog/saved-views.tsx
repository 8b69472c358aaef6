import type { TableSearch } from './table-search';

export function SavedViews(_props: {
  blueprint: string;
  search: TableSearch;
  onOpen: (view: TableSearch) => void;
}) {
  return null;
}
