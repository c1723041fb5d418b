/** The checks the users screen makes before asking the API (which stays the authority). Pure, unit-tested. */
import type { MessageKey } from '../core/i18n/i18n';
import type { Role } from '../core/session.store';

export interface UserDraft {
  name: string;
  email: string;
  role: Role;
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problem of each checked field, as a message key; empty when there is none. */
export function userProblems(draft: UserDraft, fields: readonly (keyof UserDraft)[]): Partial<Record<keyof UserDraft, MessageKey>> {
  const problems: Partial<Record<keyof UserDraft, MessageKey>> = {};
  if (fields.includes('name') && draft.name.trim() === '') problems.name = 'users.problem.name';
  if (fields.includes('email') && !EMAIL.test(draft.email.trim())) problems.email = 'users.problem.email';
  if (fields.includes('password')) {
    const password = draft.password;
    const email = draft.email.trim().toLowerCase();
    const local = email.slice(0, Math.max(0, email.lastIndexOf('@')));
    const lowered = password.trim().toLowerCase();
    if (password.trim() === '') problems.password = 'users.problem.passwordEmpty';
    else if ([...password].length < 10) problems.password = 'users.problem.passwordShort';
    else if (lowered === email || (local !== '' && lowered === local)) problems.password = 'refusal.passwordIsEmail';
  }
  return problems;
}
