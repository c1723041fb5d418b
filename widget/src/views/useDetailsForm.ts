import { useState } from 'preact/hooks';
import { checkField, type Details, type Field, type FieldErrors } from '../validation';
import type { FormResult, Widget } from '../widget';
import { focusFirstInvalid } from './Field';

/**
 * State of the pre-chat and offline forms: values, problems checked as the
 * customer leaves each field (and again while they fix it), and the API's
 * refusals placed at their field.
 */
export function useDetailsForm(widget: Widget, emailRequired: boolean) {
  const [details, setDetails] = useState<Details>(() => ({ ...widget.prefill.peek() }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const check = (field: Field, next: Details) => {
    const config = widget.config.peek();
    return config ? checkField(field, next, config, widget.t.peek(), emailRequired) : undefined;
  };
  const set = (field: Field) => (value: string) => {
    const next = { ...details, [field]: value };
    setDetails(next);
    if (errors[field]) setErrors({ ...errors, [field]: check(field, next) });
  };
  const blur = (field: Field) => () => {
    if ((details[field] ?? '') !== '') setErrors({ ...errors, [field]: check(field, details) });
  };
  const submit = async (event: Event, send: (details: Details) => Promise<FormResult>) => {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget as HTMLFormElement;
    setBusy(true);
    setFormError(undefined);
    const result = await send(details);
    setBusy(false);
    setErrors(result?.fields ?? {});
    setFormError(result?.form);
    if (result?.fields) requestAnimationFrame(() => focusFirstInvalid(form));
  };
  return { details, errors, formError, busy, set, blur, submit };
}
