import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { MessageKey, MessageParams } from './i18n/i18n';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Codes whose meaning the console says in the person's language; other errors keep the API's words. */
const KNOWN: Partial<Record<string, MessageKey>> = {
  UNAUTHENTICATED: 'error.unauthenticated',
  FORBIDDEN: 'error.forbidden',
  RATE_LIMITED: 'error.rateLimited',
};

/** A message a person can act on, from whatever an operation failed with. */
export function describeError(error: unknown, t?: Translate): string {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.['code'];
    const known = typeof code === 'string' ? KNOWN[code] : undefined;
    if (t && known) return t(known);
    return error.errors.map((e) => e.message).join('; ');
  }
  if (error instanceof Error) {
    if (error.message.includes('fetch')) return t ? t('error.offline') : 'Parley cannot be reached; check your connection.';
    return error.message;
  }
  return t ? t('error.unknown') : 'Something went wrong.';
}
