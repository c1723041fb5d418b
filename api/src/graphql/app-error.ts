import { GraphQLError } from 'graphql';

/** The error codes of the public contract. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'DOMAIN_NOT_ALLOWED'
  | 'CAMPAIGN_DISABLED'
  /** A dependency (the database) cannot be reached now; the same request may succeed in a moment. Set by formatError only. */
  | 'SERVICE_UNAVAILABLE';

/** A refusal the client should see: its code becomes `extensions.code`, `field` names the offending input. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** HTTP status, for errors raised before execution (the whole request is refused). */
    httpStatus?: number,
  ) {
    super(message, {
      extensions: { code, ...(field === undefined ? {} : { field }), ...(httpStatus === undefined ? {} : { http: { status: httpStatus } }) },
    });
  }
}

export const badInput = (field: string, message: string): AppError => new AppError('BAD_USER_INPUT', `${field}: ${message}`, field);
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this'): AppError => new AppError('FORBIDDEN', message);
export const unauthenticated = (): AppError => new AppError('UNAUTHENTICATED', 'Sign in first: this operation needs a valid token');
