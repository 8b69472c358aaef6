import { Badge, Button, Checkbox, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { sessionQuery } from '../../api/session.queries';
import { deleteView, saveView, updateView, viewListQuery, type SavedView } from '../../api/view.queries';
import { Problem } from '../../components/problem';
import { parseTableSearch, type TableSearch } from './table-search';

const stateOf = ({ view: _view, ...state }: TableSearch) => state;

/** Views of a blueprint's table saved by name: yours, and those others shared. */
export function SavedViews({
  blueprint,
  search,
  onOpen,
}: {
  blueprint: string;
  search: TableSearch;
  onOpen: (view: TableSearch) => void;
}) {
  const views = useQuery(viewListQuery(blueprint));
  const { data: session } = useSuspenseQuery(sessionQuery());
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = views.data?.find((v) => v.id === search.view);
  const own = current && current.owner === session?.user.email;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['views', blueprint] });

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await refresh();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <Menu position="bottom-start" width={280}>
        <Menu.Target>
          <Button variant="default">{current ? `View: ${current.name}` : 'Views'}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Saved views</Menu.Label>
          {views.data?.length === 0 && <Menu.Item disabled>None yet</Menu.Item>}
          {views.data?.map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => onOpen({ ...parseTableSearch(view.state), view: view.id })}
            >
              <Group justify="space-between" wrap="nowrap">
                <span>{view.name}</span>
                {view.shared && (
                  <Badge size="xs" variant="light">
                    {view.owner === session?.user.email ? 'shared' : view.owner}
                  </Badge>
                )}
              </Group>
            </Menu.Item>
          ))}
          <Menu.Divider />
          {own && (
            <Menu.Item
              onClick={() => void run(() => updateView(blueprint, current.id, { state: stateOf(search) }))}
            >
              Update “{current.name}” to this view
            </Menu.Item>
          )}
          <Menu.Item onClick={() => setSaving(true)}>Save this view as…</Menu.Item>
          {own && (
            <Menu.Item
              color="red"
              onClick={() =>
                void run(async () => {
                  await deleteView(blueprint, current.id);
                  onOpen(stateOf(search));
                })
              }
            >
              Delete “{current.name}”
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {error !== null && <Problem error={error} title="The view was not saved" />}
      {saving && (
        <SaveViewDialog
          onClose={() => setSaving(false)}
          onSave={async (name, shared) => {
            const view: SavedView = await saveView(blueprint, { name, shared, state: stateOf(search) });
            await refresh();
            onOpen({ ...stateOf(search), view: view.id });
          }}
        />
      )}
    </>
  );
}

function SaveViewDialog({
  onClose,
  onSave,
}: {
  onClose: () => void;
  onSave: (name: string, shared: boolean) => Promise<void>;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      await onSave(String(form.get('name')), form.get('shared') === 'on');
      onClose();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title="Save this view">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Name"
            name="name"
            required
            maxLength={100}
            data-autofocus
            error={error?.field === 'name' ? error.message : undefined}
          />
          <Checkbox label="Share with everyone" name="shared" />
          {error && error.field !== 'name' && <Problem error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
