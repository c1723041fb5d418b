// A client process holding simulated customers: each one a chat started over
// HTTP, a socket and a `messageAdded` subscription, as the widget has them.
// Run by customers.mjs (an open-files limit per process caps how many sockets
// one process holds); commands arrive over IPC, each answered once with
// { id, result } or { id, error }.
import { runPool, sleep, wallClock } from './measure.mjs';
import { MESSAGE_ADDED, post, START_CHAT } from './operations.mjs';
import { BenchSocket } from './socket.mjs';

const sessions = [];
let options; // { url, localAddress }

/** Follows a customer's messages: `lastSeq` moves along consecutive seqs; a jump ahead counts as a gap, a repeat is ignored. */
function follow(session) {
  return (payload) => {
    const seq = payload.data?.messageAdded?.seq;
    if (seq === undefined) return;
    if (seq === session.lastSeq + 1) session.lastSeq = seq;
    else if (seq > session.lastSeq + 1) {
      session.gaps += 1;
      session.lastSeq = seq;
    }
    session.waiter?.(seq);
  };
}

/** Resolves with the first seq delivered to a new subscription, or rejects when the socket closes first or `ms` pass. */
function firstDelivery(session, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message within the deadline')), ms);
    session.waiter = (seq) => {
      clearTimeout(timer);
      session.waiter = undefined;
      resolve(seq);
    };
    session.failed = (error) => {
      clearTimeout(timer);
      reject(new Error(`subscription ended: ${JSON.stringify(error)}`));
    };
  });
}

function subscribe(session, afterSeq) {
  const socket = session.socket;
  socket.subscribe(MESSAGE_ADDED, { interactionId: session.interactionId, afterSeq }, follow(session), (error) => session.socket === socket && session.failed?.(error));
}

const started = []; // chats started, their sockets not yet opened

const commands = {
  /** Starts `count` chats over HTTP with at most `concurrency` at once, none after `deadline`; resolves with how long each took. */
  async start({ url, localAddress, campaignKey, count, concurrency, deadline, offset }) {
    options = { url, localAddress };
    const times = [];
    const errors = [];
    await runPool(Array.from({ length: count }, (_, i) => offset + i), concurrency, async (n) => {
      const startedAt = wallClock();
      try {
        const { startChat } = await post(url, START_CHAT, { input: { campaignKey, name: `Customer ${n}`, email: `customer${n}@example.test` } });
        const interaction = startChat.interaction;
        started.push({ interactionId: interaction.id, token: startChat.token, state: interaction.state, lastSeq: 0, gaps: 0 });
        times.push([startedAt, wallClock()]);
      } catch (error) {
        errors.push(String(error.message ?? error));
      }
    }, () => wallClock() > deadline);
    return { times, errors: errors.length, firstError: errors[0] };
  },

  /**
   * Opens a session for every chat started: a socket, connection_init and a
   * live `messageAdded` subscription, at most `concurrency` at once.
   */
  async connect({ concurrency, deadline }) {
    const opened = [];
    const errors = [];
    await runPool(started.splice(0), concurrency, async (session) => {
      session.startedAt = wallClock();
      let socket;
      try {
        session.socket = socket = new BenchSocket(options.url, { token: session.token, localAddress: options.localAddress });
        await socket.connect();
        // An assigned chat holds the agent's greeting: its arrival shows the subscription is live.
        const live = session.state === 'ACTIVE' ? firstDelivery(session, 30_000) : Promise.resolve();
        subscribe(session, 0);
        await live;
        session.readyAt = wallClock();
        sessions.push(session);
        opened.push(session);
      } catch (error) {
        socket?.terminate();
        errors.push(String(error.message ?? error));
      }
    }, () => wallClock() > deadline);
    return {
      sessions: opened.map(({ interactionId, token, state, lastSeq, startedAt, readyAt }) => ({ interactionId, token, state, lastSeq, startedAt, readyAt })),
      errors: errors.length,
      firstError: errors[0],
    };
  },

  /** Keeps the sockets of this process' first `count` customers; the others close theirs (their chats stay open). */
  async keep({ count }) {
    for (const session of sessions.splice(count)) session.socket.close();
    return { kept: sessions.map((session) => session.interactionId) };
  },

  /** Drops every socket at once, as a network failure would. */
  async drop() {
    for (const session of sessions) session.socket.terminate();
    return { dropped: sessions.length };
  },

  /**
   * Every customer reconnects at once and subscribes again, with the widget's
   * backoff (1 s doubling, jittered) after a failed attempt. A customer is
   * restored when everything after the last seq it saw has arrived: up to
   * `expected[interactionId]`, or else the last seq itself, replayed by
   * subscribing from one before it, which shows the subscription is live.
   */
  async reconnect({ expected, deadline }) {
    for (const session of sessions) session.gaps = 0;
    const results = await Promise.all(sessions.map((session) => restore(session, Math.max(session.lastSeq, expected[session.interactionId] ?? 0), deadline)));
    const restored = results.filter((result) => result.readyAt !== undefined);
    return {
      readyAt: restored.map((result) => result.readyAt),
      missing: results.reduce((sum, result) => sum + result.missing, 0),
      reordered: sessions.reduce((sum, session) => sum + session.gaps, 0),
      attempts: results.reduce((sum, result) => sum + result.attempts, 0),
      total: sessions.length,
    };
  },

  async exit() {
    for (const session of sessions) session.socket.terminate();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
};

async function restore(session, target, deadline) {
  const seenBefore = session.lastSeq;
  let attempts = 0;
  while (wallClock() < deadline) {
    attempts += 1;
    try {
      session.socket = new BenchSocket(options.url, { token: session.token, localAddress: options.localAddress });
      await session.socket.connect(Math.max(1000, deadline - wallClock()));
      session.lastSeq = Math.max(0, seenBefore - 1);
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('deadline')), Math.max(0, deadline - wallClock()));
        const done = () => session.lastSeq >= target && (clearTimeout(timer), (session.waiter = undefined), resolve());
        session.waiter = done;
        session.failed = (error) => (clearTimeout(timer), reject(new Error(JSON.stringify(error))));
        subscribe(session, session.lastSeq);
        done();
      });
      return { readyAt: wallClock(), missing: 0, attempts };
    } catch {
      session.socket.terminate();
      const backoff = Math.min(30_000, 1000 * 2 ** (attempts - 1)) * (0.5 + Math.random() * 0.5);
      await sleep(Math.max(0, Math.min(backoff, deadline - wallClock())));
    }
  }
  return { missing: Math.max(0, target - Math.max(session.lastSeq, seenBefore)), attempts };
}

process.on('message', async ({ id, command, ...args }) => {
  try {
    process.send({ id, result: await commands[command](args) });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
