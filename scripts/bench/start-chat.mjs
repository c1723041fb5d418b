// startChat → assigned: one customer at a time, and bursts of customers all at
// once against campaigns of AGENTS_FEW and of AGENTS_MANY agents, two bursts
// of each, and one big burst against the many. A chat
// counts as assigned when startChat answers it ACTIVE (routing runs before the
// answer).
import { count, cpuMs, quiet, runPool, summarize } from './measure.mjs';
import { closeIdleConnections, post, START_CHAT } from './operations.mjs';
import { closeAgents, createAgents, createCampaign, startStack } from './stack.mjs';

const ONE_AT_A_TIME = 'startChat → assigned p99, one at a time';
const burstMeasure = (config) => `startChat burst of ${count(config.burst)}, ${count(config.agentsMany)} agents`;
const compareMeasure = (config) => `assignments/s, ${count(config.agentsFew)} vs ${count(config.agentsMany)} agents`;
export const startChatMeasures = (config) => [ONE_AT_A_TIME, burstMeasure(config), compareMeasure(config)];

export async function measureStartChat(config, report) {
  const stack = await startStack();
  let agents = [];
  try {
    const names = ['one at a time', `few (${config.agentsFew})`, `many (${config.agentsMany})`, 'burst', 'warm-up', `few again (${config.agentsFew})`, `many again (${config.agentsMany})`];
    const [sequential, few, many, burst, warmUp, fewAgain, manyAgain] = await Promise.all(names.map((name) => createCampaign(stack, `Start ${name}`, config.maxPerAgent)));
    // The few agents are full after one burst: the second burst of few has agents of its own.
    agents = [
      ...(await createAgents(stack, config.agentsMany, [sequential, many, burst, warmUp, manyAgain], { prefix: 'many' })),
      ...(await createAgents(stack, config.agentsFew, [few], { prefix: 'few' })),
      ...(await createAgents(stack, config.agentsFew, [fewAgain], { prefix: 'few-again' })),
    ];
    let customer = 0;
    const startChat = async (campaign) => {
      const n = customer++;
      const startedAt = performance.now();
      const { startChat: chat } = await post(stack.url, START_CHAT, { input: { campaignKey: campaign.key, name: `Customer ${n}`, email: `customer${n}@example.test` } }, { timeoutMs: 120_000 });
      return { ms: performance.now() - startedAt, at: performance.now(), assigned: chat.interaction.state === 'ACTIVE' };
    };
    await quiet(stack.pid, 30_000);

    const times = [];
    let waiting = 0;
    for (let i = 0; i < config.sequential; i += 1) {
      const result = await startChat(sequential);
      times.push(result.assigned ? result.ms : Infinity);
      if (!result.assigned) waiting += 1;
    }
    const one = summarize(times);
    report.add({
      measure: ONE_AT_A_TIME,
      figure: `${one.p99.toFixed(1)} ms (p50 ${one.p50.toFixed(1)}, ${count(config.sequential)} chats, ${count(config.agentsMany)} agents${waiting ? `, ${waiting} not assigned` : ''})`,
      target: '≤ 50 ms',
      met: one.p99 <= 50,
    });

    // Equal bursts for the comparison, as large as the few agents can take, after one like them that is not counted:
    // the first burst of a fresh process runs code the single starts before it did not (compiled on the way), whichever campaign it is on.
    const equal = Math.min(config.burst, config.agentsFew * config.maxPerAgent);
    await quiet(stack.pid, 30_000);
    const burstOf = (campaign, size) => runBurst(startChat, campaign, size, stack.pid);
    const warm = await burstOf(warmUp, equal);
    report.detail(`startChat warm-up burst of ${count(equal)}, not counted: ${count(warm.assigned)} assigned at ${count(warm.rate)}/s`);
    await quiet(stack.pid, 60_000);
    // Few, many, many, few: a machine growing slower or faster over the four weighs on both sides alike.
    const compared = [];
    for (const [campaign, side] of [[few, 'few'], [many, 'many'], [manyAgain, 'many'], [fewAgain, 'few']]) {
      compared.push({ side, result: await burstOf(campaign, equal) });
      await quiet(stack.pid, 60_000);
    }
    // Each side by its better burst: a moment the machine spent elsewhere then counts against neither.
    const better = (side) => compared.filter((burst) => burst.side === side).reduce((best, burst) => (burst.result.rate > best.rate ? burst.result : best), { rate: 0 });
    const withFew = better('few');
    const withMany = better('many');
    const big = await burstOf(burst, config.burst);
    const agentsOf = (side) => (side === 'few' ? config.agentsFew : config.agentsMany);
    const lines = compared.map(({ side, result }, i) => [`${agentsOf(side)} agents, burst of ${equal} (${i + 1} of ${compared.length})`, result]);
    for (const [label, result] of [...lines, [`${config.agentsMany} agents, burst of ${config.burst}`, big]]) {
      report.detail(`startChat ${label}: ${count(result.assigned)} assigned at ${count(result.rate)}/s; answers p50 ${result.time.p50.toFixed(0)} ms, p99 ${result.time.p99.toFixed(0)} ms; API CPU ${result.cpuPerChat.toFixed(2)} ms a chat${result.failed ? `, ${result.failed} failed (${result.firstError})` : ''}`);
    }
    report.add({
      measure: burstMeasure(config),
      figure: `${count(big.rate)} assignments/s (${count(big.assigned)} of ${count(config.burst)} assigned${big.failed ? `, ${big.failed} failed` : ''})`,
      target: '≥ 500 assignments/s',
      met: big.rate >= 500 && big.assigned === config.burst,
    });
    const ratio = withMany.rate / withFew.rate;
    report.add({
      measure: compareMeasure(config),
      figure: `${count(withFew.rate)}/s vs ${count(withMany.rate)}/s (×${ratio.toFixed(2)}, the better of two bursts of ${count(equal)} each)`,
      target: '≥ 500/s, within 20% from 10 to 200 agents',
      met: Math.min(withFew.rate, withMany.rate) >= 500 && Math.abs(ratio - 1) <= 0.2,
    });
  } finally {
    closeAgents(agents);
    await stack.stop();
  }
}

/**
 * `size` startChat requests at once, at most BURST_IN_FLIGHT of them on the
 * wire, one connection each, opened for the burst as new customers open
 * theirs (so every burst starts alike). Assignments per second from the
 * first request to the last assignment, and the API's CPU time a chat
 * until the last answer.
 */
const BURST_IN_FLIGHT = 500;
async function runBurst(startChat, campaign, size, pid) {
  closeIdleConnections();
  const cpuBefore = cpuMs(pid);
  const startedAt = performance.now();
  const errors = [];
  const results = [];
  await runPool(Array.from({ length: size }, (_, i) => i), BURST_IN_FLIGHT, async () => {
    try {
      results.push(await startChat(campaign));
    } catch (error) {
      errors.push(String(error.message));
    }
  });
  const assigned = results.filter((result) => result.assigned);
  const last = assigned.reduce((latest, result) => Math.max(latest, result.at), startedAt);
  // Until the last answer: the agents' events of the burst are written by then, or soon after and not counted.
  const cpuPerChat = (cpuMs(pid) - cpuBefore) / Math.max(1, results.length);
  return {
    cpuPerChat,
    assigned: assigned.length,
    rate: assigned.length / Math.max(0.001, (last - startedAt) / 1000),
    time: summarize(results.map((result) => result.ms)),
    failed: errors.length,
    firstError: errors[0],
  };
}
