import { useWidget } from './context';
import { AlertIcon } from './icons';
import { T } from '../i18n';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  onBlur?(): void;
  error?: string;
  required?: boolean;
  type?: 'text' | 'email';
  autoComplete?: string;
  multiline?: boolean;
  autofocus?: boolean;
}

/** A labelled input with its problem in words below it, tied by aria-describedby. */
export function Field(props: FieldProps) {
  const t = useWidget().t.value;
  const errorId = `${props.id}-error`;
  const common = {
    id: props.id,
    name: props.id,
    class: 'input',
    value: props.value,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
    onBlur: props.onBlur,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
    'aria-required': props.required ? true : undefined,
    'data-autofocus': props.autofocus ? true : undefined,
  };
  return (
    <div class="field">
      <label for={props.id}>
        {props.label}
        {!props.required && <span class="optional"> ({t(T.Optional)})</span>}
      </label>
      {props.multiline ? <textarea {...common} rows={4} /> : <input {...common} type={props.type === 'email' ? 'email' : 'text'} list={undefined} autoComplete={props.autoComplete} />}
      {props.error && (
        <p class="error" id={errorId}>
          <AlertIcon />
          <span>{props.error}</span>
        </p>
      )}
    </div>
  );
}

/** Focuses the first field with a problem, after a refused submit. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
}
