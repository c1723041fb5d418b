// The baseline: a bare `ws` server, in its own process like the API, speaking
// just enough of graphql-ws's protocol for the same client code. A sender's
// {type: 'publish', id, payload} goes to every subscriber as a `next` frame
// with that subscriber's id, then back to the sender as {type: 'published', id}.
// A new subscription first receives the last payload published, as the API
// replays stored messages after `afterSeq`.
//   node scripts/bench/relay.mjs      prints {"port": n} and serves until killed
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const self = fileURLToPath(import.meta.url);

function serve() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql', maxPayload: 256 * 1024 });
  const subscribers = new Map();
  let last = { data: null };
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      switch (message.type) {
        case 'connection_init':
          return socket.send('{"type":"connection_ack"}');
        case 'ping':
          return socket.send('{"type":"pong"}');
        case 'subscribe':
          subscribers.set(socket, message.id);
          return socket.send(JSON.stringify({ id: message.id, type: 'next', payload: last }));
        case 'complete':
          return subscribers.delete(socket);
        case 'publish':
          last = message.payload;
          for (const [subscriber, id] of subscribers) subscriber.send(JSON.stringify({ id, type: 'next', payload: message.payload }));
          return;
      }
    });
    socket.on('close', () => subscribers.delete(socket));
  });
  server.on('listening', () => console.log(JSON.stringify({ port: server.address().port })));
}

/** Starts the relay in a child process; resolves with its address and a stop function. */
export function startRelay() {
  const child = spawn(process.execPath, [self], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('relay did not start within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    child.stdout.once('data', (chunk) => {
      clearTimeout(timer);
      const { port } = JSON.parse(chunk.toString());
      resolve({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid,
        stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))),
      });
    });
  });
}

if (process.argv[1] === self) serve();
