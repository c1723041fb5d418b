import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
import { AppError, type ErrorCode } from './app-error';
import { WebSocketServer } from 'ws';
import { connected, disconnected, presenceOf, type Presence } from '../presence/presence.service';
import type { Viewer } from '../auth/viewer';
import { keyedToken, type KeyedToken } from '../auth/access-cache';
import { createContext, type AppDeps, type Context, type ReleasableContext } from './context';
import { operationChecker } from './operation-check';
import { subscribeSharingEvents, type DirectDelivery } from './shared-events';
import { makeFormatError } from './format-error';
import { metrics } from '../http/metrics';
import { CLOSE_FORBIDDEN, SocketRegistry } from './socket-registry';
import { serveGraphQLOverWs, type SocketExtra } from './ws-transport';

interface ConnectionExtra extends SocketExtra, Record<PropertyKey, unknown> {
  viewer?: Viewer;
  /** The presence row of a contact's or agent's socket, once written. */
  presence?: Presence;
  /** The upgrade's `Origin` and client address, kept instead of the upgrade request itself. */
  origin?: string;
  ip?: string;
  /** The socket's bearer token (its connection parameters never change), hashed once. */
  token?: KeyedToken;
}

const CONNECTION_INIT_WAIT_MS = 3_000;

const refusal = (code: ErrorCode, message: string) => [new AppError(code, message)];

/** The bearer token of a socket: `authorization` in the connection parameters, in any letter case (GraphiQL sends what was typed). */
const authorizationOf = (params: Record<string, unknown> | undefined): unknown =>
  params && Object.entries(params).find(([name]) => name.toLowerCase() === 'authorization')?.[1];

/**
 * graphql-ws on the HTTP server's `/graphql` path (its upgrades are handed in). The bearer token comes in
 * `connectionParams.authorization`; a bad one closes the socket with 4403.
 * Every operation is checked like an HTTP request at the time it runs: the
 * token again (revoked or expired: 4403), the same limits, the same error
 * codes, and at most `maxSubscriptionsPerSocket` at once.
 */
export function createGraphQLWebSocketServer(schema: GraphQLSchema, deps: AppDeps) {
  // Upgrades reach it through the HTTP server's router (http-server.ts): other paths have their own sockets.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const sockets = new SocketRegistry(deps.pubSub, deps.logger, deps.now);
  const formatError = makeFormatError(deps.logger);
  const checkOperation = operationChecker(schema, { introspection: !deps.config.production, maxCost: deps.config.graphqlMaxCost });
  // Open connections, for the metrics.
  const open = new Set<{ subscriptions: Record<string, unknown> }>();
  // Subscriptions whose events go straight to their socket, by the arguments they were set up with.
  const deliveries = new WeakMap<ExecutionArgs, DirectDelivery>();
  const serialize = (result: ExecutionResult): string =>
    JSON.stringify(result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : result);
  const onStalled = () => deps.logger.warn('a socket stopped reading its events: it is dropped');
  metrics.countOperationsWith(() => [...open].reduce((running, connection) => running + Object.keys(connection.subscriptions).length, 0));
  const disposable = serveGraphQLOverWs<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema,
      // A socket that never says connection_init is closed (4408) after this long instead of being held open.
      connectionInitWaitTimeout: CONNECTION_INIT_WAIT_MS,
      onConnect: async (ctx) => {
        // The upgrade request is not kept for the socket's life: only what later operations read from it.
        const { request } = ctx.extra;
        ctx.extra.origin = request.headers.origin;
        ctx.extra.ip = request.socket.remoteAddress ?? '';
        delete (ctx.extra as { request?: IncomingMessage }).request;
        ctx.extra.token = keyedToken(authorizationOf(ctx.connectionParams));
        const viewer = await deps.access.authenticate(authorizationOf(ctx.connectionParams), ctx.extra.token);
        if (viewer.kind === 'anonymous' && viewer.rejectedToken) return false;
        if (!(await deps.access.originAllowed(viewer, ctx.extra.origin))) return false;
        ctx.extra.viewer = viewer;
        sockets.add(ctx.extra.socket, viewer);
        open.add(ctx);
        metrics.connections.set(open.size);
        const presence = presenceOf(viewer);
        if (presence) {
          await connected(deps, presence);
          ctx.extra.presence = presence;
        }
        return true;
      },
      onClose: async (ctx) => {
        sockets.remove(ctx.extra.socket);
        open.delete(ctx);
        metrics.connections.set(open.size);
        const presence = ctx.extra.presence;
        if (presence) await disconnected(deps, presence).catch((err: unknown) => deps.logger.warn({ err }, 'presence update failed'));
      },
      onSubscribe: async (ctx, id, payload) => {
        if (Object.keys(ctx.subscriptions).length > deps.config.maxSubscriptionsPerSocket) {
          return refusal('RATE_LIMITED', `A connection may run at most ${deps.config.maxSubscriptionsPerSocket} operations at once`);
        }
        const checked = checkOperation(payload);
        if (Array.isArray(checked)) return checked;
        if (!ctx.extra.viewer) return refusal('UNAUTHENTICATED', 'Not connected');
        // The rights of now, not of when the socket opened.
        const viewer = await deps.access.authenticate(authorizationOf(ctx.connectionParams), ctx.extra.token);
        if (viewer.kind === 'anonymous' && viewer.rejectedToken) {
          ctx.extra.socket.close(CLOSE_FORBIDDEN, 'Forbidden');
          return refusal('UNAUTHENTICATED', 'This token was revoked or has expired');
        }
        const { origin, ip = '' } = ctx.extra;
        if (!(await deps.access.originAllowed(viewer, origin))) return refusal('DOMAIN_NOT_ALLOWED', 'This chat cannot be used from this website');
        const limited = await deps.rateLimiter.admit(viewer, ip, checked.document, checked.operationName);
        if (limited) return [limited];
        const args: ExecutionArgs = {
          schema,
          document: checked.document,
          operationName: checked.operationName,
          variableValues: checked.variableValues,
          contextValue: createContext(deps, viewer, origin, ip),
        };
        deliveries.set(args, { socket: ctx.extra.socket, id, onStalled, serialize });
        return args;
      },
      subscribe: (args) => subscribeSharingEvents(args, (args.contextValue as Context).viewer, deliveries.get(args)),
      // A subscription keeps its context for its whole life: it must not keep what was loaded to set it up.
      onOperation: (_ctx, _id, _payload, args) => {
        (args.contextValue as ReleasableContext).releaseEm();
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if ('errors' in result && result.errors) return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
        return result;
      },
      // A stream that fails (a subscription ended by a lost right) arrives wrapped without a path: unwrap it here.
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error.originalError ?? error)) as never,
    },
    wsServer,
    // Each socket is pinged this often and dropped when the ping goes unanswered as long: a lost connection or a client that stopped reading holds nothing.
    deps.config.wsPingSeconds * 1000,
    deps.logger,
    onStalled,
  );
  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => wsServer.handleUpgrade(req, socket, head, (client) => wsServer.emit('connection', client, req)),
    close: async () => {
      sockets.close();
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
    },
  };
}

