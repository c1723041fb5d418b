import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { LIMITS, queryLimits } from './limits';

export interface OperationRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

export interface CheckedOperation {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  /** As sent; checked against their declared types here, coerced again by execution. */
  readonly variableValues: Record<string, unknown>;
}

/** "Did you mean …?" names fields and values a client did not ask about: kept out of errors where the schema is private. */
export const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean(.+?)\?$/, '');

/** The validation rules of every transport: GraphQL's own, the size limits, and no introspection where it is off. */
export function validationRules(introspection: boolean): readonly ValidationRule[] {
  return [...specifiedRules, queryLimits(), ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/**
 * Parses, validates and coerces the variables of an operation that arrived
 * on a WebSocket, refusing it with the same codes Apollo gives over HTTP:
 * GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT.
 */
export function checkOperation(schema: GraphQLSchema, request: OperationRequest, options: { introspection: boolean }): CheckedOperation | GraphQLError[] {
  const refuse = (errors: readonly GraphQLError[], code: string) =>
    errors.map((error) => new GraphQLError(options.introspection ? error.message : withoutSuggestions(error.message), { nodes: error.nodes, extensions: { code } }));
  if (typeof request.query !== 'string') return refuse([new GraphQLError('query must be a string')], 'BAD_REQUEST');
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: LIMITS.maxTokens });
  } catch (error) {
    return refuse([error as GraphQLError], 'GRAPHQL_PARSE_FAILED');
  }
  const invalid = validate(schema, document, validationRules(options.introspection));
  if (invalid.length > 0) return refuse(invalid, 'GRAPHQL_VALIDATION_FAILED');
  const operationName = request.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) return refuse([new GraphQLError(operationName ? `Unknown operation named "${operationName}"` : 'Must provide an operation')], 'OPERATION_RESOLUTION_FAILURE');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 20 });
  if (coerced.errors) return refuse(coerced.errors, 'BAD_USER_INPUT');
  return { document, operationName, variableValues: request.variables ?? {} };
}
