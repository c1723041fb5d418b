import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { AppDeps, Context } from './context';
import { LIMITS, queryLimits } from './limits';
import { costRefusal } from './query-cost';
import { metrics } from '../http/metrics';

/**
 * The common GraphQL request over HTTP, served without Apollo's pipeline:
 * `POST /graphql` with a JSON body holding a query (already seen and valid),
 * an operation name and variables. The answer is the one Apollo gives, byte
 * for byte: same checks in the same order (limits-plugin.ts), same error
 * formatting, status codes and headers. Whatever else arrives (GET, batches,
 * extensions such as persisted queries, introspection, a document Apollo
 * would refuse, variables that do not coerce, a context that cannot be made,
 * an unusual Accept or Content-Type) is handed to Apollo untouched.
 */

/** Valid documents kept, by their text: clients send the same few operations over and over. */
const KEPT_DOCUMENTS = 500;
const BODY_LIMIT = 1024 * 1024;
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
/** Accept values for which Apollo answers `application/json; charset=utf-8`. */
const JSON_ACCEPTS = new Set([undefined, '', '*/*', 'application/json', 'application/json; charset=utf-8']);
const RESPONSE_TYPE = 'application/json; charset=utf-8';
const INTROSPECTION = /__(?:schema|type)\b/; // the introspection fields (`__typename` is an ordinary field)

interface Prepared {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
}

export interface LeanHttpOptions {
  readonly introspection: boolean;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** The same context Apollo gets, for the client at `ip`: may throw, in which case Apollo answers. */
  readonly context: (req: IncomingMessage, ip: string) => Promise<Context>;
}

/**
 * Writes an answer given before express as express and the middleware in front of `/graphql` would
 * (security and CORS headers, compression, `res.send`'s length and ETag), with Apollo's headers.
 */
export type AnswerWriter = (req: IncomingMessage, res: ServerResponse, status: number, headers: ReadonlyMap<string, string>, text: string) => void;

/** How the server's request listener answers before express, and hands over what it leaves. */
export interface EarlyAnswers {
  readonly write: AnswerWriter;
  /** As express' `req.ip`. */
  readonly clientAddress: (req: IncomingMessage) => string | undefined;
  /** Express, for everything else (the body may have been read: see LEFT). */
  readonly express: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A request the early path read and then left to express: what the lean middleware passes on. */
const LEFT = Symbol('left to express');
type Left = { [LEFT]?: { readonly error?: unknown } };

export interface LeanGraphQL {
  /** Express middleware on `/graphql`, ahead of express.json and Apollo. */
  readonly middleware: (req: Request, res: Response, next: NextFunction) => void;
  /**
   * Answers `POST /graphql` from the server's request listener, before express' router and
   * middleware, whose work `early.write` does. The request keeps Node's own prototype: giving it
   * express' (as its router does) makes every later read of the request slower.
   */
  readonly early: (req: IncomingMessage, res: ServerResponse, early: EarlyAnswers) => void;
}

export function leanGraphQLHandler(schema: GraphQLSchema, deps: AppDeps, options: LeanHttpOptions): LeanGraphQL {
  const rules = [...specifiedRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]), queryLimits()];
  const documents = new Map<string, Prepared | null>();
  /** A valid document with a query or mutation named as asked, or undefined when Apollo should answer. */
  const prepare = (query: string, operationName: string | undefined): Prepared | undefined => {
    let document = documents.get(query);
    if (document === undefined) {
      document = null;
      // Introspection answers are Apollo's (and refused where it is off).
      if (!INTROSPECTION.test(query)) {
        try {
          const parsed = parse(query, { maxTokens: LIMITS.maxTokens });
          if (validate(schema, parsed, rules).length === 0) document = { document: parsed, operation: undefined as never };
        } catch {
          document = null;
        }
      }
      if (documents.size >= KEPT_DOCUMENTS) documents.delete(documents.keys().next().value as string);
      documents.set(query, document);
    }
    if (!document) return undefined;
    const operation = getOperationAST(document.document, operationName);
    if (!operation || operation.operation === 'subscription') return undefined;
    return { document: document.document, operation };
  };

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const left = (req as Left)[LEFT];
    if (left) {
      next(left.error);
      return;
    }
    if (!eligible(req)) {
      next();
      return;
    }
    receive(req, res, next, req.ip ?? '');
  };

  const early = (req: IncomingMessage, res: ServerResponse, answers: EarlyAnswers): void => {
    if (req.url !== '/graphql' || !eligible(req)) {
      answers.express(req, res);
      return;
    }
    const leave = (error?: unknown) => {
      (req as Left)[LEFT] = { error };
      answers.express(req, res);
    };
    receive(req, res, leave, answers.clientAddress(req) ?? '', answers.write);
  };

  return { middleware, early };

  function receive(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void, ip: string, write?: AnswerWriter): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    req.once('error', next);
    req.once('end', () => {
      if (size > BODY_LIMIT) {
        next({ type: 'entity.too.large', status: 413 });
        return;
      }
      let text = Buffer.concat(chunks, size).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
      let body: unknown;
      if (first === undefined) body = {};
      else if (first !== '{' && first !== '[') body = undefined;
      else {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
      }
      if (body === undefined) {
        // What express.json says of it, answered by the body refusal after it.
        next({ type: 'entity.parse.failed', status: 400 });
        return;
      }
      (req as { body?: unknown }).body = body;
      void serve(req, res, body, ip, write).then(
        (served) => {
          if (!served) next();
        },
        (error) => next(error),
      );
    });
  }

  /** Answers the request, or returns false (before anything was decided for the caller) to let Apollo answer. */
  async function serve(req: IncomingMessage, res: ServerResponse, body: unknown, ip: string, write: AnswerWriter | undefined): Promise<boolean> {
    const request = plainRequest(body);
    if (!request) return false;
    const prepared = prepare(request.query, request.operationName);
    if (!prepared) return false;
    const coerced = getVariableValues(schema, prepared.operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 20 });
    if (coerced.errors) return false;
    if (costRefusal(schema, prepared.document, request.operationName, coerced.coerced, deps.config.graphqlMaxCost)) return false;
    let context: Context;
    try {
      context = await options.context(req, ip);
    } catch {
      return false;
    }
    metrics.leanGraphQLRequests.inc();
    let refused: GraphQLError | undefined;
    try {
      refused = await deps.rateLimiter.admit(context.viewer, context.ip, prepared.document, request.operationName);
    } catch (error) {
      refused = asGraphQLError(error);
    }
    if (refused) {
      const { errors, status, headers } = formatErrors([refused], options.formatError);
      send(req, res, write, status ?? 500, headers, { errors });
      return true;
    }
    let result: ExecutionResult;
    try {
      result = await execute({
        schema,
        document: prepared.document,
        contextValue: context,
        variableValues: request.variables,
        operationName: request.operationName,
      });
    } catch (error) {
      const { errors, status, headers } = formatErrors([asGraphQLError(error)], options.formatError);
      send(req, res, write, status ?? 500, headers, { errors });
      return true;
    }
    if (result.errors) {
      const { errors, status, headers } = formatErrors(result.errors, options.formatError);
      send(req, res, write, status ?? 200, headers, { errors, data: result.data, extensions: result.extensions });
    } else send(req, res, write, 200, [], { errors: undefined, data: result.data, extensions: result.extensions });
    return true;
  }
}

/** Headers Apollo would answer as usual, with no preflight question (JSON bodies pass its CSRF check). */
function eligible(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const { headers } = req;
  if (!JSON_TYPES.has(headers['content-type'] ?? '') || !JSON_ACCEPTS.has(headers.accept)) return false;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length !== undefined && /^\d+$/.test(length) && Number(length) <= BODY_LIMIT;
}

interface PlainRequest {
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
}

/** `{ query, operationName?, variables? }` with the types Apollo accepts, or undefined for anything else. */
function plainRequest(body: unknown): PlainRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables } = body as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== 'query' && key !== 'operationName' && key !== 'variables') return undefined;
  if (typeof query !== 'string' || query === '') return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return {
    query,
    operationName: typeof operationName === 'string' ? operationName : undefined,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
  };
}

/** As Apollo's ensureGraphQLError. */
const asGraphQLError = (error: unknown): GraphQLError =>
  error instanceof GraphQLError
    ? error
    : error instanceof Error
      ? new GraphQLError(error.message, { originalError: error })
      : new GraphQLError('Unexpected error value: ' + String(error));

/** As Apollo's normalizeAndFormatErrors: `extensions.code` defaults to INTERNAL_SERVER_ERROR, `extensions.http` becomes the status and headers. */
function formatErrors(errors: readonly GraphQLError[], formatError: LeanHttpOptions['formatError']) {
  let status: number | undefined;
  const headers: [string, string][] = [];
  const formatted = errors.map((error) => {
    try {
      const { http, ...rest } = error.extensions as { http?: { status?: number; headers?: Map<string, string> }; [key: string]: unknown };
      const extensions: Record<string, unknown> = { ...rest, code: rest['code'] ?? 'INTERNAL_SERVER_ERROR' };
      if (http && typeof http === 'object' && (!('status' in http) || typeof http.status === 'number') && (!('headers' in http) || http.headers instanceof Map)) {
        if (http.status) status = http.status;
        for (const header of http.headers ?? []) headers.push(header);
      } else if (http !== undefined) extensions['http'] = http;
      return formatError({ ...error.toJSON(), extensions }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
  return { errors: formatted, status, headers };
}

/** As @as-integrations/express5 writes Apollo's answer: its headers in Apollo's order, then `res.send` (length, ETag). */
function send(req: IncomingMessage, res: ServerResponse, write: AnswerWriter | undefined, status: number, headers: readonly [string, string][], body: object): void {
  const text = JSON.stringify(body) + '\n';
  const set = new Map(headers);
  set.set('cache-control', 'no-store');
  set.set('content-type', RESPONSE_TYPE);
  if (write) {
    write(req, res, status, set, text);
    return;
  }
  for (const [name, value] of set) res.setHeader(name, value);
  res.statusCode = status;
  (res as Response).send(text);
}
