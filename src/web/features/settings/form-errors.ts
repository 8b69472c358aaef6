import { ApiError } from '../../api/client';

/**
 * The refusal for the input whose API field is one of `fields` (or nested under one: `roles[0]`,
 * `invitee.teams[1]`), else undefined: such a message shows beside that input, any other atop the form.
 */
export function fieldError(error: unknown, fields: string[]): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  const named = error.field;
  return fields.some((f) => named === f || named.startsWith(`${f}[`) || named.startsWith(`${f}.`))
    ? error.message
    : undefined;
}

/** Whether some input of the form shows the refusal (then no alert repeats it). */
export const shownAtField = (error: unknown, fields: string[]) => fieldError(error, fields) !== undefined;
