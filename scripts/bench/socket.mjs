import WebSocket from 'ws';

/**
 * A client of graphql-ws's protocol (graphql-transport-ws, see graphql-ws's
 * PROTOCOL.md) over `ws`, as lean as the widget's own socket. The API and the
 * bare relay are read by this same code, so the client side costs the same
 * in both halves of a comparison, and thousands fit in one process.
 */
export class BenchSocket {
  #ws;
  #acknowledged = false;
  #nextId = 1;
  #handlers = new Map();

  /**
   * @param {string} baseUrl http(s) address of the server; the socket goes to `/graphql`
   * @param {{ token?: string, localAddress?: string, onFrame?: (message: object) => void, onClose?: (code: number) => void }} options
   *   onFrame receives frames that belong to no subscription of this socket
   */
  constructor(baseUrl, options = {}) {
    this.url = `${baseUrl.replace(/^http/, 'ws')}/graphql`;
    this.options = options;
  }

  get open() {
    return this.#acknowledged && this.#ws?.readyState === WebSocket.OPEN;
  }

  /** Connects and waits for connection_ack. */
  connect(timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, 'graphql-transport-ws', { localAddress: this.options.localAddress, perMessageDeflate: false, handshakeTimeout: timeoutMs });
      this.#ws = ws;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`no connection_ack within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.on('open', () => {
        const token = this.options.token;
        ws.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
      });
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString());
        switch (message.type) {
          case 'connection_ack':
            clearTimeout(timer);
            this.#acknowledged = true;
            resolve();
            return;
          case 'ping':
            ws.send('{"type":"pong"}');
            return;
          case 'pong':
            return;
        }
        const handler = this.#handlers.get(message.id);
        if (!handler) return this.options.onFrame?.(message);
        if (message.type === 'next') handler.next(message.payload);
        else {
          this.#handlers.delete(message.id);
          handler.end?.(message.type === 'error' ? message.payload : undefined);
        }
      });
      ws.on('error', () => undefined); // 'close' follows and reports it
      ws.on('close', (code) => {
        clearTimeout(timer);
        const acknowledged = this.#acknowledged;
        this.#acknowledged = false;
        if (!acknowledged) reject(new Error(`socket closed with ${code} before connection_ack`));
        for (const handler of this.#handlers.values()) handler.end?.([{ message: `socket closed with ${code}` }]);
        this.#handlers.clear();
        if (acknowledged) this.options.onClose?.(code);
      });
    });
  }

  /** Starts a subscription; `next` gets each result's payload, `end` an error list or nothing on completion. Returns its id. */
  subscribe(query, variables, next, end) {
    const id = String(this.#nextId++);
    this.#handlers.set(id, { next, end });
    this.send({ id, type: 'subscribe', payload: { query, variables } });
    return id;
  }

  complete(id) {
    if (this.#handlers.delete(id)) this.send({ id, type: 'complete' });
  }

  send(message) {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(message));
  }

  close() {
    this.#ws?.close(1000);
  }

  /** Drops the connection at once, as a lost network would. */
  terminate() {
    this.#ws?.terminate();
  }
}
