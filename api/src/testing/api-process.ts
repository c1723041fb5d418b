import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** Test infrastructure: real PostgreSQL databases and real API processes, as a third party would meet them. */

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = path.resolve(__dirname, '../main.js');

// A failed test must not leave API processes behind.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test PostgreSQL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface ApiProcess {
  readonly url: string;
  readonly port: number;
  /** The operating-system process id, for reading its CPU time and memory from /proc. */
  readonly pid: number;
  /** Everything the process has written so far. */
  output(): string;
  /** Its DATA_DIR, when the test chose one or `media` made one (the embedded Janus' folder is `<dataDir>/janus`). */
  readonly dataDir: string | undefined;
  stop(): Promise<void>;
}

export interface ApiOptions {
  databaseUrl: string;
  /** Omit for in-process pub/sub. */
  redisUrl?: string;
  env?: Record<string, string>;
  /**
   * Calls on: the API starts its embedded Janus (DATA_DIR a fresh folder,
   * removed when it stops). Without it, tests run with MEDIA=off. Throws when
   * janus is not installed: such tests fail, never skip.
   */
  media?: boolean;
  /**
   * A file holding milliseconds to add to the API's wall clock (see
   * shifted-clock.ts); the test rewrites it to move the clock forward.
   */
  clockFile?: string;
}

/** Whether Debian's janus is installed (on PATH). */
export function janusInstalled(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((folder) => {
    try {
      accessSync(path.join(folder, 'janus'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `node api/dist/main.js` on a free port and waits until it listens. */
export async function startApi(options: ApiOptions): Promise<ApiProcess> {
  if (options.media && !janusInstalled()) throw new Error("janus is not installed (apt-get install janus): this test needs Parley's calls on");
  const dataDir = options.media && !options.env?.DATA_DIR ? mkdtempSync(path.join(tmpdir(), 'parley-media-')) : undefined;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATABASE_URL: options.databaseUrl,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(options.media ? {} : { MEDIA: 'off' }),
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...options.env,
    ...(options.clockFile ? { PARLEY_TEST_CLOCK_FILE: options.clockFile } : {}),
  };
  // Node flags for the API alone, e.g. API_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it under a benchmark.
  const flags = (process.env.API_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
  const preload = options.clockFile ? ['--require', path.resolve(__dirname, 'shifted-clock.js')] : [];
  const child = spawn(process.execPath, [...flags, ...preload, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  let exitedEarly: (code: number | null) => void = () => undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start within 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    function collect(chunk: Buffer) {
      output += chunk.toString();
      const match = /"port":(\d+)[^\n]*"msg":"Parley API listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    }
    exitedEarly = (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code} before listening:\n${output}`));
    };
    child.once('exit', exitedEarly);
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  child.removeListener('exit', exitedEarly);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, port, pid: child.pid ?? 0, output: () => output, stop, dataDir: env.DATA_DIR };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Reads the database directly, for assertions on what is stored (hashes, counts). */
export async function queryDatabase<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}
