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
import { costRefusal } from './query-cost';

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

/** Valid documents kept, by their text: clients send the same few operations over and over. */
const KEPT_DOCUMENTS = 500;

/**
 * Parses, validates and coerces the variables of an operation that arrived
 * on a WebSocket, refusing it with the same codes Apollo gives over HTTP:
 * GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT (also for
 * page sizes out of range and an estimated cost above `maxCost`, as the
 * HTTP plugin in limits-plugin.ts does). A valid document is parsed once and
 * shared by every operation that sends its text.
 */
export function operationChecker(schema: GraphQLSchema, options: { introspection: boolean; maxCost: number }): (request: OperationRequest) => CheckedOperation | GraphQLError[] {
  const documents = new Map<string, DocumentNode>();
  const refuse = (errors: readonly GraphQLError[], code: string) =>
    errors.map((error) => new GraphQLError(options.introspection ? error.message : withoutSuggestions(error.message), { nodes: error.nodes, extensions: { code } }));
  const validDocument = (query: string): DocumentNode | GraphQLError[] => {
    const kept = documents.get(query);
    if (kept) return kept;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: LIMITS.maxTokens });
    } catch (error) {
      return refuse([error as GraphQLError], 'GRAPHQL_PARSE_FAILED');
    }
    const invalid = validate(schema, document, validationRules(options.introspection));
    if (invalid.length > 0) return refuse(invalid, 'GRAPHQL_VALIDATION_FAILED');
    if (documents.size >= KEPT_DOCUMENTS) documents.delete(documents.keys().next().value as string);
    documents.set(query, document);
    return document;
  };
  return (request) => {
    if (typeof request.query !== 'string') return refuse([new GraphQLError('query must be a string')], 'BAD_REQUEST');
    const document = validDocument(request.query);
    if (Array.isArray(document)) return document;
    return withVariables(schema, document, request, refuse, options.maxCost);
  };
}

function withVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: OperationRequest,
  refuse: (errors: readonly GraphQLError[], code: string) => GraphQLError[],
  maxCost: number,
): CheckedOperation | GraphQLError[] {
  const operationName = request.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) return refuse([new GraphQLError(operationName ? `Unknown operation named "${operationName}"` : 'Must provide an operation')], 'OPERATION_RESOLUTION_FAILURE');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 20 });
  if (coerced.errors) return refuse(coerced.errors, 'BAD_USER_INPUT');
  const tooCostly = costRefusal(schema, document, operationName, coerced.coerced, maxCost);
  if (tooCostly) return [tooCostly];
  return { document, operationName, variableValues: request.variables ?? {} };
}
