// Durable customer → agent messages in open-loop rate steps, sent over the
// customers' sockets as the widget sends them, with every other session of
// the run open: throughput, losses, order, and latency at the rates the
// targets name.
import { count, ms, quiet } from './measure.mjs';

const SUSTAINED = 'durable customer → agent messages, sustained';
/** The issue's latency targets, in the order of LATENCY_RATES (500/s, then 1,000/s). */
const LATENCY_TARGETS = [
  { limit: 100, text: '≤ 100 ms at 500/s' },
  { limit: 250, text: '≤ 250 ms at 1,000/s' },
];

export const sustainedMeasures = (config) => [SUSTAINED, ...config.latencyRates.map((rate) => latencyMeasure(config, rate))];
const latencyMeasure = (config, rate) => `latency p99 at ${count(rate)}/s, ${count(config.sessions)} sessions open`;

/** Runs the steps of RATES in order; once the API falls behind, only the steps the latency targets name still run. */
export async function measureSustained({ config, report, pid, conversations, sessionsOpen }) {
  // A short step at half the first rate, not reported, so that the API's code for sending is compiled and its caches warm before figures count.
  await conversations.step({ rate: config.rates[0] / 2, seconds: Math.min(3, config.stepSeconds), drainSeconds: config.drainSeconds, pid, label: 'warm-up', over: 'socket' });
  const steps = [];
  let behind = false;
  for (const rate of config.rates) {
    if (behind && !config.latencyRates.includes(rate)) {
      report.detail(`step ${count(rate)}/s skipped: the API fell behind at a lower rate`);
      continue;
    }
    const step = await conversations.step({ rate, seconds: config.stepSeconds, drainSeconds: config.drainSeconds, pid, label: `step${rate}`, over: 'socket' });
    steps.push(step);
    report.detail(describeStep(step));
    behind ||= !step.keptUp;
  }
  if (steps.every((step) => step.delivered === 0)) throw new Error(`no message reached an agent (${steps[0]?.firstFailure ?? 'no step ran'})`);
  await quiet(pid, 30_000);
  const lost = conversations.lost();
  const reordered = conversations.reordered;
  const failed = steps.reduce((sum, step) => sum + step.failed, 0);
  const best = steps.reduce((top, step) => (step.achieved > top.achieved ? step : top), { achieved: 0 });
  const keptUp = steps.filter((step) => step.keptUp).map((step) => step.rate);
  const behindAt = steps.find((step) => !step.keptUp)?.rate;
  const pace = [keptUp.length ? `kept up with ${count(Math.max(...keptUp))}/s` : 'kept up with no step', behindAt ? `fell behind at ${count(behindAt)}/s` : ''].filter(Boolean).join(', ');
  report.add({
    measure: SUSTAINED,
    figure: `${count(best.achieved)}/s (${pace}), ${count(lost)} lost, ${count(reordered)} reordered${failed ? `, ${count(failed)} sends failed` : ''}`,
    target: '≥ 1,000/s, 0 lost, 0 reordered',
    met: keptUp.some((rate) => rate >= 1000) && lost === 0 && reordered === 0,
  });
  config.latencyRates.forEach((rate, i) => {
    const step = steps.find((candidate) => candidate.rate === rate);
    const target = LATENCY_TARGETS[i] ?? LATENCY_TARGETS.at(-1);
    report.add({
      measure: latencyMeasure(config, rate),
      figure: step ? `${ms(step.latency.p99, step.censoredAt)} ms (p50 ${ms(step.latency.p50, step.censoredAt)}, ${count(sessionsOpen)} open${step.keptUp ? '' : ', fell behind'})` : 'not run',
      target: target.text,
      met: step !== undefined && step.latency.p99 <= target.limit,
    });
  });
}

function describeStep(step) {
  const { latency } = step;
  const problems = [
    step.failed ? `${count(step.failed)} failed (${step.firstFailure})` : '',
    step.abandoned ? `${count(step.abandoned)} not sent by the end of the drain` : '',
  ].filter(Boolean);
  return [
    `step ${count(step.rate)}/s: ${count(step.delivered)} of ${count(step.total)} delivered, ${count(step.achieved)}/s`,
    `latency p50 ${ms(latency.p50, step.censoredAt)} p95 ${ms(latency.p95, step.censoredAt)} p99 ${ms(latency.p99, step.censoredAt)} max ${ms(latency.max, step.censoredAt)} ms`,
    `API CPU ${step.cpuPerMessage.toFixed(2)} ms/message`,
    ...problems,
  ].join(', ');
}
