// What the bare `ws` relay's process spends on one message at the cost part's
// rate, in the same run: the floor a process pays on this machine to take a
// frame off one socket and write it to two (the sender's and the reader's, as
// the API answers the customer and tells the agent), waking for each message.
import WebSocket from 'ws';
import { cpuMs, sleep } from './measure.mjs';
import { startRelay } from './relay.mjs';

export async function measureRelayCost({ rate, messages, idleSeconds }) {
  const relay = await startRelay();
  const sockets = [];
  try {
    const url = `${relay.url.replace('http', 'ws')}/graphql`;
    let received = 0;
    for (let i = 0; i < 2; i += 1) {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
      socket.on('message', () => (received += 1));
      socket.send(JSON.stringify({ type: 'subscribe', id: String(i) }));
      sockets.push(socket);
    }
    await until(() => received >= 2);
    const payload = { data: { messageAdded: { id: crypto.randomUUID(), seq: 1, clientId: crypto.randomUUID(), text: 'A message of a customer, as long as most are.', createdAt: new Date().toISOString(), sender: { kind: 'CONTACT', name: 'Customer' }, attachment: null } } };
    const idleStart = cpuMs(relay.pid);
    await sleep(idleSeconds * 1000);
    const idlePerSecond = (cpuMs(relay.pid) - idleStart) / idleSeconds;
    const start = cpuMs(relay.pid);
    const startedAt = performance.now();
    const expected = received + 2 * messages;
    for (let i = 0; i < messages; i += 1) {
      const wait = startedAt + (i * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      sockets[0].send(JSON.stringify({ type: 'publish', payload }));
    }
    await until(() => received >= expected);
    const seconds = (performance.now() - startedAt) / 1000;
    return { cpu: (cpuMs(relay.pid) - start - idlePerSecond * seconds) / messages, messages };
  } finally {
    for (const socket of sockets) socket.close();
    await relay.stop();
  }
}

async function until(check) {
  const end = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > end) throw new Error('the relay did not deliver every message within 30 s');
    await sleep(10);
  }
}
