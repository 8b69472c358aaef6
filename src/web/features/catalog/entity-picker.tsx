import { MultiSelect, Select, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SearchQuery, SearchSort } from '../../../core/search';
import { searchPage } from '../../api/entity.queries';

interface PickerProps {
  /** The blueprint whose entities are offered. */
  target: string;
  label: string;
  description?: string;
  required?: boolean;
  disabled?: boolean;
  error?: string;
  /** Only the entities this query finds (an action input's dataset). */
  dataset?: SearchQuery;
  sort?: SearchSort;
}

/** The target's entities whose title or identifier holds what was typed, 20 at a time from the server. */
function useMatches({ target, dataset, sort }: PickerProps, typed: string) {
  const [needle] = useDebouncedValue(typed.trim(), 200);
  return useQuery({
    queryKey: ['entities', 'picker', target, needle, dataset ?? null, sort ?? null],
    staleTime: 10_000,
    queryFn: ({ signal }) =>
      searchPage(
        {
          blueprint: target,
          rules: [
            ...(dataset ? [dataset] : []),
            ...(needle
              ? [
                  {
                    combinator: 'or' as const,
                    rules: [
                      { property: '$title', operator: 'contains', value: needle },
                      { property: '$identifier', operator: 'contains', value: needle },
                    ],
                  },
                ]
              : []),
          ],
          sort: sort ?? { property: '$title', order: 'ASC' },
        },
        undefined,
        20,
        signal,
      ),
  });
}

function optionsOf(entities: { identifier: string; title: string | null }[] | undefined, selected: string[]) {
  const options = new Map<string, string>();
  for (const id of selected) options.set(id, id);
  for (const entity of entities ?? [])
    options.set(
      entity.identifier,
      entity.title && entity.title !== entity.identifier
        ? `${entity.title} (${entity.identifier})`
        : entity.identifier,
    );
  return [...options].map(([value, label]) => ({ value, label }));
}

/** What both pickers share: the labels, and a search of the server as the person types. */
function useSearchingInput(props: PickerProps, selected: string[]) {
  const { label, description, required, disabled, error } = props;
  const [typed, setTyped] = useState('');
  const matches = useMatches(props, typed);
  return {
    label,
    description,
    required,
    disabled,
    error,
    searchable: true,
    searchValue: typed,
    onSearchChange: setTyped,
    // The server already matched what was typed, on titles the options may not show.
    filter: (({ options }) => options) satisfies OptionsFilter,
    nothingFoundMessage: matches.isFetching ? 'Searching…' : 'Nothing found',
    data: optionsOf(matches.data?.entities, selected),
  };
}

export function EntityPicker(
  props: PickerProps & { value: string | null; onChange: (value: string | null) => void },
) {
  const input = useSearchingInput(props, props.value ? [props.value] : []);
  return <Select {...input} clearable={!props.required} value={props.value} onChange={props.onChange} />;
}

export function EntityMultiPicker(
  props: PickerProps & { value: string[]; onChange: (value: string[]) => void },
) {
  const input = useSearchingInput(props, props.value);
  return <MultiSelect {...input} clearable value={props.value} onChange={props.onChange} />;
}
