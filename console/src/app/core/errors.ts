import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** A message a person can act on, from whatever an operation failed with. */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join('; ');
  if (error instanceof Error) return error.message.includes('fetch') ? 'Parley cannot be reached; check your connection.' : error.message;
  return 'Something went wrong.';
}
