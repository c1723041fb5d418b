// Parley benchmark: the API against the targets of a 2-core node, with a bare
// `ws` relay as the baseline for fan-out, simulated customers (the widget's
// operations) and agents (the console's) over graphql-ws; customers send their
// messages over their own sockets, as the widget does. Prints a table and
// appends it to BENCHMARKS.md; BENCH_SMOKE=1 runs tiny sizes and only prints.
//   npm run build && npm run bench        sizes: see scripts/bench/config.mjs
//   PARTS=fanout,cost,startchat,live       the parts to run (default: all)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config, describeConfig } from './bench/config.mjs';
import { costMeasures, measureCost } from './bench/cost.mjs';
import { fanoutMeasures, measureFanout } from './bench/fanout.mjs';
import { liveMeasures, measureLive } from './bench/live.mjs';
import { settleFaster } from './bench/measure.mjs';
import { appendToBenchmarks, describeMachine, Report } from './bench/report.mjs';
import { measureStartChat, startChatMeasures } from './bench/start-chat.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const parts = [
  { key: 'fanout', name: 'fan-out against the bare ws relay', measures: fanoutMeasures(config), run: measureFanout },
  { key: 'cost', name: 'cost of a message', measures: costMeasures(config), run: measureCost },
  { key: 'startchat', name: 'startChat', measures: startChatMeasures(config), run: measureStartChat },
  { key: 'live', name: 'sessions, messages and reconnection on one API', measures: liveMeasures(config), run: measureLive },
].filter((part) => config.parts.includes(part.key));
const ORDER = ['durable', 'latency', 'API CPU', 'statements', 'fan-out', 'memory', 'sessions opened', 'reconnect', 'startChat', 'assignments'];
const rank = (measure) => ORDER.findIndex((prefix) => measure.startsWith(prefix));
const measures = parts.flatMap((part) => part.measures).sort((a, b) => rank(a) - rank(b));

if (config.smoke) settleFaster();
const started = new Date();
const machine = await describeMachine();
const configuration = `${config.smoke ? 'smoke (BENCH_SMOKE=1) ' : ''}${describeConfig()}`;
console.log(`Parley benchmark, ${started.toISOString()}\n${machine}\n${configuration}\n`);

const report = new Report(measures);
const finish = (code) => {
  const seconds = (Date.now() - started.getTime()) / 1000;
  console.log(`\n${report.table()}\n\n${(seconds / 60).toFixed(1)} min`);
  if (!config.smoke) {
    appendToBenchmarks(path.join(root, 'BENCHMARKS.md'), report.markdown({ started, seconds, machine, configuration }));
    console.log('appended to BENCHMARKS.md');
  }
  process.exit(code);
};
setTimeout(() => {
  report.detail(`stopped after BENCH_TIMEOUT_SECONDS=${config.timeoutSeconds}`);
  finish(1);
}, config.timeoutSeconds * 1000).unref();

let failures = 0;
for (const part of parts) {
  console.log(`${part.name}:`);
  const partStart = Date.now();
  try {
    await part.run(config, report);
  } catch (error) {
    failures += 1;
    console.error(error);
    report.failed(part.measures, error);
  }
  report.detail(`${part.name}: ${((Date.now() - partStart) / 1000).toFixed(0)} s`);
}
finish(failures ? 1 : 0);
