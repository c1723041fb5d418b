import { inject, type Provider } from '@angular/core';
import { Router } from '@angular/router';
import { ApolloLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { getMainDefinition } from '@apollo/client/utilities';
import { provideApollo } from 'apollo-angular';
import { HttpLink } from 'apollo-angular/http';
import { Realtime } from './realtime';
import { SessionStore } from './session.store';

/** HTTP for queries and mutations, the console's one graphql-ws connection for subscriptions; both carry the session's bearer token. */
export function provideParleyApollo(): Provider {
  return provideApollo(() => {
    const session = inject(SessionStore);
    const router = inject(Router);
    const http = inject(HttpLink).create({ uri: '/graphql' });
    const ws = new GraphQLWsLink(inject(Realtime).client);
    const auth = new SetContextLink((previous) => {
      const token = session.token();
      return token ? { headers: { ...(previous['headers'] as object), authorization: `Bearer ${token}` } } : {};
    });
    const signOutWhenRejected = new ErrorLink(({ error }) => {
      if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED') && session.signedIn()) {
        session.end();
        void router.navigateByUrl('/login');
      }
    });
    const transport = ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
      },
      ws,
      ApolloLink.from([auth, http]),
    );
    return {
      link: ApolloLink.from([signOutWhenRejected, transport]),
      cache: new InMemoryCache(),
      defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
    };
  });
}
