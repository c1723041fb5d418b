// Sessions: how fast customers get a chat, a socket and a live subscription,
// and whether all of them come back, with nothing missed, when every socket
// drops at once.
import { count, quiet, runPool, summarize } from './measure.mjs';
import { messageText, post, SEND_MESSAGE } from './operations.mjs';

const OPENED = 'sessions opened per second';
export const sessionMeasures = (config) => [OPENED, stormMeasure(config)];
const stormMeasure = (config) => `reconnect storm, ${count(config.sessions)} at once`;

/**
 * Opens `held` customers from the client processes: their chats are started
 * first, then each opens its session (socket, connection_init, `messageAdded`
 * live with the agent's greeting on it). Reports the rate of sessions opened,
 * and the chat starts that came before as a detail.
 */
export async function openSessions({ config, report, customers, campaign, held }) {
  const opening = await customers.open({ campaignKey: campaign.key, count: held, concurrency: config.openConcurrency, seconds: config.openSeconds });
  const { sessions, chatStarts, errors } = opening;
  if (sessions.length === 0) throw new Error(`no session opened: ${opening.firstError}`);
  const { rate, seconds } = rateOf(sessions.map((session) => [session.startedAt, session.readyAt]));
  const queued = sessions.filter((session) => session.state !== 'ACTIVE').length;
  const shortfall = sessions.length < held ? `, ${count(held - sessions.length)} not opened within ${config.openSeconds} s` : '';
  report.add({
    measure: OPENED,
    figure: `${count(rate)}/s (${count(sessions.length)} in ${seconds.toFixed(1)} s, ${config.openConcurrency} at once${shortfall}${errors ? `, ${count(errors)} failed` : ''})`,
    target: '≥ 1,000/s',
    met: rate >= 1000 && errors === 0,
  });
  const time = summarize(sessions.map((session) => session.readyAt - session.startedAt));
  report.detail(`opening one session (socket, connection_init, subscription live with the agent's greeting), ${config.openConcurrency} at once: p50 ${time.p50.toFixed(0)} ms, p99 ${time.p99.toFixed(0)} ms${queued ? `; ${count(queued)} chats left waiting for an agent` : ''}${opening.firstError ? `; first failure: ${opening.firstError}` : ''}`);
  const starts = rateOf(chatStarts);
  const startTime = summarize(chatStarts.map(([from, to]) => to - from));
  report.detail(`their chats, started before (startChat with routing and the greeting), ${config.openConcurrency} at once: ${count(starts.rate)}/s (${count(chatStarts.length)} in ${starts.seconds.toFixed(1)} s), each p50 ${startTime.p50.toFixed(0)} ms, p99 ${startTime.p99.toFixed(0)} ms`);
  return sessions;
}

/** Items per second from the first start to the last end of `[start, end]` pairs in ms. */
function rateOf(spans) {
  const first = spans.reduce((earliest, [from]) => Math.min(earliest, from), Infinity);
  const last = spans.reduce((latest, [, to]) => Math.max(latest, to), 0);
  const seconds = (last - first) / 1000;
  return { rate: spans.length / seconds, seconds };
}

/**
 * Every customer's socket drops. While they are away, agents write once into
 * STORM_MESSAGES of the chats; then every customer reconnects at once. Restored:
 * the subscription is live again and every message sent meanwhile has arrived.
 */
export async function reconnectStorm({ config, report, pid, url, customers, sessions, agentOf }) {
  await customers.drop();
  await quiet(pid, 60_000);
  const expected = {};
  const writers = sessions.filter((session) => agentOf(session.interactionId)).slice(0, config.stormMessages);
  const sendUntil = Date.now() + config.stormSeconds * 1000;
  const failures = [];
  await runPool(writers, 16, async (session, i) => {
    const agent = agentOf(session.interactionId);
    try {
      const { sendMessage } = await post(url, SEND_MESSAGE, { interactionId: session.interactionId, clientId: `away-${i}`, text: messageText(`away-${i}`) }, { token: agent.token });
      expected[session.interactionId] = sendMessage.seq;
    } catch (error) {
      failures.push(String(error.message));
    }
  }, () => Date.now() > sendUntil);
  await quiet(pid, 60_000);
  const storm = await customers.reconnect(expected, config.stormSeconds);
  const times = storm.readyAt.map((at) => at - storm.startedAt).sort((a, b) => a - b);
  const restored = times.length;
  const within15 = times.filter((time) => time <= 15_000).length;
  const allAt = restored === storm.total ? `${(times.at(-1) / 1000).toFixed(1)} s to restore all ${count(restored)}` : `>${config.stormSeconds} s: ${count(restored)} of ${count(storm.total)} restored`;
  report.add({
    measure: stormMeasure(config),
    figure: `${allAt} (${count(within15)} within 15 s), ${count(storm.missing)} messages missed, ${count(storm.reordered)} out of order`,
    target: 'all restored within 15 s, nothing lost',
    met: restored === storm.total && within15 === restored && storm.missing === 0 && storm.reordered === 0 && failures.length === 0,
  });
  const time = summarize(times);
  const failed = failures.length ? ` (${count(failures.length)} agent messages failed: ${failures[0]})` : '';
  report.detail(`reconnect storm: ${count(Object.keys(expected).length)} chats got an agent message while away${failed}; restored p50 ${(time.p50 / 1000).toFixed(1)} s, p99 ${(time.p99 / 1000).toFixed(1)} s; ${count(storm.attempts)} connection attempts`);
  // The same work as a session opened, all at once rather than a few at a time.
  if (restored > 0) report.detail(`sockets opened for chats already started (socket, connection_init, subscription live, first frame), all at once: ${count(restored / (times.at(-1) / 1000))}/s (${count(restored)} in ${(times.at(-1) / 1000).toFixed(1)} s)`);
}
