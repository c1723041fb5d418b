import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './api-process';
import { waitFor } from './wait-for';

/**
 * PostgreSQL and Redis servers of a test's own, on temporary folders and
 * free ports, for fault tests that stop and start them. They never touch the
 * shared servers other tests use. A stopped server starts again on the same
 * port with the same data, as after a real restart.
 */

export interface PrivateService {
  readonly port: number;
  /** Whether the server process runs now. */
  readonly running: boolean;
  /** Stops the server (clients see their connections close) and waits until its process has exited. `signal` replaces the orderly one: SIGKILL crashes Redis, SIGQUIT shuts PostgreSQL down at once. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it if it runs and deletes its folder. */
  cleanup(): Promise<void>;
}

export interface PrivatePostgres extends PrivateService {
  /** A new empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
}

// A failed test must not leave servers or their folders behind.
const running = new Set<ChildProcess>();
const folders = new Set<string>();
process.once('exit', () => {
  running.forEach((child) => child.kill('SIGKILL'));
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
});

function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.add(folder);
  return folder;
}

function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  folders.delete(folder);
}

/** The newest PostgreSQL in Debian's layout, /usr/lib/postgresql/<version>/bin. */
function postgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((version) => existsSync(path.join(root, version, 'bin', 'postgres'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error(`no PostgreSQL server under ${root}/<version>/bin (Debian package postgresql)`);
  return path.join(root, newest, 'bin');
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` system user. */
function serverUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    throw new Error('running as root needs a `postgres` system user to run PostgreSQL as');
  }
}

function run(command: string, args: string[], options: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}: ${errors}`))));
  });
}

/** A supervised server process: start waits for `ready`, stop sends `signal` and waits for the exit. */
function serverProcess(spawnServer: () => ChildProcess, ready: () => Promise<boolean>, signal: NodeJS.Signals, name: string) {
  let child: ChildProcess | undefined;
  let output = '';
  return {
    get running() {
      return child !== undefined;
    },
    async start(): Promise<void> {
      if (child) return;
      const started = spawnServer();
      child = started;
      output = '';
      running.add(started);
      const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
      started.stdout?.on('data', collect);
      started.stderr?.on('data', collect);
      started.once('exit', () => {
        running.delete(started);
        if (child === started) child = undefined;
      });
      await waitFor(`${name} accepting connections`, async () => {
        if (child !== started) throw new Error(`${name} exited while starting:\n${output}`);
        return (await ready()) || undefined;
      });
    },
    async stop(how: NodeJS.Signals = signal): Promise<void> {
      const stopping = child;
      if (!stopping) return;
      await new Promise<void>((resolve) => {
        stopping.once('exit', () => resolve());
        stopping.kill(how);
      });
      child = undefined;
    },
  };
}

/** A PostgreSQL server of its own: trust authentication for `postgres` on 127.0.0.1 only, no durability (tests only). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  const user = serverUser();
  const folder = temporaryFolder('parley-pg-');
  if ('uid' in user) chownSync(folder, user.uid, user.gid);
  const dataDir = path.join(folder, 'data');
  await run(path.join(bin, 'initdb'), ['--pgdata', dataDir, '--username', 'postgres', '--auth', 'trust', '--encoding', 'UTF8', '--locale', 'C', '--no-sync'], user);
  const port = await freePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const flags = ['-D', dataDir, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'];
  const server = serverProcess(
    () => spawn(path.join(bin, 'postgres'), flags, { ...user, stdio: ['ignore', 'pipe', 'pipe'] }),
    async () => {
      const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    // Fast shutdown: open transactions roll back and every client is disconnected, as in a real restart.
    'SIGINT',
    'PostgreSQL',
  );
  await server.start();
  let databases = 0;
  return {
    port,
    get running() {
      return server.running;
    },
    start: server.start,
    stop: server.stop,
    async createDatabase(name = `parley_${(databases += 1)}`) {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async cleanup() {
      await server.stop();
      removeFolder(folder);
    },
  };
}

/** A Redis server of its own that keeps nothing on disk. */
export async function startPrivateRedis(): Promise<PrivateService & { readonly url: string }> {
  const folder = temporaryFolder('parley-redis-');
  const port = await freePort();
  const server = serverProcess(
    () =>
      spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder, '--daemonize', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    () => ping(port),
    'SIGTERM',
    'Redis',
  );
  await server.start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return server.running;
    },
    start: server.start,
    stop: server.stop,
    async cleanup() {
      await server.stop();
      removeFolder(folder);
    },
  };
}

/** Whether a Redis server answers PING on `port`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}
