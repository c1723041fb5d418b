// Simulated customers spread over client processes (customer-pool.mjs), each
// holding at most `poolSize` sockets, so that one process's open-files limit
// does not run out. Sockets leave from 127.0.0.1 with a port the kernel picks
// at connect; only when there are more customers than one address has ports
// does each process bind its own loopback address (bind() before connect()
// searches the address's ports, a cost that grows with every socket bound).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { localPorts, wallClock, within } from './measure.mjs';

// Ports of one source address left to the agents' sockets and HTTP requests.
const PORTS_SPARED = 4_000;

const POOL = fileURLToPath(new URL('./customer-pool.mjs', import.meta.url));
const spawned = new Set();
process.once('exit', () => spawned.forEach((child) => child.kill('SIGKILL')));

export class Customers {
  #pools = [];
  #nextId = 0;

  constructor(url, poolSize) {
    this.url = url;
    this.poolSize = poolSize;
  }

  /**
   * Opens `count` customers, at most `concurrency` at a time over all
   * processes, none started after `seconds`: first every chat is started
   * (startChat over HTTP), then every customer opens its session (socket,
   * connection_init, `messageAdded` live). Resolves with the sessions opened
   * (interactionId, token, state, lastSeq, startedAt and readyAt of the
   * session in ms since the epoch, and `pool`, the index of the process
   * holding its socket), the [start, end] of each chat start, and how many
   * failed.
   */
  async open({ campaignKey, count, concurrency, seconds }) {
    const pools = Math.ceil(count / this.poolSize);
    const deadline = wallClock() + seconds * 1000;
    const bind = count > localPorts() - PORTS_SPARED;
    const perPool = Math.ceil(concurrency / pools);
    const starts = await Promise.all(
      Array.from({ length: pools }, (_, i) => {
        const pool = this.#spawn();
        const share = Math.floor(count / pools) + (i < count % pools ? 1 : 0);
        const args = { url: this.url, localAddress: bind ? `127.0.0.${10 + i}` : undefined, campaignKey, count: share, concurrency: perPool, deadline, offset: i * this.poolSize };
        return this.#request(pool, 'start', args, seconds * 1000 + 120_000);
      }),
    );
    const opens = await Promise.all(this.#pools.map((pool) => this.#request(pool, 'connect', { concurrency: perPool, deadline }, seconds * 1000 + 120_000)));
    const parts = [...starts, ...opens];
    return {
      sessions: opens.flatMap((part, i) => part.sessions.map((session) => ({ ...session, pool: this.#pools[i].index }))),
      chatStarts: starts.flatMap((part) => part.times),
      errors: parts.reduce((sum, part) => sum + part.errors, 0),
      firstError: parts.find((part) => part.firstError)?.firstError,
    };
  }

  /**
   * Keeps `count` customers' sockets, spread evenly over the processes (as
   * customers are over browsers); the others close theirs. Resolves with the
   * interaction ids of the customers kept.
   */
  async keep(count) {
    const pools = this.#pools.length;
    const parts = await Promise.all(
      this.#pools.map((pool, i) => this.#request(pool, 'keep', { count: Math.floor(count / pools) + (i < count % pools ? 1 : 0) }, 60_000)),
    );
    return new Set(parts.flatMap((part) => part.kept));
  }

  /**
   * Customers send messages over their sockets: each process gets its records
   * ({ interactionId, clientId, text, at }) in one message and sends them at
   * their times, one at a time per chat. Resolves with every record's result
   * ({ clientId, seq?, ackedAt?, failed?, abandoned? }) once all processes
   * have answered, at the latest soon after `deadline` (ms since the epoch).
   */
  async write(recordsByPool, deadline) {
    const parts = await Promise.all(
      [...recordsByPool].map(([index, records]) => this.#request(this.#pools[index], 'write', { records, deadline }, Math.max(0, deadline - wallClock()) + 60_000)),
    );
    return parts.flat();
  }

  /** Every customer's socket dropped at once. */
  async drop() {
    await Promise.all(this.#pools.map((pool) => this.#request(pool, 'drop', {}, 60_000)));
  }

  /**
   * Every customer reconnects at once. `expected` maps interaction ids to the
   * last seq sent while they were away. Resolves with when each customer was
   * restored (ms since the epoch), from `startedAt`.
   */
  async reconnect(expected, seconds) {
    const startedAt = wallClock();
    const deadline = startedAt + seconds * 1000;
    const parts = await Promise.all(this.#pools.map((pool) => this.#request(pool, 'reconnect', { expected, deadline }, seconds * 1000 + 60_000)));
    const sum = (key) => parts.reduce((total, part) => total + part[key], 0);
    return { startedAt, readyAt: parts.flatMap((part) => part.readyAt), missing: sum('missing'), reordered: sum('reordered'), attempts: sum('attempts'), total: sum('total') };
  }

  async close() {
    await Promise.all(this.#pools.map((pool) => this.#request(pool, 'exit', {}, 10_000).catch(() => pool.child.kill('SIGKILL'))));
    this.#pools = [];
  }

  #spawn() {
    const index = this.#pools.length;
    const child = fork(POOL, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    spawned.add(child);
    const pool = { index, child, pending: new Map() };
    child.on('message', ({ id, result, error }) => {
      const waiter = pool.pending.get(id);
      pool.pending.delete(id);
      if (error) waiter?.reject(new Error(`customer process ${index}: ${error}`));
      else waiter?.resolve(result);
    });
    child.once('exit', (code) => {
      spawned.delete(child);
      for (const waiter of pool.pending.values()) waiter.reject(new Error(`customer process ${index} exited with ${code}`));
      pool.pending.clear();
    });
    this.#pools.push(pool);
    return pool;
  }

  #request(pool, command, args, timeoutMs) {
    const id = ++this.#nextId;
    const reply = new Promise((resolve, reject) => {
      pool.pending.set(id, { resolve, reject });
      pool.child.send({ id, command, ...args });
    });
    return within(timeoutMs, reply, `customers: ${command}`);
  }
}
