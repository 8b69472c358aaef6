import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { formStateQuery, runAction, type SelfServiceAction } from '../../api/action.queries';
import { ApiError } from '../../api/client';
import { refusedInput, sentProperties, staticFormState } from './form-values';

/** How long typing pauses before the server resolves the form again. */
const RESOLVE_AFTER_MS = 300;

/**
 * An action form's values and what the server makes of them. Only what the person gave is kept and sent
 * (and false for switches left off): defaults, enums, visibility, disabled and required come back from
 * POST /v1/actions/{id}/form, asked again (debounced) as they type, so jqQuery-driven inputs follow the
 * form live.
 */
export function useActionForm(
  action: SelfServiceAction,
  entity: string | undefined,
  initial: Record<string, unknown>,
) {
  const inputs = action.trigger.userInputs;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [given, setGiven] = useState(initial);
  const [debounced] = useDebouncedValue(given, RESOLVE_AFTER_MS);
  const request = useMemo(
    () => ({ properties: sentProperties(inputs, debounced), ...(entity !== undefined ? { entity } : {}) }),
    [inputs, debounced, entity],
  );
  const resolved = useQuery({
    ...formStateQuery(action.identifier, request),
    placeholderData: keepPreviousData,
  });
  const state = resolved.data ?? staticFormState(inputs, sentProperties(inputs, given));
  const [refusal, setRefusal] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const setValue = (name: string, value: unknown) => {
    setGiven((values) => ({ ...values, [name]: value }));
    if (refusal instanceof ApiError && refusedInput(refusal.field, inputs) === name) setRefusal(null);
  };

  async function submit() {
    setBusy(true);
    setRefusal(null);
    try {
      const run = await runAction(action.identifier, {
        properties: sentProperties(inputs, given),
        ...(entity !== undefined ? { entity } : {}),
      });
      queryClient.setQueryData(['runs', 'one', run.id], run);
      void queryClient.invalidateQueries({ queryKey: ['runs', 'list'] });
      await navigate({ to: '/runs/$runId', params: { runId: run.id } });
    } catch (caught) {
      setRefusal(caught as Error);
      return caught as Error;
    } finally {
      setBusy(false);
    }
    return null;
  }

  // A refusal of the form endpoint (a jqQuery that fails on what was typed) is shown like a submit's.
  const problem = refusal ?? (resolved.isError ? resolved.error : null);
  const problemTitle = refusal ? 'Not run' : 'The form could not be worked out';
  const fieldError = (name: string) =>
    problem instanceof ApiError && refusedInput(problem.field, inputs) === name ? problem.message : undefined;
  return { given, setValue, state, submit, busy, problem, problemTitle, fieldError };
}
