// Runs every suite (unit, API integration, browser e2e) with Node's test runner
// on the built code, and fails when any test was skipped or left as todo.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...testFiles(full));
    else if (entry.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

const suites = [path.join(root, 'api/dist'), path.join(root, 'widget/dist/spec'), path.join(root, 'console/dist/spec'), path.join(root, 'e2e/dist')];
const files = suites.filter((dir) => existsSync(dir)).flatMap(testFiles);
const filter = process.argv[2];
const selected = filter ? files.filter((file) => file.includes(filter)) : files;
if (selected.length === 0) {
  console.error(`no test files found${filter ? ` matching "${filter}"` : ''}; run npm run build first`);
  process.exit(1);
}

const runner = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-force-exit', '--test-timeout=180000', ...selected],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
let output = '';
runner.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
runner.on('exit', (code) => {
  const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 'NaN');
  const [tests, passed, failed, skipped, todo] = ['tests', 'pass', 'fail', 'skipped', 'todo'].map(count);
  if (code !== 0) process.exit(code ?? 1);
  if (!(tests > 0)) {
    console.error('no test was executed');
    process.exit(1);
  }
  if (skipped > 0 || todo > 0) {
    console.error(`${skipped} skipped and ${todo} todo tests: every test must run`);
    process.exit(1);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
});
