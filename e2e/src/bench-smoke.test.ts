import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

/** `npm run bench` with tiny sizes: every part runs end to end and every measure gets a figure, met or missed. */
const ROOT = path.resolve(__dirname, '../..');

/** The measures of the speed issue's table, as the benchmark names them (sizes in the names follow the configuration), and how many rows each has. */
const MEASURES: [prefix: string, rows: number][] = [
  ['durable customer → agent messages, sustained', 1],
  ['latency p99 at ', 2],
  ['API CPU per message', 1],
  ['statements per message', 1],
  ['fan-out ÷ bare ws, ', 2],
  ['memory per open session', 1],
  ['sessions opened per second', 1],
  ['reconnect storm', 1],
  ['startChat → assigned p99, one at a time', 1],
  ['startChat burst of ', 1],
  ['assignments/s, ', 1],
];

function runBench(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench.mjs'], { cwd: ROOT, env: { ...process.env, BENCH_SMOKE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** The rows of the final table: measure | figure | target | result. */
function tableRows(output: string): { measure: string; figure: string; result: string }[] {
  const lines = output.split('\n');
  const header = lines.findIndex((line) => /^measure\s+\| figure\s+\|/.test(line));
  assert.ok(header >= 0, `no result table in the output:\n${output.slice(-3000)}`);
  const rows: { measure: string; figure: string; result: string }[] = [];
  for (const line of lines.slice(header + 1)) {
    if (!line.includes(' | ')) break;
    const [measure = '', figure = '', , result = ''] = line.split(' | ').map((cell) => cell.trim());
    rows.push({ measure, figure, result });
  }
  return rows;
}

describe('benchmark smoke run (BENCH_SMOKE=1)', () => {
  it('finishes and prints a figure for every measure', { timeout: 170_000 }, async () => {
    const { code, output } = await runBench();
    assert.equal(code, 0, `bench exited with ${code}:\n${output.slice(-4000)}`);
    const rows = tableRows(output);
    for (const [prefix, expected] of MEASURES) {
      const found = rows.filter((row) => row.measure.startsWith(prefix));
      assert.equal(found.length, expected, `rows for "${prefix}": ${JSON.stringify(found)}`);
      for (const row of found) {
        assert.match(row.figure, /^>?\d/, `${row.measure}: no figure (${row.figure})`);
        assert.match(row.result, /^(met|MISSED)$/, `${row.measure}: ${row.result}`);
      }
    }
    assert.equal(rows.length, MEASURES.reduce((sum, [, n]) => sum + n, 0));
  });
});
