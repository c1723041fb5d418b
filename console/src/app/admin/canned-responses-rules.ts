/** Canned response shortcuts, checked as the API checks them. Pure, unit-tested. */
import type { MessageKey } from '../core/i18n/i18n';
import type { CannedResponse } from './campaign-parts.operations';

/** "/Hello" is stored as "hello"; the same rule as the API's. */
export const tidyShortcut = (value: string): string => value.trim().replace(/^\//, '').toLowerCase();

/** A shortcut's problem before asking the API: its shape, and no other response of the campaign using it. */
export function shortcutProblem(value: string, others: readonly CannedResponse[]): MessageKey | null {
  const shortcut = tidyShortcut(value);
  if (!/^[a-z0-9][a-z0-9_-]{0,31}$/.test(shortcut)) return 'refusal.shortcut';
  return others.some((other) => other.shortcut === shortcut) ? 'canned.problem.taken' : null;
}
