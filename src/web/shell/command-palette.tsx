import { Modal, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Command } from 'cmdk';
import { useState } from 'react';
import type { Entity } from '../../core/entity';
import { blueprintListQuery } from '../api/blueprint.queries';
import { api } from '../api/client';
import { PAGES } from './pages';

/** Entities of every blueprint whose title or identifier holds the text, as the server searches them. */
function useEntityMatches(typed: string) {
  const [needle] = useDebouncedValue(typed.trim(), 150);
  return useQuery({
    queryKey: ['entities', 'palette', needle],
    enabled: needle.length > 0,
    staleTime: 10_000,
    queryFn: async ({ signal }) =>
      (
        await api.post<{ entities: Entity[] }>(
          '/v1/entities/search',
          {
            combinator: 'or',
            rules: [
              { property: '$title', operator: 'contains', value: needle },
              { property: '$identifier', operator: 'contains', value: needle },
            ],
            include: ['$identifier', '$title', '$blueprint'],
            limit: 20,
          },
          signal,
        )
      ).entities,
  });
}

/** Ctrl-K / ⌘-K from anywhere: jump to any page, blueprint or entity. */
export function CommandPalette({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const navigate = useNavigate();
  const blueprints = useQuery(blueprintListQuery());
  const entities = useEntityMatches(typed);
  const needle = typed.trim().toLowerCase();
  const go = (to: () => Promise<void>) => {
    onClose();
    void to();
  };
  const shownBlueprints = (blueprints.data ?? []).filter(
    (b) => !needle || b.title.toLowerCase().includes(needle) || b.identifier.toLowerCase().includes(needle),
  );
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      withCloseButton={false}
      padding={0}
      size="lg"
      title="Search"
      styles={{ header: { display: 'none' } }}
    >
      <Command label="Search Portico" shouldFilter={false} className="palette">
        <Command.Input
          data-autofocus
          value={typed}
          onValueChange={setTyped}
          placeholder="Search entities, blueprints and pages…"
          aria-label="Search entities, blueprints and pages"
        />
        <Command.List>
          <Command.Empty>{entities.isFetching ? 'Searching…' : 'Nothing found.'}</Command.Empty>
          {(entities.data?.length ?? 0) > 0 && (
            <Command.Group heading="Entities">
              {entities.data!.map((entity) => (
                <Command.Item
                  key={`${entity.blueprint}/${entity.identifier}`}
                  value={`entity:${entity.blueprint}/${entity.identifier}`}
                  onSelect={() =>
                    go(() =>
                      navigate({
                        to: '/catalog/$blueprint/$entity',
                        params: { blueprint: entity.blueprint, entity: entity.identifier },
                      }),
                    )
                  }
                >
                  <span>{entity.title || entity.identifier}</span>
                  <Text span size="xs" c="dimmed" ml="xs">
                    {entity.blueprint} · {entity.identifier}
                  </Text>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {shownBlueprints.length > 0 && (
            <Command.Group heading="Blueprints">
              {shownBlueprints.slice(0, 8).map((blueprint) => (
                <Command.Item
                  key={blueprint.identifier}
                  value={`blueprint:${blueprint.identifier}`}
                  onSelect={() =>
                    go(() =>
                      navigate({ to: '/catalog/$blueprint', params: { blueprint: blueprint.identifier } }),
                    )
                  }
                >
                  {blueprint.title}
                  <Text span size="xs" c="dimmed" ml="xs">
                    {blueprint.identifier}
                  </Text>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          <Command.Group heading="Pages">
            {PAGES.filter((page) => !needle || page.label.toLowerCase().includes(needle)).map((page) => (
              <Command.Item
                key={page.to}
                value={`page:${page.to}`}
                onSelect={() => go(() => navigate({ to: page.to }))}
              >
                {page.label}
              </Command.Item>
            ))}
          </Command.Group>
        </Command.List>
      </Command>
    </Modal>
  );
}
