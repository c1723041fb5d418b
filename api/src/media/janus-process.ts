import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import { janusConfigFiles, JANUS_MODULES, type JanusConfigOptions } from './janus-config';

/** Where a running Janus answers, and the secrets the API talks to it with. */
export interface JanusEndpoint {
  /** `http://127.0.0.1:<port>/janus` */
  readonly url: string;
  readonly wsUrl: string;
  readonly apiSecret: string;
  readonly adminKey: string;
}

export interface EmbeddedJanus extends JanusEndpoint {
  readonly version: string;
  stop(): Promise<void>;
}

export interface EmbeddedJanusOptions {
  readonly binary: string;
  /** DATA_DIR: the configuration, the log and the pid file go to `<dataDir>/janus`. */
  readonly dataDir: string;
  readonly logger: Pick<Logger, 'error'>;
  readonly apiSecret?: string;
  readonly adminKey?: string;
  readonly iceInterfaces?: string;
  readonly nat11?: string;
  /** Where the transports listen (127.0.0.1 by default). */
  readonly bindAddress?: string;
  /** Ports to listen on, for an address this process cannot probe (another network namespace); free ones by default. */
  readonly ports?: { readonly http: number; readonly ws: number };
  /** Run through this command, e.g. `ip netns exec <name>` for a media test's network namespace. */
  readonly prefix?: readonly string[];
}

const READY_WITHIN_MS = 15_000;
const STOP_WITHIN_MS = 5_000;
const RESTART_AFTER_MS = 2_000;

const secret = () => randomBytes(24).toString('hex');
/** util-linux's setpriv makes the kernel kill Janus when the API dies, even by SIGKILL. */
const SETPRIV = '/usr/bin/setpriv';

/** `count` different TCP ports on `address` that nothing listens on right now (held open together while chosen). */
export async function freeTcpPorts(count: number, address = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, address, () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** The folder holding Janus' plugins and transports: next to the binary, in Debian's multiarch layout or the source install's. */
export function janusModulesFolder(binary: string): string | undefined {
  const prefix = path.resolve(path.dirname(binary), '..');
  const lib = path.join(prefix, 'lib');
  const candidates = [path.join(lib, 'janus'), ...(existsSync(lib) ? readdirSync(lib).map((entry) => path.join(lib, entry, 'janus')) : [])];
  return candidates.find((folder) => existsSync(path.join(folder, 'plugins', JANUS_MODULES.plugins[0])));
}

/** Writes the configuration folder: the generated files, and folders linking only the modules Parley uses. */
export function writeJanusFolder(dir: string, modules: string, options: JanusConfigOptions): void {
  for (const kind of ['plugins', 'transports', 'none'] as const) {
    rmSync(path.join(dir, kind), { recursive: true, force: true });
    mkdirSync(path.join(dir, kind), { recursive: true });
  }
  for (const kind of ['plugins', 'transports'] as const) {
    for (const name of JANUS_MODULES[kind]) symlinkSync(path.join(modules, kind, name), path.join(dir, kind, name));
  }
  for (const [name, text] of Object.entries(janusConfigFiles(options))) writeFileSync(path.join(dir, name), text, { mode: 0o600 });
}

/** Janus' `info` answer when it answers, else undefined. */
export async function janusInfo(url: string, timeoutMs = 2000): Promise<{ version_string?: string } | undefined> {
  try {
    const response = await fetch(`${url}/info`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { janus?: string; version_string?: string };
    return body.janus === 'server_info' ? body : undefined;
  } catch {
    return undefined;
  }
}

/** A Janus left running by an API that was killed (its pid file names it): stopped before a new one starts. */
function stopLeftover(pidFile: string, configFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(configFile)) process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/**
 * Starts Janus as a child of the API with a folder generated under
 * `DATA_DIR/janus`, on free loopback ports, and resolves once its HTTP `info`
 * answers. A Janus that exits on its own is started again (its rooms are gone:
 * the sweeper ends the calls that used them); `stop()` ends it for good.
 */
export async function startEmbeddedJanus(options: EmbeddedJanusOptions): Promise<EmbeddedJanus> {
  const modules = janusModulesFolder(options.binary);
  if (!modules) throw new Error(`no Janus plugins folder with ${JANUS_MODULES.plugins[0]} found near ${options.binary}`);
  const dir = path.join(options.dataDir, 'janus');
  mkdirSync(dir, { recursive: true });
  const host = options.bindAddress ?? '127.0.0.1';
  const [httpPort, wsPort] = options.ports ? [options.ports.http, options.ports.ws] : ((await freeTcpPorts(2, host)) as [number, number]);
  const config: JanusConfigOptions = {
    dir,
    httpPort,
    wsPort,
    apiSecret: options.apiSecret ?? secret(),
    adminSecret: secret(),
    adminKey: options.adminKey ?? secret(),
    iceInterfaces: options.iceInterfaces,
    nat11: options.nat11,
    bindAddress: host,
  };
  const configFile = path.join(dir, 'janus.jcfg');
  const pidFile = path.join(dir, 'janus.pid');
  const logFile = path.join(dir, 'janus.log');
  stopLeftover(pidFile, configFile);
  writeJanusFolder(dir, modules, config);
  const url = `http://${host}:${config.httpPort}/janus`;

  let child: ChildProcess | undefined;
  let stopping = false;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  const launch = (): ChildProcess => {
    const args = ['-C', configFile, '-F', dir, '-L', logFile, '-N', '-o', '-D'];
    const [command, ...rest] = [...(options.prefix ?? []), ...(existsSync(SETPRIV) ? [SETPRIV, '--pdeathsig', 'KILL', '--'] : []), options.binary, ...args];
    const started = spawn(command as string, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    writeFileSync(pidFile, String(started.pid ?? ''));
    started.once('exit', (code, signal) => {
      if (stopping) return;
      options.logger.error({ code, signal, stderr, log: logFile }, 'Janus exited: starting it again; calls in progress end');
      setTimeout(() => {
        if (!stopping) child = launch();
      }, RESTART_AFTER_MS).unref();
    });
    return started;
  };
  child = launch();
  const until = Date.now() + READY_WITHIN_MS;
  let info = await janusInfo(url, 500);
  while (!info) {
    if (Date.now() > until || child.exitCode !== null) {
      stopping = true;
      child.kill('SIGKILL');
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`Janus did not answer on ${url} within ${READY_WITHIN_MS / 1000} s; the end of ${logFile}:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    info = await janusInfo(url, 500);
  }
  return {
    url,
    wsUrl: `ws://${host}:${config.wsPort}`,
    apiSecret: config.apiSecret,
    adminKey: config.adminKey,
    version: info.version_string ?? 'unknown',
    stop: async () => {
      stopping = true;
      process.removeListener('exit', killOnExit);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => running.kill('SIGKILL'), STOP_WITHIN_MS);
        running.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        running.kill('SIGTERM');
      });
      rmSync(pidFile, { force: true });
    },
  };
}
