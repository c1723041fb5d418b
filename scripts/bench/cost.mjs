// What one durable customer → agent message costs the API: CPU time of the
// API process (/proc, all threads) and SQL statements it sends (counted on the
// wire), over COST_MESSAGES messages at a rate the API keeps up with, minus
// what the same API does when idle for as long. The figures are of messages
// sent over the customers' sockets, as the widget sends them; the same count
// sent over HTTP, as third parties send, is given beside them, and what the
// bare ws relay spends on a message at the same rate.
import { TEST_POSTGRES_URL } from '../../api/dist/testing/api-process.js';
import { Customers } from './customers.mjs';
import { count, cpuMs, quiet, sleep, threadCpuMs } from './measure.mjs';
import { startStatementCounter } from './pg-counter.mjs';
import { measureRelayCost } from './relay-cost.mjs';
import { closeAgents, createAgents, createCampaign, startStack } from './stack.mjs';
import { Conversations } from './traffic.mjs';

const CPU = 'API CPU per message';
const STATEMENTS = 'statements per message';
export const costMeasures = () => [CPU, STATEMENTS];
// Enough for V8 to have optimized what a message runs: after 300, it was still compiling
// (TurboFan, on its own threads) through the counted messages, a fifth of the API's CPU.
const WARM_UP_MESSAGES = 3_000;
const HTTP_WARM_UP_MESSAGES = 1_000;
// The warm-up goes faster than the counted rate: compiling follows calls, not seconds.
const WARM_UP_SPEED = 5;

export async function measureCost(config, report) {
  const counter = await startStatementCounter(TEST_POSTGRES_URL);
  let stack;
  let customers;
  let agents = [];
  try {
    stack = await startStack({ routeDatabase: counter.route });
    customers = new Customers(stack.url, config.poolSize);
    const campaign = await createCampaign(stack, 'Cost', config.maxPerAgent);
    const agentOfChat = new Map();
    agents = await createAgents(stack, Math.ceil(config.costChats / config.maxPerAgent), [campaign], { prefix: 'cost', onAssigned: (id, agent) => agentOfChat.set(id, agent) });
    const { sessions } = await customers.open({ campaignKey: campaign.key, count: config.costChats, concurrency: 8, seconds: 120 });
    const chats = sessions.filter((session) => agentOfChat.has(session.interactionId)).map((session) => ({ ...session, agent: agentOfChat.get(session.interactionId) }));
    if (chats.length === 0) throw new Error('no chat was assigned to an agent');
    const conversations = new Conversations(stack.url, chats, customers);
    await conversations.follow(60_000);
    const rate = config.costRate;
    // Uncounted, so that the counted messages meet code already compiled and caches already warm.
    const warmUp = Math.min(WARM_UP_MESSAGES, 2 * config.costMessages);
    await conversations.step({ rate: rate * WARM_UP_SPEED, seconds: warmUp / (rate * WARM_UP_SPEED), drainSeconds: config.drainSeconds, pid: stack.pid, label: 'cost-warm-up', over: 'socket' });
    await quiet(stack.pid, 30_000);

    // The API's own background work (routing safety net, presence heartbeat), to take off.
    const idleSeconds = config.smoke ? 2 : 10;
    const idle = reading(stack.pid, counter);
    await sleep(idleSeconds * 1000);
    const idleCost = difference(reading(stack.pid, counter), idle);

    /** One counted step: what it cost per message delivered, less the idle API's work over as long. */
    const counted = async (over, label) => {
      const start = reading(stack.pid, counter);
      const startedAt = performance.now();
      const step = await conversations.step({ rate, seconds: config.costMessages / rate, drainSeconds: config.drainSeconds, pid: stack.pid, label, over });
      const seconds = (performance.now() - startedAt) / 1000;
      const spent = difference(reading(stack.pid, counter), start);
      if (step.delivered === 0) throw new Error(`no message sent over ${over} reached its agent (${step.failed} of ${step.total} sends failed: ${step.firstFailure})`);
      const perMessage = (key) => (spent[key] - (idleCost[key] * seconds) / idleSeconds) / step.delivered;
      return {
        step,
        seconds,
        spent,
        cpu: perMessage('cpu'),
        mainThread: perMessage('mainThread'),
        otherThreads: perMessage('otherThreads'),
        statements: perMessage('statements'),
        transactions: perMessage('transactions'),
        control: perMessage('control'),
      };
    };

    const socket = await counted('socket', 'cost');
    const { step, spent } = socket;
    const messages = step.delivered;
    const sent = `${count(step.delivered)} of ${count(step.total)} messages at ${rate}/s`;
    report.add({ measure: CPU, figure: `${socket.cpu.toFixed(2)} ms (${sent}, ${chats.length} chats)`, target: '≤ 1 ms', met: socket.cpu <= 1 && step.delivered === step.total });
    report.add({
      measure: STATEMENTS,
      figure: `${socket.statements.toFixed(1)} (${socket.control.toFixed(1)} of them BEGIN/COMMIT; ${socket.transactions.toFixed(1)} transactions)`,
      target: '≤ 3',
      met: socket.statements <= 3 && step.delivered === step.total,
    });
    report.detail(
      `cost: messages sent over the customers' sockets, counted over ${socket.seconds.toFixed(1)} s after an uncounted warm-up of ${count(warmUp)} messages, minus ${idleSeconds} s idle (${(idleCost.cpu / idleSeconds).toFixed(0)} ms CPU and ${(idleCost.statements / idleSeconds).toFixed(1)} statements a second); each message reaches its agent and the customer's own subscription`,
    );
    report.detail(`of the API's CPU per message, its main thread (JavaScript, and the system calls it makes) ${socket.mainThread.toFixed(2)} ms, its other threads (garbage collection, compilers) ${socket.otherThreads.toFixed(2)} ms`);
    try {
      const relay = await measureRelayCost({ rate, messages: config.costMessages, idleSeconds });
      report.detail(`the bare ws relay, same rate, same run: ${relay.cpu.toFixed(2)} ms of CPU per message taken off one socket and written to two, the floor of a process woken once per message on this machine`);
    } catch (error) {
      report.detail(`the bare ws relay, same rate: not measured (${error?.message ?? error})`);
    }
    const top = [...spent.byText].sort((a, b) => b[1] - a[1]).slice(0, 8);
    report.detail(`statements per message by text: ${top.map(([text, n]) => `${(n / messages).toFixed(2)} × ${text.slice(0, 70)}`).join('; ')}`);

    // The same count over HTTP, after a short uncounted warm-up of that path.
    const httpWarmUp = Math.min(HTTP_WARM_UP_MESSAGES, 2 * config.costMessages);
    await conversations.step({ rate: rate * WARM_UP_SPEED, seconds: httpWarmUp / (rate * WARM_UP_SPEED), drainSeconds: config.drainSeconds, pid: stack.pid, label: 'cost-http-warm-up', over: 'http' });
    await quiet(stack.pid, 30_000);
    // The table's figures stand without it: a failure here is only told.
    try {
      const http = await counted('http', 'cost-http');
      const httpSent = http.step.delivered === http.step.total ? '' : ` (${count(http.step.delivered)} of ${count(http.step.total)} delivered)`;
      report.detail(`over HTTP, as third parties send: ${http.cpu.toFixed(2)} ms of API CPU and ${http.statements.toFixed(1)} statements per message${httpSent}, counted over ${http.seconds.toFixed(1)} s`);
    } catch (error) {
      report.detail(`over HTTP, as third parties send: not measured (${error?.message ?? error})`);
    }
  } finally {
    await customers?.close().catch(() => undefined);
    closeAgents(agents);
    await stack?.stop();
    await counter.close();
  }
}

function reading(pid, counter) {
  const threads = threadCpuMs(pid);
  return { cpu: cpuMs(pid), mainThread: threads.main, otherThreads: threads.others, ...counter.snapshot() };
}

function difference(after, before) {
  const byText = new Map();
  for (const [text, n] of after.byText) if (n > (before.byText.get(text) ?? 0)) byText.set(text, n - (before.byText.get(text) ?? 0));
  return {
    cpu: after.cpu - before.cpu,
    mainThread: after.mainThread - before.mainThread,
    otherThreads: after.otherThreads - before.otherThreads,
    statements: after.statements - before.statements,
    control: after.control - before.control,
    transactions: after.transactions - before.transactions,
    byText,
  };
}
