import { readFileSync } from 'node:fs';
import path from 'node:path';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

// The list stays in src/ (tsc copies no text files): from dist/auth and from src/auth alike this is api/src/auth.
const COMMON_PASSWORDS_FILE = path.resolve(__dirname, '../../src/auth/common-passwords.txt');

/** Parses the list file: one password a line, `#` comment lines, compared lowercased. */
export function parsePasswordList(text: string): ReadonlySet<string> {
  const entries = text.split('\n').map((line) => line.trim().toLowerCase()).filter((line) => line !== '' && !line.startsWith('#'));
  return new Set(entries);
}

let common: ReadonlySet<string> | undefined;

/** The shipped list of common passwords, read once. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= parsePasswordList(readFileSync(COMMON_PASSWORDS_FILE, 'utf8'));
  return common;
}

/**
 * Why `password` may not be chosen by the user with `email`, or undefined when
 * it may. The minimum counts characters; the maximum counts UTF-16 units, as
 * sign-in does before hashing.
 */
export function passwordProblem(password: string, email: string, commonList: ReadonlySet<string>): string | undefined {
  if (password.trim() === '') return 'must not be only spaces';
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must have at most ${MAX_PASSWORD_LENGTH} characters`;
  const lowered = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.slice(0, Math.max(0, address.lastIndexOf('@')));
  if (lowered === address || (localPart !== '' && lowered === localPart)) return 'must not be the email address or its part before @';
  if (commonList.has(lowered)) return 'is one of the most common passwords; choose one that is harder to guess';
  return undefined;
}
