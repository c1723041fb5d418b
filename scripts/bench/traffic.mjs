// Customers writing to their agents: durable messages (sendMessage) at an
// open-loop rate, each chat sending in order like the widget's outbox; agents
// reading them over their sockets. Customers send over their own sockets, as
// the widget does, from the client processes holding them (customers.mjs);
// or over HTTP from this process, as the widget falls back to and as third
// parties send.
import { setMaxListeners } from 'node:events';
import { cpuMs, quiet, summarize, until, wallClock, within } from './measure.mjs';
import { MESSAGE_ADDED, messageText, post, SEND_MESSAGE } from './operations.mjs';

// How long before its first message a step hands its schedule to the client processes.
const HANDOVER_MS = 250;

export class Conversations {
  #byClientId = new Map();
  #highest = new Map();
  #steps = [];
  reordered = 0;

  /**
   * @param {{ interactionId: string, token: string, lastSeq: number, pool?: number, agent: { socket: import('./socket.mjs').BenchSocket, token: string } }[]} chats
   *   `pool`: the index of the client process holding the customer's socket (Customers.open tags it)
   * @param {import('./customers.mjs').Customers} [customers] the customers' client processes, to send over their sockets
   */
  constructor(url, chats, customers) {
    this.url = url;
    this.chats = chats;
    this.customers = customers;
  }

  /** Each chat's agent subscribes to its messages; resolves once every subscription has replayed the chat's last message (it is live). */
  async follow(timeoutMs) {
    const live = this.chats.map(
      (chat) =>
        new Promise((resolve, reject) => {
          this.#highest.set(chat.interactionId, chat.lastSeq - 1);
          chat.agent.socket.subscribe(
            MESSAGE_ADDED,
            { interactionId: chat.interactionId, afterSeq: Math.max(0, chat.lastSeq - 1) },
            (payload) => {
              resolve();
              this.#delivered(chat, payload.data?.messageAdded, wallClock());
            },
            (error) => reject(new Error(`agent subscription ended: ${JSON.stringify(error)}`)),
          );
        }),
    );
    await within(timeoutMs, Promise.all(live), 'agent subscriptions');
  }

  #delivered(chat, message, at) {
    if (!message) return;
    const highest = this.#highest.get(chat.interactionId) ?? 0;
    if (message.seq <= highest) this.reordered += 1;
    else this.#highest.set(chat.interactionId, message.seq);
    const record = this.#byClientId.get(message.clientId);
    if (!record || record.deliveredAt !== undefined) return;
    record.deliveredAt = at;
    if (record.failed === undefined) record.step.settled += 1;
  }

  /**
   * Schedules `rate` messages a second for `seconds`, spread over the chats in
   * turn, whether or not earlier ones are done (open loop). When the schedule
   * ends, waits up to `drainSeconds` for every message to arrive, gives up on
   * those not sent by then, and waits for the API to finish its backlog.
   * Latency runs from the scheduled time to delivery to the agent (both wall
   * clock, which the client processes share). `over`: the customers' own
   * sockets (the default when there are customers), or HTTP from this process.
   */
  async step({ rate, seconds, drainSeconds, pid, label, over = this.customers ? 'socket' : 'http' }) {
    if (over === 'socket' && !this.customers) throw new Error('sending over the sockets needs the customers');
    const total = Math.max(1, Math.round(rate * seconds));
    const step = { rate, total, settled: 0, records: [] };
    this.#steps.push(step);
    const interval = 1000 / rate;
    const cpuBefore = cpuMs(pid);
    const startedAt = over === 'socket' ? await this.#overSockets(step, interval, drainSeconds, label) : await this.#overHttp(step, interval, drainSeconds, label);
    await quiet(pid, 60_000);
    return this.#figures(step, startedAt, cpuMs(pid) - cpuBefore);
  }

  #schedule(step, n, startedAt, interval, label) {
    const chat = this.chats[n % this.chats.length];
    const record = { step, chat, clientId: `${label}-${n}`, scheduledAt: startedAt + n * interval };
    step.records.push(record);
    this.#byClientId.set(record.clientId, record);
    return record;
  }

  /** Every client process gets its customers' part of the schedule at once and sends it; resolves with when the schedule started. */
  async #overSockets(step, interval, drainSeconds, label) {
    const { total } = step;
    const startedAt = wallClock() + HANDOVER_MS;
    const recordsByPool = new Map();
    for (let n = 0; n < total; n += 1) {
      const record = this.#schedule(step, n, startedAt, interval, label);
      const pool = record.chat.pool;
      if (pool === undefined) throw new Error(`chat ${record.chat.interactionId} has no customer process`);
      if (!recordsByPool.has(pool)) recordsByPool.set(pool, []);
      recordsByPool.get(pool).push({ interactionId: record.chat.interactionId, clientId: record.clientId, text: messageText(record.clientId), at: record.scheduledAt });
    }
    const deadline = startedAt + total * interval + drainSeconds * 1000;
    // The processes answer once every message was answered, or at the deadline.
    for (const { clientId, seq, ackedAt, failed, abandoned } of await this.customers.write(recordsByPool, deadline)) {
      const record = this.#byClientId.get(clientId);
      if (seq !== undefined) Object.assign(record, { seq, ackedAt });
      if (abandoned) record.abandoned = true;
      if (failed !== undefined) {
        record.failed = failed;
        if (record.deliveredAt === undefined) step.settled += 1;
      }
    }
    // Deliveries to the agents may still follow the last acks.
    await until(() => step.settled >= total, Math.max(0, deadline - wallClock()), 20);
    return startedAt;
  }

  /** This process posts every message over HTTP at its time; resolves with when the schedule started. */
  async #overHttp(step, interval, drainSeconds, label) {
    const { total } = step;
    const abort = new AbortController();
    setMaxListeners(0, abort.signal); // every request in flight listens to it
    const queues = new Map(this.chats.map((chat) => [chat, []]));
    const sending = new Set();
    const send = async (chat) => {
      sending.add(chat);
      const queue = queues.get(chat);
      while (queue.length > 0 && !abort.signal.aborted) {
        const record = queue.shift();
        try {
          const variables = { interactionId: chat.interactionId, clientId: record.clientId, text: messageText(record.clientId) };
          const { sendMessage } = await post(this.url, SEND_MESSAGE, variables, { token: chat.token, signal: abort.signal, timeoutMs: 60_000 });
          record.seq = sendMessage.seq;
          record.ackedAt = wallClock();
        } catch (error) {
          if (abort.signal.aborted) record.abandoned = true;
          else {
            record.failed = String(error?.message ?? error);
            if (record.deliveredAt === undefined) step.settled += 1;
          }
        }
      }
      sending.delete(chat);
    };
    const startedAt = wallClock() + 20;
    await new Promise((done) => {
      const tick = () => {
        const now = wallClock();
        while (step.records.length < total && startedAt + step.records.length * interval <= now) {
          const record = this.#schedule(step, step.records.length, startedAt, interval, label);
          queues.get(record.chat).push(record);
          if (!sending.has(record.chat)) void send(record.chat);
        }
        if (step.records.length >= total) done();
        else setTimeout(tick, Math.min(5, Math.max(0, startedAt + step.records.length * interval - now)));
      };
      setTimeout(tick, 20);
    });
    await until(() => step.settled >= total, drainSeconds * 1000, 20);
    abort.abort();
    for (const queue of queues.values()) for (const record of queue.splice(0)) record.abandoned = true;
    return startedAt;
  }

  #figures(step, startedAt, cpu) {
    const records = step.records;
    const delivered = records.filter((record) => record.deliveredAt !== undefined);
    const lastDeliveryAt = delivered.reduce((last, record) => Math.max(last, record.deliveredAt), startedAt);
    const achieved = delivered.length / Math.max(0.001, (lastDeliveryAt - startedAt) / 1000);
    const latency = summarize(records.map((record) => (record.deliveredAt === undefined ? Infinity : record.deliveredAt - record.scheduledAt)));
    return {
      rate: step.rate,
      total: step.total,
      delivered: delivered.length,
      achieved,
      failed: records.filter((record) => record.failed !== undefined).length,
      firstFailure: records.find((record) => record.failed !== undefined)?.failed,
      abandoned: records.filter((record) => record.abandoned && record.ackedAt === undefined && record.deliveredAt === undefined).length,
      latency,
      censoredAt: wallClock() - startedAt,
      cpuPerMessage: cpu / Math.max(1, delivered.length),
      keptUp: delivered.length === step.total && achieved >= 0.95 * step.rate,
    };
  }

  /** Messages the API acknowledged (stored) that never reached the agent, over every step so far. */
  lost() {
    return this.#steps.reduce((sum, step) => sum + step.records.filter((record) => record.ackedAt !== undefined && record.deliveredAt === undefined).length, 0);
  }
}
