// The figures against their targets: a table on stdout and a section appended to BENCHMARKS.md.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { queryDatabase, TEST_POSTGRES_URL, TEST_REDIS_URL } from '../../api/dist/testing/api-process.js';

const RESULT = { true: 'met', false: 'MISSED', null: 'not measured' };

export class Report {
  #rows = new Map();
  #details = [];

  /** @param {string[]} measures every measure, in the order the table lists them */
  constructor(measures) {
    for (const measure of measures) this.#rows.set(measure, { measure, figure: 'not measured', target: '', met: null });
  }

  /** @param {{ measure: string, figure: string, target: string, met: boolean }} row */
  add(row) {
    this.#rows.set(row.measure, row);
    console.log(`  ${row.measure}: ${row.figure} (target ${row.target}: ${RESULT[row.met]})`);
  }

  /** A line that explains a figure (sizes, steps); printed now and kept for BENCHMARKS.md. */
  detail(text) {
    this.#details.push(text);
    console.log(`    ${text}`);
  }

  /** Marks the measures a part did not reach because it stopped with `error`. */
  failed(measures, error) {
    const text = String(error?.message ?? error);
    // An API that failed to start says why in its log, quoted in the error.
    const logged = /"err":\{[^}]*?"message":"([^"]+)"/.exec(text)?.[1];
    const reason = `${text.split('\n')[0]}${logged ? ` ${logged}` : ''}`.slice(0, 200);
    for (const measure of measures) {
      const row = this.#rows.get(measure);
      if (row?.met === null) this.#rows.set(measure, { ...row, figure: `error: ${reason}` });
    }
    this.detail(`stopped: ${reason}`);
  }

  get rows() {
    return [...this.#rows.values()];
  }

  table() {
    const header = { measure: 'measure', figure: 'figure', target: 'target on a 2-core node', result: 'result' };
    const lines = [header, ...this.rows.map((row) => ({ ...row, result: RESULT[row.met] }))];
    const width = (key) => Math.max(...lines.map((line) => line[key].length));
    const widths = ['measure', 'figure', 'target', 'result'].map((key) => [key, width(key)]);
    return lines.map((line) => widths.map(([key, w]) => line[key].padEnd(w)).join(' | ')).join('\n');
  }

  markdown({ started, seconds, machine, configuration }) {
    const cell = (text) => text.replaceAll('|', '\\|');
    return [
      `## ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `- Machine: ${machine}`,
      `- Configuration: ${configuration}`,
      `- Duration: ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`,
      '',
      '| measure | figure | target on a 2-core node | result |',
      '|---|---|---|---|',
      ...this.rows.map((row) => `| ${cell(row.measure)} | ${cell(row.figure)} | ${cell(row.target)} | ${RESULT[row.met]} |`),
      '',
      ...this.#details.map((text) => `- ${text}`),
      '',
    ].join('\n');
  }
}

/** Appends a section to BENCHMARKS.md, creating the file with its heading the first time. */
export function appendToBenchmarks(file, section) {
  if (!existsSync(file)) {
    writeFileSync(file, '# Benchmarks\n\nFigures of `npm run bench` (scripts/bench.mjs), newest last. Each section names the machine and configuration it was measured with.\n\n');
  }
  appendFileSync(file, section);
}

/** CPU, cores, memory, system and the versions of Node.js, PostgreSQL and Redis the figures were taken with. */
export async function describeMachine() {
  const cpus = os.cpus();
  const postgres = await queryDatabase(TEST_POSTGRES_URL, 'show server_version').then((rows) => rows[0]?.server_version?.split(' ')[0], () => 'unknown');
  const redis = await redisVersion().catch(() => 'unknown');
  return [
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `${os.type()} ${os.release()}, Node.js ${process.version}, PostgreSQL ${postgres}, Redis ${redis} on the same machine`,
    `load average ${os.loadavg()[0].toFixed(2)} at the start`,
  ].join('; ');
}

function redisVersion() {
  const url = new URL(TEST_REDIS_URL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port || 6379), url.hostname);
    let reply = '';
    socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
    socket.on('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      const version = /redis_version:(\S+)/.exec(reply)?.[1];
      if (version) {
        socket.end();
        resolve(version);
      }
    });
    socket.on('error', reject);
  });
}
