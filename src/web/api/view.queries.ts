import { queryOptions } from '@tanstack/react-query';
import { api, seg } from './client';

/** A saved table view: the table's URL state under a name, the owner's own or shared with everyone. */
export interface SavedView {
  id: string;
  blueprint: string;
  name: string;
  shared: boolean;
  owner: string;
  state: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

const path = (blueprint: string, id?: string) =>
  `/v1/blueprints/${seg(blueprint)}/views${id === undefined ? '' : `/${seg(id)}`}`;

export const viewListQuery = (blueprint: string) =>
  queryOptions({
    queryKey: ['views', blueprint],
    queryFn: async () => (await api.get<{ views: SavedView[] }>(path(blueprint))).views,
  });

export const saveView = async (blueprint: string, view: { name: string; shared: boolean; state: object }) =>
  (await api.post<{ view: SavedView }>(path(blueprint), view)).view;

export const updateView = async (
  blueprint: string,
  id: string,
  change: Partial<Pick<SavedView, 'name' | 'shared' | 'state'>>,
) => (await api.patch<{ view: SavedView }>(path(blueprint, id), change)).view;

export const deleteView = async (blueprint: string, id: string) => {
  await api.delete(path(blueprint, id));
};
