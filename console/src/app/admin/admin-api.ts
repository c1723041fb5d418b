import { inject, Injectable } from '@angular/core';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Apollo } from 'apollo-angular';
import type { DocumentNode } from 'graphql';
import { firstValueFrom } from 'rxjs';

/** What the API refused, as the administration screens need it: the code and, for BAD_USER_INPUT, the field path. */
export interface Refusal {
  readonly code: string;
  readonly field: string | null;
  readonly message: string;
}

/** The refusal carried by a failed operation; null when it failed for another reason (network, bug). */
export function refusalOf(error: unknown): Refusal | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const first = error.errors[0];
  if (!first) return null;
  const code = first.extensions?.['code'];
  const field = first.extensions?.['field'];
  const message = typeof field === 'string' && first.message.startsWith(`${field}: `) ? first.message.slice(field.length + 2) : first.message;
  return { code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', field: typeof field === 'string' ? field : null, message };
}

/**
 * The administration screens' requests as promises, without Apollo's cache: each screen reloads
 * what it shows after a change, so a cached copy could only be stale.
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly apollo = inject(Apollo);

  async query<T>(query: DocumentNode, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await firstValueFrom(this.apollo.query<T>({ query, variables, fetchPolicy: 'no-cache', errorPolicy: 'none' }));
    if (!result.data) throw new Error('No data');
    return result.data as T;
  }

  async mutate<T>(mutation: DocumentNode, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await firstValueFrom(this.apollo.mutate<T>({ mutation, variables, fetchPolicy: 'no-cache' }));
    if (!result.data) throw new Error('No data');
    return result.data as T;
  }
}
