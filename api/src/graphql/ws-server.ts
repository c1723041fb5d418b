import type { Server } from 'node:http';
import { GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticate } from '../auth/authenticate';
import { connected, disconnected } from '../presence/presence.service';
import { visitorOriginAllowed } from '../auth/visitor-origin';
import type { Viewer } from '../auth/viewer';
import { createContext, type AppDeps } from './context';
import { LIMITS, queryLimits } from './limits';
import { makeFormatError } from './format-error';

interface ConnectionExtra extends Record<PropertyKey, unknown> {
  viewer?: Viewer;
  /** The presence row of a contact's or agent's socket. */
  connectionId?: string;
}

/**
 * graphql-ws on the HTTP server's `/graphql` path. The bearer token comes in
 * `connectionParams.authorization` and is checked once in onConnect; a bad
 * token closes the socket with 4403. Every operation is parsed and validated
 * with the same limits as HTTP.
 */
export function attachWebSocketServer(server: Server, schema: GraphQLSchema, deps: AppDeps) {
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 256 * 1024 });
  const staffSockets = new Map<WebSocket, { userId: string; sessionId: string }>();
  const stopRevocations = closeRevokedSockets(deps, staffSockets);
  const formatError = makeFormatError(deps.logger);
  const rules = [...specifiedRules, queryLimits()];
  const disposable = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const em = deps.orm.em.fork();
        const viewer = await authenticate(em, ctx.connectionParams?.authorization, deps.now());
        if (viewer.kind === 'anonymous' && viewer.rejectedToken) return false;
        if (!(await visitorOriginAllowed(em, viewer, ctx.extra.request.headers.origin))) return false;
        ctx.extra.viewer = viewer;
        if (viewer.kind === 'staff') staffSockets.set(ctx.extra.socket, { userId: viewer.userId, sessionId: viewer.sessionId });
        ctx.extra.connectionId = await connected(deps, viewer);
        return true;
      },
      onClose: async (ctx) => {
        staffSockets.delete(ctx.extra.socket);
        const connectionId = ctx.extra.connectionId;
        if (connectionId) await disconnected(deps, connectionId).catch((err: unknown) => deps.logger.warn({ err }, 'presence update failed'));
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const request = ctx.extra.request;
        const viewer = ctx.extra.viewer;
        if (!viewer) return [new GraphQLError('Not connected', { extensions: { code: 'UNAUTHENTICATED' } })];
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: createContext(deps, viewer, request.headers.origin, request.socket.remoteAddress ?? ''),
        };
        return args;
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if ('errors' in result && result.errors) return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
        return result;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)) as never,
    },
    wsServer,
  );
  return {
    close: async () => {
      stopRevocations();
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
    },
  };
}

/** Closes (4403) the sockets of staff sessions revoked on any instance; returns a stop function. */
function closeRevokedSockets(deps: AppDeps, sockets: Map<WebSocket, { userId: string; sessionId: string }>): () => void {
  const revocations = deps.pubSub.subscribe('SESSIONS_REVOKED');
  const iterator = revocations[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      for (const [socket, owner] of sockets) {
        if (owner.userId === next.value.userId || owner.sessionId === next.value.sessionId) socket.close(4403, 'Forbidden');
      }
    }
  })().catch((err: unknown) => deps.logger.error({ err }, 'session revocation listener stopped'));
  return () => void iterator.return?.();
}
