// Fan-out: one chat followed by N sockets (the customer's token on each), the
// customer writing over HTTP as the widget does. Deliveries per second against
// the bare relay with the same N sockets, the same client code and frames of
// the same size, in the same run.
import { count, quiet, runPool, sleep, until, within } from './measure.mjs';
import { MESSAGE_ADDED, messageText, post, SEND_MESSAGE, START_CHAT } from './operations.mjs';
import { startRelay } from './relay.mjs';
import { BenchSocket } from './socket.mjs';
import { closeAgents, createAgents, createCampaign, startStack } from './stack.mjs';

export const fanoutMeasures = (config) => config.fanout.map((n) => `fan-out ÷ bare ws, ${count(n)} subscribers`);

export async function measureFanout(config, report) {
  const relay = await startRelay();
  let stack;
  let agents = [];
  try {
    stack = await startStack();
    const campaign = await createCampaign(stack, 'Fan-out', config.maxPerAgent);
    agents = await createAgents(stack, 1, [campaign], { prefix: 'fanout' });
    const { startChat: chat } = await post(stack.url, START_CHAT, { input: { campaignKey: campaign.key, name: 'Watched customer', email: 'watched@example.test' } });
    const interactionId = chat.interaction.id;
    let seq = chat.interaction.messages.at(-1)?.seq ?? 0;
    const api = {
      url: stack.url,
      token: chat.token,
      subscribe: (socket, next) => socket.subscribe(MESSAGE_ADDED, { interactionId, afterSeq: Math.max(0, seq - 1) }, next),
      send: async (key) => {
        const { sendMessage } = await post(stack.url, SEND_MESSAGE, { interactionId, clientId: key, text: messageText(key) }, { token: chat.token });
        seq = Math.max(seq, sendMessage.seq);
      },
    };
    // The relay sends what the API sends: a stored message as the subscription selects it.
    const shape = chat.interaction.messages.at(-1);
    const sender = new BenchSocket(relay.url);
    await sender.connect();
    let relaySeq = 0;
    const bare = {
      url: relay.url,
      subscribe: (socket, next) => socket.subscribe(MESSAGE_ADDED, { interactionId, afterSeq: 0 }, next),
      send: async (key) => {
        relaySeq += 1;
        const messageAdded = { ...shape, id: crypto.randomUUID(), seq: relaySeq, clientId: key, text: messageText(key), createdAt: new Date().toISOString() };
        sender.send({ type: 'publish', payload: { data: { messageAdded } } });
      },
    };
    for (const [i, n] of config.fanout.entries()) {
      const measure = fanoutMeasures(config)[i];
      const server = await fanoutRun(api, n, config, `api${n}`);
      await quiet(stack.pid, 15_000);
      const baseline = await fanoutRun(bare, n, config, `ws${n}`);
      const ratio = server.rate / baseline.rate;
      const lost = server.undelivered + server.failed > 0 ? `, ${count(server.undelivered)} deliveries missing, ${server.failed} sends failed` : '';
      report.add({
        measure,
        figure: `${ratio.toFixed(2)} (${count(server.rate)} vs ${count(baseline.rate)} deliveries/s${lost})`,
        target: '≥ 0.5',
        met: ratio >= 0.5 && lost === '',
      });
      report.detail(`${measure}: API ${count(server.messages)} messages to ${count(n)} sockets, ${count(server.delivered)} deliveries in ${server.seconds.toFixed(1)} s; bare ws ${count(baseline.messages)} messages, ${count(baseline.delivered)} deliveries in ${baseline.seconds.toFixed(1)} s`);
    }
    sender.close();
  } finally {
    closeAgents(agents);
    await stack?.stop();
    await relay.stop();
  }
}

/**
 * Opens `n` subscribed sockets, then sends for `fanoutSeconds` with at most
 * `fanoutWindow` messages not yet delivered to every socket, and waits for
 * the last deliveries. Rate: deliveries / (last delivery - first send).
 */
async function fanoutRun(target, n, config, label) {
  const sockets = [];
  const outstanding = new Map();
  let delivered = 0;
  let lastDeliveryAt = 0;
  let wake = () => undefined;
  const onNext = (payload) => {
    const key = payload.data?.messageAdded?.clientId;
    const left = outstanding.get(key);
    if (left === undefined) return;
    delivered += 1;
    lastDeliveryAt = performance.now();
    if (left > 1) outstanding.set(key, left - 1);
    else {
      outstanding.delete(key);
      wake();
    }
  };
  try {
    await runPool(Array.from({ length: n }, (_, i) => i), 50, async () => {
      const socket = new BenchSocket(target.url, { token: target.token });
      sockets.push(socket);
      await socket.connect();
      // The first frame (the replay) tells that the subscription is live.
      await within(30_000, new Promise((ready) => target.subscribe(socket, (payload) => (ready(), onNext(payload)))), 'fan-out subscription');
    });
    let failed = 0;
    let firstFailure;
    let messages = 0;
    const firstSendAt = performance.now();
    const stopAt = firstSendAt + config.fanoutSeconds * 1000;
    while (performance.now() < stopAt) {
      if (outstanding.size >= config.fanoutWindow) {
        await Promise.race([new Promise((resolve) => (wake = resolve)), sleep(1000)]);
        continue;
      }
      const key = `${label}-${messages++}`;
      outstanding.set(key, n);
      target.send(key).catch((error) => {
        failed += 1;
        firstFailure ??= String(error?.message ?? error);
        outstanding.delete(key);
      });
      await new Promise(setImmediate);
    }
    await until(() => outstanding.size === 0, config.drainSeconds * 2000);
    if (delivered === 0) throw new Error(`${label}: nothing delivered (${failed} of ${messages} sends failed: ${firstFailure})`);
    const undelivered = [...outstanding.values()].reduce((sum, left) => sum + left, 0);
    const seconds = ((delivered ? lastDeliveryAt : performance.now()) - firstSendAt) / 1000;
    return { rate: delivered / seconds, delivered, undelivered, failed, messages, seconds };
  } finally {
    sockets.forEach((socket) => socket.terminate());
  }
}
