/**
 * The API's refusals on the administration screens in the console's language: what it recognises
 * is translated, anything else stays as the API wrote it. Pure, unit-tested.
 */
import type { MessageKey, MessageParams } from '../core/i18n/i18n';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const RULES: readonly [RegExp, MessageKey, (match: RegExpExecArray) => MessageParams][] = [
  [/^must have at least (\d+) characters$/, 'refusal.minLength', (m) => ({ min: m[1]! })],
  [/^must have at most (\d+) characters$/, 'refusal.maxLength', (m) => ({ max: m[1]! })],
  [/^must have (\d+) to (\d+) characters$/, 'refusal.lengthRange', (m) => ({ min: m[1]!, max: m[2]! })],
  [/^must not be only spaces$/, 'refusal.onlySpaces', () => ({})],
  [/^must not be the email address or its part before @$/, 'refusal.passwordIsEmail', () => ({})],
  [/^is one of the most common passwords/, 'refusal.commonPassword', () => ({})],
  [/^must be a valid email address$/, 'refusal.email', () => ({})],
  [/^a user with this email already exists$/, 'refusal.emailTaken', () => ({})],
  [/^you cannot take away your own admin role$/, 'refusal.ownRole', () => ({})],
  [/^you cannot deactivate your own account$/, 'refusal.ownAccount', () => ({})],
  [/^must be between (\d+) and (\d+)$/, 'refusal.between', (m) => ({ min: m[1]!, max: m[2]! })],
  [/^must be 1-32 letters, digits, "-" or "_"$/, 'refusal.shortcut', () => ({})],
  [/already (exists|used)|duplicate|unique/i, 'refusal.duplicate', () => ({})],
  [/^must have 1 to 50 questions$/, 'refusal.questions', () => ({})],
  [/^only agents can be campaign members$/, 'refusal.onlyAgents', () => ({})],
];

/** One refusal's words ("must have at least 10 characters") as a sentence in the chosen language. */
export function refusalWords(message: string, t: Translate): string {
  for (const [pattern, key, params] of RULES) {
    const match = pattern.exec(message);
    if (match) return t(key, params(match));
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The form field an API path names, for screens whose inputs are flat ("input.password" and "password" are "password"). */
export const fieldOfPath = (path: string): string => path.replace(/^input\./, '');
