// One API holding many customers at once, as a busy contact center has them:
// sessions are opened (rate, memory), trimmed to SESSIONS, written to in rate
// steps (customers sending over their sockets), then all dropped and
// reconnected at once.
import { Customers } from './customers.mjs';
import { count, openFilesLimit, quiet } from './measure.mjs';
import { memoryMeasures, weighSessions } from './memory.mjs';
import { openSessions, reconnectStorm, sessionMeasures } from './sessions.mjs';
import { closeAgents, createAgents, createCampaign, startStack } from './stack.mjs';
import { measureSustained, sustainedMeasures } from './sustained.mjs';
import { Conversations } from './traffic.mjs';

export const liveMeasures = (config) => [...sustainedMeasures(config), ...memoryMeasures(config), ...sessionMeasures(config)];

export async function measureLive(config, report) {
  const stack = await startStack();
  const customers = new Customers(stack.url, config.poolSize);
  let agents = [];
  try {
    // Each customer is a socket, and a socket is an open file of the API process.
    const room = openFilesLimit(stack.pid) - Math.ceil(config.heldSessions / config.maxPerAgent) - 2 * config.openConcurrency - 300;
    const held = Math.min(config.heldSessions, room);
    const campaign = await createCampaign(stack, 'Live', config.maxPerAgent);
    const agentOfChat = new Map();
    const setupStart = Date.now();
    agents = await createAgents(stack, Math.ceil(held / config.maxPerAgent), [campaign], { prefix: 'live', onAssigned: (id, agent) => agentOfChat.set(id, agent) });
    report.detail(`${count(agents.length)} agents signed in with sockets (${((Date.now() - setupStart) / 1000).toFixed(0)} s), at most ${config.maxPerAgent} chats each`);

    const opened = await weighSessions({
      config,
      report,
      pid: stack.pid,
      cappedAt: held < config.heldSessions ? held : undefined,
      open: () => openSessions({ config, report, customers, campaign, held }),
    });
    const kept = await customers.keep(config.sessions);
    const sessions = opened.filter((session) => kept.has(session.interactionId));
    await quiet(stack.pid, 60_000);

    const chats = acrossProcesses(sessions.filter((session) => agentOfChat.has(session.interactionId)))
      .slice(0, config.senders)
      .map((session) => ({ ...session, agent: agentOfChat.get(session.interactionId) }));
    if (chats.length === 0) throw new Error('no chat was assigned to an agent');
    const conversations = new Conversations(stack.url, chats, customers);
    await conversations.follow(120_000);
    report.detail(`${count(chats.length)} of the ${count(sessions.length)} open chats write during the steps, ${config.stepSeconds} s each`);
    await measureSustained({ config, report, pid: stack.pid, conversations, sessionsOpen: sessions.length });

    await reconnectStorm({ config, report, pid: stack.pid, url: stack.url, customers, sessions, agentOf: (id) => agentOfChat.get(id) });
  } finally {
    await customers.close().catch(() => undefined);
    closeAgents(agents);
    await stack.stop();
  }
}

/** Sessions taken from each client process in turn, so that the chats that write are spread over them as customers are over browsers. */
function acrossProcesses(sessions) {
  const byPool = new Map();
  for (const session of sessions) {
    if (!byPool.has(session.pool)) byPool.set(session.pool, []);
    byPool.get(session.pool).push(session);
  }
  const lists = [...byPool.values()];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  return Array.from({ length: longest }, (_, i) => lists.flatMap((list) => (i < list.length ? [list[i]] : []))).flat();
}
