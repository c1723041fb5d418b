import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues } from 'graphql';
import type { AppDeps, Context } from './context';
import { costRefusal } from './query-cost';

/**
 * Over HTTP, what graphql-ws checks in operation-check.ts and ws-server.ts
 * once an operation is parsed and validated: page sizes and the estimated
 * cost (400 BAD_USER_INPUT), then the rate limits of its caller (429
 * RATE_LIMITED with Retry-After).
 */
export function limitsPlugin(deps: AppDeps): ApolloServerPlugin<Context> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, operation, operationName, request, contextValue }) => {
        const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 20 });
        // Variables that do not coerce are refused by execution, with BAD_USER_INPUT, before anything runs.
        const tooCostly = coerced.errors ? undefined : costRefusal(schema, document, operationName, coerced.coerced, deps.config.graphqlMaxCost);
        if (tooCostly) throw tooCostly;
        const limited = await deps.rateLimiter.admit(contextValue.viewer, contextValue.ip, document, operationName);
        if (limited) throw limited;
      },
    }),
  };
}
