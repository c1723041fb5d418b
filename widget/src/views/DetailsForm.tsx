import { T } from '../i18n';
import type { Field as FieldName } from '../validation';
import { useWidget } from './context';
import { Field } from './Field';
import { AlertIcon } from './icons';
import { useDetailsForm } from './useDetailsForm';

/**
 * Who the customer is: before a chat (name, email when the campaign wants it,
 * its custom field), or out of hours with a message to leave (email required).
 */
export function DetailsForm({ offline }: { offline?: boolean }) {
  const widget = useWidget();
  const t = widget.t.value;
  const config = widget.config.value;
  const form = useDetailsForm(widget, offline || !!config?.emailRequired);
  if (!config) return null;
  const custom = config.customField;
  const field = (name: FieldName, label: string, required: boolean, extra: { type?: 'email'; autoComplete?: string; multiline?: boolean; autofocus?: boolean } = {}) => (
    <Field
      id={`parley-${offline ? 'offline-' : ''}${name}`}
      label={label}
      value={form.details[name] ?? ''}
      onInput={form.set(name)}
      onBlur={form.blur(name)}
      error={form.errors[name]}
      required={required}
      {...extra}
    />
  );
  return (
    <form class="card" noValidate onSubmit={(event) => form.submit(event, (details) => (offline ? widget.sendOfflineMessage(details) : widget.startChat(details)))}>
      {offline && <h3 class="card-title">{t(T.OfflineTitle)}</h3>}
      {field('name', t(T.Name), true, { autoComplete: 'name', autofocus: true })}
      {field('email', t(T.Email), offline || config.emailRequired, { type: 'email', autoComplete: 'email' })}
      {custom.visible && field('customFieldValue', custom.label, custom.required)}
      {offline && field('text', t(T.Message), true, { multiline: true })}
      {form.formError && (
        <p class="error form-error" role="alert">
          <AlertIcon />
          <span>{form.formError}</span>
        </p>
      )}
      <button class="primary" type="submit" disabled={form.busy}>
        {offline ? t(form.busy ? T.Sending : T.SendOffline) : t(T.StartChat)}
      </button>
    </form>
  );
}
