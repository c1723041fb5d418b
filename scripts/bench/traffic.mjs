// Customers writing to their agents: durable messages over HTTP (sendMessage,
// as the widget sends them) at an open-loop rate, each chat sending in order
// like the widget's outbox; agents reading them over their sockets.
import { setMaxListeners } from 'node:events';
import { cpuMs, quiet, summarize, until, within } from './measure.mjs';
import { MESSAGE_ADDED, messageText, post, SEND_MESSAGE } from './operations.mjs';

export class Conversations {
  #byClientId = new Map();
  #highest = new Map();
  #steps = [];
  reordered = 0;

  /** @param {{ interactionId: string, token: string, lastSeq: number, agent: { socket: import('./socket.mjs').BenchSocket, token: string } }[]} chats */
  constructor(url, chats) {
    this.url = url;
    this.chats = chats;
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
              this.#delivered(chat, payload.data?.messageAdded, performance.now());
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
   * Latency runs from the scheduled time to delivery to the agent.
   */
  async step({ rate, seconds, drainSeconds, pid, label }) {
    const total = Math.max(1, Math.round(rate * seconds));
    const step = { rate, total, settled: 0, records: [] };
    this.#steps.push(step);
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
          record.ackedAt = performance.now();
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
    const cpuBefore = cpuMs(pid);
    const interval = 1000 / rate;
    const startedAt = performance.now() + 20;
    await new Promise((done) => {
      const tick = () => {
        const now = performance.now();
        while (step.records.length < total && startedAt + step.records.length * interval <= now) {
          const n = step.records.length;
          const chat = this.chats[n % this.chats.length];
          const record = { step, chat, clientId: `${label}-${n}`, scheduledAt: startedAt + n * interval };
          step.records.push(record);
          this.#byClientId.set(record.clientId, record);
          queues.get(chat).push(record);
          if (!sending.has(chat)) void send(chat);
        }
        if (step.records.length >= total) done();
        else setTimeout(tick, Math.min(5, Math.max(0, startedAt + step.records.length * interval - now)));
      };
      setTimeout(tick, 20);
    });
    await until(() => step.settled >= total, drainSeconds * 1000, 20);
    abort.abort();
    for (const queue of queues.values()) for (const record of queue.splice(0)) record.abandoned = true;
    await quiet(pid, 60_000);
    return this.#figures(step, startedAt, cpuMs(pid) - cpuBefore);
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
      censoredAt: performance.now() - startedAt,
      cpuPerMessage: cpu / Math.max(1, delivered.length),
      keptUp: delivered.length === step.total && achieved >= 0.95 * step.rate,
    };
  }

  /** Messages the API acknowledged (stored) that never reached the agent, over every step so far. */
  lost() {
    return this.#steps.reduce((sum, step) => sum + step.records.filter((record) => record.ackedAt !== undefined && record.deliveredAt === undefined).length, 0);
  }
}
