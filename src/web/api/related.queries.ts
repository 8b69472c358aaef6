import { queryOptions } from '@tanstack/react-query';
import type { Entity } from '../../core/entity';
import { api } from './client';

export type Direction = 'upstream' | 'downstream' | 'both';

/** Entities connected to one through any chain of relations (Port's relatedTo), up to 500. */
export const relatedQuery = (blueprint: string, identifier: string, direction: Direction) =>
  queryOptions({
    queryKey: ['entities', 'related', blueprint, identifier, direction],
    queryFn: async ({ signal }) =>
      (
        await api.post<{ entities: Entity[] }>(
          '/v1/entities/search',
          {
            combinator: 'and',
            rules: [
              {
                operator: 'relatedTo',
                blueprint,
                value: identifier,
                ...(direction === 'both' ? {} : { direction }),
              },
            ],
            include: ['$identifier', '$title', '$blueprint', '$updatedAt'],
            sort: { property: '$title', order: 'ASC' },
            limit: 500,
          },
          signal,
        )
      ).entities,
  });
