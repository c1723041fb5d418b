/** GraphQL over HTTP against the Parley API the script came from (the socket, socket.ts, carries subscriptions and sent messages). */

/** An API refusal (`extensions.code`, and `extensions.field` for BAD_USER_INPUT) or `NETWORK` when nothing answered. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

const TIMEOUT_MS = 20_000;

export async function graphql<T>(apiBase: string, query: string, variables: Record<string, unknown>, token?: string | null): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let body: GraphQLBody<T>;
  try {
    const response = await fetch(`${apiBase}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: abort.signal, credentials: 'omit' });
    body = (await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}`, extensions: { code: response.status >= 500 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR' } }] }))) as GraphQLBody<T>;
  } catch (error) {
    throw new ApiError('NETWORK', (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
  return dataOf(body);
}

/** A GraphQL result's data, or its first error as an ApiError: the same for an answer over HTTP or over the socket. */
export function dataOf<T>(body: GraphQLBody<T>): T {
  const error = body.errors?.[0];
  if (error || !body.data) throw new ApiError(error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', error?.message ?? 'No answer', error?.extensions?.field);
  return body.data;
}

/** Worth trying again later: nothing answered, the server failed, or we were asked to slow down. */
export const isTransient = (error: unknown) => error instanceof ApiError && ['NETWORK', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED'].includes(error.code);
