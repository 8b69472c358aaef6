import { Alert, Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { UserInputs } from '../../../core/action';
import { formSections, sectionOf, type FormItem, type FormSection } from '../../../core/action-layout';
import type { FormState, SelfServiceAction } from '../../api/action.queries';
import { ApiError } from '../../api/client';
import { ActionInputField } from './action-input';
import { missingDependencies, refusedInput, shownValue } from './form-values';
import { useActionForm } from './use-action-form';

export const executeLabel = (action: SelfServiceAction) =>
  action.trigger.executeActionButtonText ?? (action.trigger.operation === 'DELETE' ? 'Delete' : 'Execute');

/** A step shows when it is visible and has a visible input (or none at all, only titles). */
const sectionShown = (section: FormSection, index: number, state: FormState) =>
  state.steps[index]?.visible !== false &&
  (!section.items.some((item) => item.kind === 'input') ||
    section.items.some((item) => item.kind === 'input' && state.inputs[item.name]?.visible !== false));

/**
 * An action's form, generated from its user inputs: steps, order and titles as defined, each input's
 * control by type and format, and the server's view of it (defaults, jq-driven enums, visibility, required)
 * following what is typed. A refusal naming an input shows on it, in its step; any other atop the form.
 */
export function ActionForm({
  action,
  entity,
  initial,
}: {
  action: SelfServiceAction;
  entity?: string;
  initial: Record<string, unknown>;
}) {
  const inputs = action.trigger.userInputs;
  const form = useActionForm(action, entity, initial);
  const sections = formSections(inputs).filter((section, index) => sectionShown(section, index, form.state));
  const [step, setStep] = useState(0);
  const current = Math.min(step, Math.max(sections.length - 1, 0));
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const last = current >= sections.length - 1;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!last) return setStep(current + 1);
    const refusal = await form.submit();
    if (!refusal) return;
    const name = refusal instanceof ApiError ? refusedInput(refusal.field, inputs) : undefined;
    if (name) setStep(sectionOf(sections, name));
    setTimeout(() =>
      (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alertRef.current)?.focus(),
    );
  }

  const shown = sections.flatMap((section) => section.items).filter((item) => isShownInput(item, form.state));
  const shownAsField = shown.some((item) => form.fieldError(item.name) !== undefined);
  const body = (section: FormSection | undefined) =>
    section && <SectionFields section={section} inputs={inputs} form={form} />;

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={action.title ?? action.identifier}>
      <Stack>
        {form.problem && !shownAsField && (
          <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={form.problemTitle}>
            {form.problem.message}
          </Alert>
        )}
        {sections.length > 1 ? (
          <Stepper active={current} onStepClick={setStep} size="sm">
            {sections.map((section, index) => (
              <Stepper.Step key={index} label={section.title ?? `Step ${index + 1}`}>
                {body(section)}
              </Stepper.Step>
            ))}
          </Stepper>
        ) : (
          body(sections[0])
        )}
        <Group justify="flex-end">
          {current > 0 && (
            <Button variant="default" onClick={() => setStep(current - 1)}>
              Back
            </Button>
          )}
          <Button
            type="submit"
            loading={form.busy}
            color={last && action.trigger.operation === 'DELETE' ? 'red' : undefined}
          >
            {last ? executeLabel(action) : 'Next'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const isShownInput = (item: FormItem, state: FormState) =>
  item.kind === 'input' && state.inputs[item.name]?.visible === true;

/** A step's titles and inputs, each input with its value, its state and any refusal of it. */
function SectionFields({
  section,
  inputs,
  form,
}: {
  section: FormSection;
  inputs: UserInputs;
  form: ReturnType<typeof useActionForm>;
}) {
  return (
    <Stack>
      {section.items.map((item) => {
        const key = `${item.kind}:${item.name}`;
        if (item.kind === 'title')
          return form.state.titles[item.name]?.visible === false ? null : (
            <SectionTitle key={key} title={inputs.titles?.[item.name]} />
          );
        if (!isShownInput(item, form.state)) return null;
        const input = inputs.properties[item.name]!;
        return (
          <ActionInputField
            key={key}
            name={item.name}
            input={input}
            state={form.state.inputs[item.name]!}
            value={shownValue(item.name, form.given, form.state)}
            onChange={(value) => form.setValue(item.name, value)}
            waitingFor={missingDependencies(input, form.given, form.state)}
            busy={form.busy}
            error={form.fieldError(item.name)}
          />
        );
      })}
    </Stack>
  );
}

function SectionTitle({ title }: { title: NonNullable<UserInputs['titles']>[string] | undefined }) {
  if (!title) return null;
  return (
    <div>
      <Title order={2} size="h4">
        {title.title}
      </Title>
      {title.description && (
        <Text size="sm" c="dimmed">
          {title.description}
        </Text>
      )}
    </div>
  );
}
