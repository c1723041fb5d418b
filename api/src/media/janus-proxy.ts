import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import type { AppDeps } from '../graphql/context';
import { filterClientFrame, newProxySession, observeJanusFrame } from './janus-frames';
import type { Media } from './media';
import type { Ticket } from './media-keys';

export const JANUS_PATH = '/janus';
const PROTOCOL = 'janus-protocol';
/** SDP offers and answers are a few kilobytes. */
const MAX_FRAME_BYTES = 256 * 1024;
/** Frames sent before Janus' socket opened, held until it does. */
const MAX_QUEUED = 50;

/** Ends a refused upgrade with a plain HTTP answer. */
function refuse(socket: Duplex, status: 403 | 503, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

/**
 * The `/janus` WebSocket: browsers' only way to Janus. An upgrade needs a
 * valid ticket (joinCall, joinScreenMonitoring), and a customer's must come
 * from the campaign's allowed sites, as on /graphql. Each socket gets its
 * own socket to Janus' WebSocket transport; every frame from the browser is
 * filtered and given the API secret (janus-frames.ts), Janus' frames come
 * back unchanged. Closing either side closes the other: Janus then ends the
 * sessions made on it, so the participant leaves the room.
 */
export function createJanusProxy(deps: AppDeps, media: Media) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  const alive = new WeakSet<WebSocket>();

  const bridge = (client: WebSocket, ticket: Ticket): void => {
    const upstream = new WebSocket(media.endpoint.wsUrl, PROTOCOL, { maxPayload: 4 * MAX_FRAME_BYTES });
    const state = newProxySession();
    const token = media.keys.token(ticket.room, ticket.participant);
    const queued: string[] = [];
    alive.add(client);
    client.on('pong', () => alive.add(client));
    client.on('message', (data, isBinary) => {
      if (isBinary) return client.close(1003, 'Text frames only');
      const verdict = filterClientFrame(data.toString(), ticket, token, media.endpoint.apiSecret, state);
      if ('answer' in verdict) return client.send(verdict.answer);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(verdict.forward);
      else if (queued.length < MAX_QUEUED) queued.push(verdict.forward);
      else client.close(1013, 'The media server is not answering');
    });
    upstream.on('open', () => {
      for (const frame of queued.splice(0)) upstream.send(frame);
    });
    upstream.on('message', (data) => {
      const text = data.toString();
      observeJanusFrame(text, state);
      if (client.readyState === WebSocket.OPEN) client.send(text);
    });
    upstream.on('error', (err) => deps.logger.warn({ err }, 'Janus socket failed'));
    upstream.on('close', () => {
      if (client.readyState === WebSocket.OPEN || client.readyState === WebSocket.CONNECTING) client.close(1011, 'The media server closed the connection');
    });
    client.on('close', () => upstream.terminate());
    client.on('error', () => upstream.terminate());
  };

  // Each socket is pinged, and dropped when the ping goes unanswered, as on /graphql.
  const pinger = setInterval(() => {
    for (const client of wss.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, deps.config.wsPingSeconds * 1000);
  pinger.unref();

  return {
    async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
      const url = new URL(req.url ?? '/', 'http://parley.invalid');
      const ticket = media.keys.verify(url.searchParams.get('ticket'), deps.now());
      if (!ticket) return refuse(socket, 403, 'A valid ticket from joinCall or joinScreenMonitoring is required');
      let originAllowed = true;
      try {
        if (ticket.campaignId !== undefined) originAllowed = await deps.access.campaignOriginAllowed(ticket.campaignId, req.headers.origin);
      } catch (err) {
        deps.logger.warn({ err }, 'checking the origin of a media socket failed');
        return refuse(socket, 503, 'Try again in a moment');
      }
      if (!originAllowed) return refuse(socket, 403, 'This chat cannot be used from this website');
      wss.handleUpgrade(req, socket, head, (client) => bridge(client, ticket));
    },
    close(): void {
      clearInterval(pinger);
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      wss.close();
    },
  };
}

export type JanusProxy = ReturnType<typeof createJanusProxy>;
