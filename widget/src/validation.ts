import { ApiError } from './http';
import { T, type Translate } from './i18n';
import type { WidgetConfig } from './model';

/** What the customer typed in the pre-chat or offline form. */
export interface Details {
  name: string;
  email: string;
  customFieldValue: string;
  /** The offline form's message. */
  text?: string;
}

export type Field = 'name' | 'email' | 'customFieldValue' | 'text';
export type FieldErrors = Partial<Record<Field, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * One field's problem in words, by the API's rules (interactions/chat-rules.ts):
 * the same checks inline as on submit, and the words for the API's refusals.
 */
export function checkField(field: Field, details: Details, config: WidgetConfig, t: Translate, emailRequired: boolean): string | undefined {
  const value = (details[field] ?? '').replace(/\s+/g, ' ').trim();
  const [required, max, missing] = {
    name: [true, 120, t(T.NameRequired)],
    email: [emailRequired, 254, t(T.EmailRequired)],
    customFieldValue: [config.customField.visible && config.customField.required, 200, t(T.FieldRequired, config.customField.label)],
    text: [true, 5000, t(T.MessageRequired)],
  }[field] as [boolean, number, string];
  if (value === '') return required ? missing : undefined;
  if (field === 'email' && !EMAIL.test(value)) return t(T.EmailInvalid);
  return value.length > max ? t(T.TooLong, max) : undefined;
}

export function checkDetails(fields: readonly Field[], details: Details, config: WidgetConfig, t: Translate, emailRequired: boolean): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const problem = checkField(field, details, config, t, emailRequired);
    if (problem) errors[field] = problem;
  }
  return errors;
}

const ERRORS: Record<string, T> = {
  NETWORK: T.Network,
  RATE_LIMITED: T.RateLimited,
  DOMAIN_NOT_ALLOWED: T.DomainNotAllowed,
  CAMPAIGN_DISABLED: T.CampaignDisabled,
  NOT_FOUND: T.CampaignDisabled,
  CONFLICT: T.ChatEnded,
  PAYLOAD_TOO_LARGE: T.FileTooLarge,
  UNSUPPORTED_MEDIA_TYPE: T.FileType,
  FORBIDDEN: T.MediaOff,
};

/** Any failure in the customer's language; never the API's English. */
export const describeError = (error: unknown, t: Translate): string => t(ERRORS[error instanceof ApiError ? error.code : 'NETWORK'] ?? T.Generic);

/** A BAD_USER_INPUT refusal placed at its field, in words from our own rules (the API's are English). */
export function fieldErrorFrom(error: unknown, details: Details, config: WidgetConfig, t: Translate, emailRequired: boolean): FieldErrors | undefined {
  const field = error instanceof ApiError && error.code === 'BAD_USER_INPUT' ? (error.field as Field | undefined) : undefined;
  if (!field || !['name', 'email', 'customFieldValue', 'text'].includes(field)) return undefined;
  // Our rules mirror the API's; should they ever differ, at least say which field and that it needs attention.
  return { [field]: checkField(field, details, config, t, emailRequired) ?? (field === 'email' ? t(T.EmailInvalid) : t(T.Generic)) };
}
