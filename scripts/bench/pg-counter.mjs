// Counts the SQL statements an API sends, on the wire: a TCP relay in front
// of PostgreSQL that reads the client's side of the protocol. Every simple
// Query ('Q') and every Execute ('E') of the extended protocol is one
// statement; its text comes from the Query, or from the Parse ('P') behind
// the executed portal. (pg_stat_statements would need a server restart with
// shared_preload_libraries; this needs nothing of the server.)
import { connect, createServer } from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CONTROL = /^\s*(begin|start\s+transaction|commit|end|rollback|savepoint|release)\b/i;
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;

const cString = (buffer, from) => {
  const end = buffer.indexOf(0, from);
  return [buffer.toString('utf8', from, end), end + 1];
};

export async function startStatementCounter(upstreamUrl) {
  const upstream = new URL(upstreamUrl);
  const totals = { statements: 0, control: 0, transactions: 0, byText: new Map() };
  const count = (text) => {
    totals.statements += 1;
    if (CONTROL.test(text)) totals.control += 1;
    if (BEGIN.test(text)) totals.transactions += 1;
    // MikroORM writes values into the text: group statements by their shape.
    const key = text.replace(/'(?:[^']|'')*'/g, '?').replace(/\b\d+(\.\d+)?\b/g, '?').replace(/\s+/g, ' ').trim().slice(0, 120);
    totals.byText.set(key, (totals.byText.get(key) ?? 0) + 1);
  };
  const sockets = new Set();
  const server = createServer((client) => {
    const database = connect(Number(upstream.port || 5432), upstream.hostname);
    for (const socket of [client, database]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        database.destroy();
      });
    }
    client.pipe(database);
    database.pipe(client);
    const statements = new Map();
    const portals = new Map();
    let startup = true;
    let pending = Buffer.alloc(0);
    client.on('data', (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          startup = code === SSL_REQUEST || code === GSS_REQUEST;
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const length = pending.readInt32BE(1) + 1;
        if (pending.length < length) break;
        const type = String.fromCharCode(pending[0]);
        const body = pending.subarray(5, length);
        if (type === 'Q') count(cString(body, 0)[0]);
        else if (type === 'P') {
          const [name, next] = cString(body, 0);
          statements.set(name, cString(body, next)[0]);
        } else if (type === 'B') {
          const [portal, next] = cString(body, 0);
          portals.set(portal, cString(body, next)[0]);
        } else if (type === 'E') count(statements.get(portals.get(cString(body, 0)[0])) ?? '');
        pending = pending.subarray(length);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    /** The same database address, through the counter. */
    route: (url) => {
      const routed = new URL(url);
      routed.hostname = '127.0.0.1';
      routed.port = String(port);
      return routed.toString();
    },
    snapshot: () => ({ statements: totals.statements, control: totals.control, transactions: totals.transactions, byText: new Map(totals.byText) }),
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
