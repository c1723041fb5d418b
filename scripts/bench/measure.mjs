// Readings of a running process (/proc), waits with deadlines, and summaries of samples.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds since the epoch with sub-millisecond resolution, comparable between processes on one machine. */
export const wallClock = () => performance.timeOrigin + performance.now();

const TICK_MS = 1000 / (Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100);

/** CPU time (user + system, all threads) a process has used so far, in ms; 10 ms resolution. */
export const cpuMs = (pid) => ticksMs(`/proc/${pid}/stat`);

/** User + system CPU time of a `stat` file of /proc, in ms. */
function ticksMs(path) {
  const stat = readFileSync(path, 'utf8');
  // After "pid (comm) ": state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU time in ms of a process's main thread (its JavaScript) and of its other threads (V8's garbage collection and compilers, libuv's pool), user and system. */
export function threadCpuMs(pid) {
  const main = ticksMs(`/proc/${pid}/task/${pid}/stat`);
  return { main, others: cpuMs(pid) - main };
}

/** Resident memory of a process, in KB. */
export function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** The soft limit on open files of a process (each socket is one). */
export function openFilesLimit(pid) {
  const value = /Max open files\s+(\S+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1];
  return value === undefined || value === 'unlimited' ? Infinity : Number(value);
}

/** How many ephemeral ports one source address has (the kernel's ip_local_port_range). */
export function localPorts() {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return high - low + 1;
  } catch {
    return 28_232; // Linux's default range, 32768-60999
  }
}

/** Resolves `promise`, or rejects once `ms` have passed. */
export function within(ms, promise, what) {
  let timer;
  const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${Math.round(ms / 1000)} s`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Polls `check` every `everyMs` until it is true or `ms` have passed; tells which. */
export async function until(check, ms, everyMs = 50) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
}

/** Runs `task` on every item with at most `concurrency` at once; stops taking new items once `stop()` is true. */
export async function runPool(items, concurrency, task, stop = () => false) {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

let settleWindowMs = 1000;
/** Shorter windows for quiet() and settledRss(), for smoke runs whose figures are not kept. */
export function settleFaster() {
  settleWindowMs = 250;
}

/** Share of one core a process used over `windowMs`. */
async function cpuShare(pid, windowMs) {
  const before = cpuMs(pid);
  await sleep(windowMs);
  return (cpuMs(pid) - before) / windowMs;
}

/** Waits until a process has used under 10% of a core for two 1 s windows in a row (work left over from a step is done), at most `maxMs`. */
export async function quiet(pid, maxMs = 30_000) {
  const end = Date.now() + maxMs;
  let calm = 0;
  while (Date.now() < end && calm < 2) calm = (await cpuShare(pid, settleWindowMs)) < 0.1 ? calm + 1 : 0;
  return calm >= 2;
}

/**
 * The resident memory of a process once it has stopped moving: sampled every
 * 500 ms until six samples in a row lie within 1% (or 512 KB) of each other
 * while the process is nearly idle, at most `maxMs`.
 */
export async function settledRss(pid, maxMs = 60_000) {
  const end = Date.now() + maxMs;
  const samples = [];
  for (;;) {
    const share = await cpuShare(pid, settleWindowMs / 2);
    samples.push(rssKb(pid));
    const recent = samples.slice(-6);
    const spread = Math.max(...recent) - Math.min(...recent);
    if (recent.length === 6 && share < 0.1 && spread <= Math.max(512, recent[5] * 0.01)) return { kb: recent[5], settled: true };
    if (Date.now() > end) return { kb: samples.at(-1), settled: false };
  }
}

/** Nearest-rank percentile of ascending samples; Infinity stands for samples that never completed. */
export const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]);

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/** A latency for a table: "12.3", or ">25000" when too many samples never completed. */
export function ms(value, censoredAt) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'n/a' : `>${Math.round(censoredAt ?? 0)}`;
  return value < 100 ? value.toFixed(1) : String(Math.round(value));
}

export const count = (value) => Math.round(value).toLocaleString('en-US');
