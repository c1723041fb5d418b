import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { AppError } from './app-error';
import { mountSite } from '../http/site';
import { mountHealth } from '../http/health';
import { mountMetrics } from '../http/metrics';
import { mountGraphQLExplorer } from '../http/graphql-explorer';
import { mountSecurityHeaders, securityHeaders } from '../http/security-headers';
import { mountUploads } from '../uploads/upload.routes';
import { mountExports } from '../stats/export.routes';
import { mountWordPressPlugin } from '../wordpress/wordpress.routes';
import { createContext, type AppDeps, type Context } from './context';
import { makeFormatError } from './format-error';
import { LIMITS, queryLimits } from './limits';
import { limitsPlugin } from './limits-plugin';
import { leanGraphQLHandler, type AnswerWriter, type EarlyAnswers } from './lean-http';
import { clientAddress, type TrustedProxy } from '../http/client-address';
import { createGraphQLWebSocketServer } from './ws-server';
import { createJanusProxy, JANUS_PATH } from '../media/janus-proxy';
import type { Duplex } from 'node:stream';

// Connections the kernel completes and holds until the API accepts them (capped by net.core.somaxconn).
// Node's default of 511 overflows when thousands of widgets reconnect at once, and a dropped
// handshake is retried by the client only after 1, 3, 7, 15... seconds.
const ACCEPT_BACKLOG = 4096;

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** Widget pages call /graphql from customers' sites; tokens travel in a header, never in cookies, so any origin may call. */
function allowCrossOrigin(app: Express): void {
  app.use(['/graphql', '/uploads'], (req, res, next) => {
    crossOriginHeaders(req, res);
    if (req.method === 'OPTIONS') res.status(204).end();
    else next();
  });
}

function crossOriginHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization, apollo-require-preflight');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Max-Age', '600');
  }
}

/** Only GraphQL over HTTP is compressed per request, from this size on. */
const COMPRESS_FROM = 1024;

/**
 * Writes a lean answer given before express as the express path would: security headers, CORS,
 * Apollo's headers, then what compression and `res.send` add. Below the threshold compression only
 * adds `Vary` (JSON is compressible, `no-store` allows transforming); from it on, the same
 * compression middleware takes the answer over.
 */
function leanAnswerWriter(app: Express, deps: AppDeps, compress: RequestHandler): AnswerWriter {
  const secure = securityHeaders(deps.config);
  const etag = app.get('etag fn') as (body: string, encoding: 'utf8') => string | undefined;
  return (req, res, status, headers, text) => {
    secure(res);
    crossOriginHeaders(req, res);
    for (const [name, value] of headers) res.setHeader(name, value);
    res.statusCode = status;
    const length = Buffer.byteLength(text, 'utf8');
    if (length >= COMPRESS_FROM) compress(req as Request, res as Response, () => undefined);
    else {
      const vary = res.getHeader('Vary');
      res.setHeader('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    }
    res.setHeader('Content-Length', String(length));
    const tag = etag(text, 'utf8');
    if (tag) res.setHeader('ETag', tag);
    // A string is sent joined to the head, with no Buffer of its own.
    res.end(text, 'utf8');
  };
}

/** One HTTP server and port: Apollo over HTTP and graphql-ws on `/graphql`, the media socket on `/janus`, plus health, widget, demo and console. */
export async function startHttpServer(schema: GraphQLSchema, deps: AppDeps): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  mountSecurityHeaders(app, deps.config);
  const formatError = makeFormatError(deps.logger);
  const introspection = !deps.config.production;
  const context = async (req: IncomingMessage, ip: string): Promise<Context> => {
    const viewer = await deps.access.authenticate(req.headers.authorization);
    if (!(await deps.access.originAllowed(viewer, req.headers.origin))) {
      throw new AppError('DOMAIN_NOT_ALLOWED', 'This chat cannot be used from this website', 'origin', 403);
    }
    return createContext(deps, viewer, req.headers.origin, ip);
  };
  const lean = leanGraphQLHandler(schema, deps, { introspection, formatError, context });
  const compress = compression({ threshold: COMPRESS_FROM });
  const trust = app.get('trust proxy fn') as TrustedProxy;
  const early: EarlyAnswers = { write: leanAnswerWriter(app, deps, compress), clientAddress: (req) => clientAddress(req, trust), express: app };
  // Plain GraphQL POSTs are answered before express' router and middleware; the rest goes to express.
  const server = createServer((req, res) => lean.early(req, res, early));
  const ws = createGraphQLWebSocketServer(schema, deps);
  const janus = deps.media && createJanusProxy(deps, deps.media);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = pathOf(req.url);
    if (path === '/graphql') ws.handleUpgrade(req, socket, head);
    else if (path === JANUS_PATH && janus) void janus.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection,
    // No "Did you mean …?" where the schema is not open for exploring.
    hideSchemaDetailsFromClientErrors: deps.config.production,
    formatError,
    validationRules: [queryLimits()],
    parseOptions: { maxTokens: LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown: it stops HTTP, pub/sub and the database in order.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // Its landing page loads from a CDN; browsers get the self-hosted explorer (mountGraphQLExplorer) instead.
      ApolloServerPluginLandingPageDisabled(),
      limitsPlugin(deps),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            janus?.close();
            await ws.close();
          },
        }),
      },
    ],
  });
  await apollo.start();

  mountHealth(app, deps);
  mountMetrics(app, deps);
  allowCrossOrigin(app);
  mountUploads(app, deps);
  mountExports(app, deps);
  mountWordPressPlugin(app, deps);
  // Only GraphQL over HTTP is compressed per request: uploads are served as stored, the console and
  // widget precompressed, and graphql-ws frames never pass through express.
  app.use('/graphql', compress);
  mountGraphQLExplorer(app, deps, schema);
  app.use(
    '/graphql',
    lean.middleware,
    express.json({ limit: '1mb' }),
    unreadableBodyRefusal,
    expressMiddleware(apollo, { context: ({ req }) => context(req, req.ip ?? '') }),
  );
  mountSite(app, deps);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: deps.config.port, host: deps.config.host, backlog: ACCEPT_BACKLOG }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : deps.config.port;
  return { server, port, close: () => apollo.stop() };
}

/** The path of a request target, without its query. */
const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0] ?? '/';

/** A body that is not JSON, or over the limit, gets a GraphQL refusal with a code (and the same status), never the framework's error page. */
function unreadableBodyRefusal(error: { type?: string; status?: number } | undefined, _req: Request, res: Response, next: NextFunction): void {
  if (error?.type === 'entity.parse.failed' || error?.type === 'entity.too.large' || error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
    const message = error.type === 'entity.too.large' ? 'The request body is over the 1 MB limit' : 'The request body must be JSON in UTF-8';
    res.status(error.status ?? 400).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  next(error);
}
