import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger';
import { sendFrame } from './delivery';

/** What each socket's graphql-ws context carries, as graphql-ws' own `ws` binding has it. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/**
 * graphql-ws' server on `ws` sockets, as graphql-ws' `useServer` binds them,
 * except for how frames are written: a frame is handed to the socket without
 * waiting for it to be flushed, and the socket is held corked until the turn
 * of the event loop ends. The `next` and `complete` frames of a query or
 * mutation, and the events the same turn brings for that socket, then leave
 * in one system call instead of one each. A socket whose reader stopped is
 * dropped, as direct deliveries do (see sendFrame).
 * Each socket is pinged every `keepAliveMs` and dropped when the pong does
 * not come within as long.
 */
export function serveGraphQLOverWs<P extends Record<string, unknown> | undefined, E extends SocketExtra & Record<PropertyKey, unknown>>(
  options: ServerOptions<P, E>,
  wss: WebSocketServer,
  keepAliveMs: number,
  logger: Logger,
  onStalled: () => void,
): { dispose(): Promise<void> } {
  const server = makeServer<P, E>(options);
  wss.options.handleProtocols = handleProtocols;
  const fail = (socket: WebSocket, err: unknown, what: string) => {
    logger.error({ err }, what);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  };
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.once('error', (err) => fail(socket, err, 'a WebSocket failed'));
    let pongWait: ReturnType<typeof setTimeout> | undefined;
    const pinger = setInterval(() => {
      if (socket.readyState !== socket.OPEN || pongWait) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.ping();
    }, keepAliveMs);
    socket.on('pong', () => {
      clearTimeout(pongWait);
      pongWait = undefined;
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => void sendFrame(socket, data, onStalled),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((err: unknown) => fail(socket, err, 'a graphql-ws message could not be handled'));
          }),
      },
      { socket, request } as E,
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(pinger);
      void closed(code, String(reason));
    });
  });
  return {
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
