import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A Janus of the test's own, for proving the media harness before the API's
 * embedded Janus exists: only the plugins asked for and the WebSocket
 * transport, listening on one address, gathering ICE candidates on one
 * interface only.
 */
export interface JanusServer {
  /** ws://address:port of the WebSocket transport (subprotocol `janus-protocol`). */
  readonly webSocketUrl: string;
  /** Everything Janus logged so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface JanusOptions {
  /** Where the WebSocket transport listens. */
  address: string;
  /** `ice_enforce_list`: the only interface Janus gathers candidates on. */
  iceInterface: string;
  /** Plugin names as in their library files: `echotest`, `videoroom`, … */
  plugins: string[];
}

const JANUS = process.env.JANUS_PATH ?? '/usr/bin/janus';
const LIBRARIES = '/usr/lib/x86_64-linux-gnu/janus';

export async function startJanus(options: JanusOptions): Promise<JanusServer> {
  if (!existsSync(JANUS)) throw new Error(`media tests need Janus at ${JANUS} (Debian package janus) or JANUS_PATH`);
  const folder = mkdtempSync(path.join(tmpdir(), 'parley-janus-'));
  const port = await freePort(options.address);
  writeConfiguration(folder, options, port);
  const logFile = path.join(folder, 'janus.log');
  const janus = spawn(JANUS, ['-C', path.join(folder, 'janus.jcfg'), '-F', folder, '-L', logFile, '-N', '-o'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => janus.once('exit', () => resolve()));
  const stopOnExit = (): void => void janus.kill('SIGKILL');
  process.once('exit', stopOnExit);
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async (): Promise<void> => {
    process.removeListener('exit', stopOnExit);
    await end(janus, exited);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await listening(options.address, port, exited, 10_000);
  } catch (error) {
    const output = log();
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { webSocketUrl: `ws://${options.address}:${port}`, log, stop };
}

function writeConfiguration(folder: string, options: JanusOptions, port: number): void {
  // Folders of links restrict what Janus loads to what the test asked for.
  for (const kind of ['plugins', 'transports', 'none']) mkdirSync(path.join(folder, kind));
  for (const plugin of options.plugins) {
    symlinkSync(path.join(LIBRARIES, 'plugins', `libjanus_${plugin}.so`), path.join(folder, 'plugins', `libjanus_${plugin}.so`));
    writeFileSync(path.join(folder, `janus.plugin.${plugin}.jcfg`), 'general: {\n}\n');
  }
  symlinkSync(path.join(LIBRARIES, 'transports', 'libjanus_websockets.so'), path.join(folder, 'transports', 'libjanus_websockets.so'));
  writeFileSync(
    path.join(folder, 'janus.jcfg'),
    `general: {
  configs_folder = "${folder}"
  plugins_folder = "${folder}/plugins"
  transports_folder = "${folder}/transports"
  events_folder = "${folder}/none"
  loggers_folder = "${folder}/none"
  debug_level = 4
  admin_secret = "${randomBytes(16).toString('hex')}"
  protected_folders = ["${folder}"]
}
media: {
  rtp_port_range = "20000-40000"
}
nat: {
  ice_enforce_list = "${options.iceInterface}"
  ignore_mdns = true
}
events: {
  broadcast = false
}
`,
  );
  writeFileSync(
    path.join(folder, 'janus.transport.websockets.jcfg'),
    `general: {
  json = "plain"
  ws = true
  ws_port = ${port}
  ws_ip = "${options.address}"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
  );
}

/** A port nobody listens on at `address` now (Janus needs one in its configuration). */
function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, address, () => {
      const bound = server.address();
      server.close(() => (typeof bound === 'object' && bound ? resolve(bound.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once something accepts TCP connections on address:port; rejects if Janus exits first. */
async function listening(address: string, port: number, exited: Promise<void>, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error('Janus exited while starting');
    if (await accepts(address, port)) return;
    if (Date.now() > deadline) throw new Error(`Janus did not listen on ${address}:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function end(janus: ChildProcess, exited: Promise<void>): Promise<void> {
  if (janus.exitCode !== null || janus.signalCode !== null) return;
  janus.kill('SIGTERM');
  const killed = setTimeout(() => janus.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killed);
}
