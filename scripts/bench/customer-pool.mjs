// A client process holding simulated customers: each one a chat started over
// HTTP, a socket and a `messageAdded` subscription, as the widget has them;
// their messages leave over that socket (sendMessage), as the widget sends them.
// Run by customers.mjs (an open-files limit per process caps how many sockets
// one process holds); commands arrive over IPC, each answered once with
// { id, result } or { id, error }.
import { runPool, sleep, wallClock } from './measure.mjs';
import { MESSAGE_ADDED, post, SEND_MESSAGE, START_CHAT } from './operations.mjs';
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

  /**
   * Sends `records` ({ interactionId, clientId, text, at }, `at` in ms since the
   * epoch) over their chats' sockets, each at its time whether or not earlier
   * ones are answered (open loop), but one at a time per chat, in order, as the
   * widget's outbox sends them. Resolves, once all are answered or `deadline`
   * has passed, with one result per record: seq and ackedAt, failed (the first
   * error), or abandoned (not answered by the deadline).
   */
  write({ records, deadline }) {
    const results = records.map(({ clientId }) => ({ clientId }));
    const socketOf = new Map(sessions.map((session) => [session.interactionId, session]));
    const due = records.map((_, i) => i).sort((a, b) => records[a].at - records[b].at);
    // Per chat: its records in order, the next to send, the one in flight.
    const outboxes = new Map();
    for (const i of due) {
      const id = records[i].interactionId;
      if (!outboxes.has(id)) outboxes.set(id, { session: socketOf.get(id), waiting: [], next: 0, sending: undefined });
      outboxes.get(id).waiting.push(i);
    }
    let unanswered = records.length;
    let finished = false;
    let ticker;
    let stop;
    return new Promise((resolve) => {
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(ticker);
        clearTimeout(stop);
        for (const outbox of outboxes.values()) {
          if (outbox.sending) outbox.session.socket.complete(outbox.sending.operation);
          for (const i of outbox.waiting.slice(outbox.next - (outbox.sending ? 1 : 0))) results[i].abandoned = true;
        }
        resolve(results);
      };
      const answer = (outbox, i, result) => {
        Object.assign(results[i], result);
        outbox.sending = undefined;
        unanswered -= 1;
        if (unanswered === 0) finish();
        else send(outbox);
      };
      const send = (outbox) => {
        if (finished || outbox.sending || outbox.next >= outbox.waiting.length) return;
        const i = outbox.waiting[outbox.next];
        const record = records[i];
        if (record.at > wallClock()) return; // the scheduler sends it when its time comes
        outbox.next += 1;
        const socket = outbox.session?.socket;
        if (!socket?.open) return answer(outbox, i, { failed: 'CLOSED: this chat has no open socket' });
        const sending = { operation: undefined, answered: false };
        const settle = (result) => {
          if (sending.answered || finished) return;
          sending.answered = true;
          answer(outbox, i, result);
        };
        outbox.sending = sending;
        sending.operation = socket.subscribe(
          SEND_MESSAGE,
          { interactionId: record.interactionId, clientId: record.clientId, text: record.text },
          (payload) => {
            const message = payload.data?.sendMessage;
            settle(message ? { seq: message.seq, ackedAt: wallClock() } : { failed: firstError(payload.errors) });
          },
          // A mutation's result is followed by `complete`; one without a result failed.
          (errors) => settle({ failed: firstError(errors) }),
        );
      };
      let cursor = 0;
      const tick = () => {
        const now = wallClock();
        for (; cursor < due.length && records[due[cursor]].at <= now; cursor += 1) send(outboxes.get(records[due[cursor]].interactionId));
        if (cursor < due.length) ticker = setTimeout(tick, Math.min(5, Math.max(0, records[due[cursor]].at - now)));
      };
      stop = setTimeout(finish, Math.max(0, deadline - wallClock()));
      if (records.length === 0) finish();
      else tick();
    });
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

/** An error list's first error as the HTTP client words it: `CODE: message`. */
function firstError(errors) {
  const first = errors?.[0];
  return `${first?.extensions?.code ?? 'ERROR'}: ${first?.message ?? 'no result'}`;
}

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
