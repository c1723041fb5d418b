// Sizes of every part, read from the environment. The defaults are the issue's
// configuration; BENCH_SMOKE=1 swaps in tiny defaults (a variable that is set still wins).

const FULL = {
  SESSIONS: 10_000, // open during the message steps and the reconnect storm
  HELD_SESSIONS: 20_000, // opened for the memory figure
  OPEN_CONCURRENCY: 64, // sessions being opened at once, over all customer processes
  OPEN_SECONDS: 300, // at most this long to open HELD_SESSIONS
  POOL_SIZE: 7_000, // customer sockets per client process
  RATES: '250,500,1000,1500', // open-loop steps, customer messages per second
  LATENCY_RATES: '500,1000',
  STEP_SECONDS: 15,
  DRAIN_SECONDS: 10,
  SENDERS: 1_000, // chats that write during the steps
  STORM_MESSAGES: 1_000, // agent messages sent while the customers are away
  STORM_SECONDS: 60,
  FANOUT: '100,1000',
  FANOUT_SECONDS: 5,
  FANOUT_WINDOW: 16, // messages not yet delivered to every subscriber, at most
  COST_MESSAGES: 2_000,
  COST_RATE: 100,
  COST_CHATS: 50,
  SEQUENTIAL: 300,
  BURST: 2_000,
  AGENTS_FEW: 10,
  AGENTS_MANY: 200,
  MAX_PER_AGENT: 50, // the campaign's maxInteractionsPerAgent (the API allows 1-50)
  BENCH_TIMEOUT_SECONDS: 3_600,
};

const SMOKE = {
  SESSIONS: 20,
  HELD_SESSIONS: 30,
  OPEN_CONCURRENCY: 8,
  OPEN_SECONDS: 20,
  POOL_SIZE: 20,
  RATES: '10,20',
  LATENCY_RATES: '10,20',
  STEP_SECONDS: 2,
  DRAIN_SECONDS: 3,
  SENDERS: 10,
  STORM_MESSAGES: 10,
  STORM_SECONDS: 15,
  FANOUT: '5,20',
  FANOUT_SECONDS: 1,
  FANOUT_WINDOW: 16,
  COST_MESSAGES: 40,
  COST_RATE: 20,
  COST_CHATS: 5,
  SEQUENTIAL: 10,
  BURST: 30,
  AGENTS_FEW: 2,
  AGENTS_MANY: 4,
  MAX_PER_AGENT: 50,
  BENCH_TIMEOUT_SECONDS: 150,
};

const smoke = process.env.BENCH_SMOKE === '1';
const defaults = smoke ? SMOKE : FULL;

function number(name) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? defaults[name] : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function list(name) {
  const raw = process.env[name] ?? defaults[name];
  const values = String(raw).split(',').map(Number);
  if (values.some((value) => !Number.isFinite(value) || value <= 0)) throw new Error(`${name} must list positive numbers, got "${raw}"`);
  return values;
}

const latencyRates = list('LATENCY_RATES');

const PARTS = ['fanout', 'cost', 'startchat', 'live'];
const parts = (process.env.PARTS ?? PARTS.join(',')).split(',').map((part) => part.trim());
if (parts.some((part) => !PARTS.includes(part))) throw new Error(`PARTS lists some of ${PARTS.join(', ')}, got "${process.env.PARTS}"`);

export const config = Object.freeze({
  smoke,
  parts,
  sessions: number('SESSIONS'),
  heldSessions: Math.max(number('HELD_SESSIONS'), number('SESSIONS')),
  openConcurrency: number('OPEN_CONCURRENCY'),
  openSeconds: number('OPEN_SECONDS'),
  poolSize: number('POOL_SIZE'),
  rates: [...new Set([...list('RATES'), ...latencyRates])].sort((a, b) => a - b),
  latencyRates,
  stepSeconds: number('STEP_SECONDS'),
  drainSeconds: number('DRAIN_SECONDS'),
  senders: number('SENDERS'),
  stormMessages: number('STORM_MESSAGES'),
  stormSeconds: number('STORM_SECONDS'),
  fanout: list('FANOUT'),
  fanoutSeconds: number('FANOUT_SECONDS'),
  fanoutWindow: number('FANOUT_WINDOW'),
  costMessages: number('COST_MESSAGES'),
  costRate: number('COST_RATE'),
  costChats: number('COST_CHATS'),
  sequential: number('SEQUENTIAL'),
  burst: number('BURST'),
  agentsFew: number('AGENTS_FEW'),
  agentsMany: number('AGENTS_MANY'),
  maxPerAgent: number('MAX_PER_AGENT'),
  timeoutSeconds: number('BENCH_TIMEOUT_SECONDS'),
});

/** The sizes as one line, for the report. */
export function describeConfig() {
  const c = config;
  return [
    ...(c.parts.length < 4 ? [`PARTS=${c.parts.join(',')}`] : []),
    `SESSIONS=${c.sessions}`, `HELD_SESSIONS=${c.heldSessions}`, `OPEN_SECONDS=${c.openSeconds}`, `RATES=${c.rates.join(',')}`, `STEP_SECONDS=${c.stepSeconds}`, `SENDERS=${c.senders}`,
    `STORM_MESSAGES=${c.stormMessages}`, `FANOUT=${c.fanout.join(',')}`, `COST_MESSAGES=${c.costMessages}@${c.costRate}/s`,
    `SEQUENTIAL=${c.sequential}`, `BURST=${c.burst}`, `AGENTS=${c.agentsFew},${c.agentsMany}`,
  ].join(' ');
}
