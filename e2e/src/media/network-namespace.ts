import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A network namespace joined to this one by a veth pair with private
 * addresses, for media tests: Janus leaves loopback out of ICE, and this
 * machine lets no traffic out to its other addresses, so the browser runs
 * inside the namespace and media flows only between the two veth ends.
 *
 *   host namespace                         test namespace
 *   <hostInterface> <hostAddress>  ⇄  <innerInterface> <innerAddress>
 */
export interface NetworkNamespace {
  readonly name: string;
  /** The host-side veth (what Janus' `ice_enforce_list` names). */
  readonly hostInterface: string;
  readonly hostAddress: string;
  readonly innerInterface: string;
  readonly innerAddress: string;
  /** Absolute path of the `ip` command, for `ip netns exec <name> …` wrappers. */
  readonly ip: string;
  /** Deletes the namespace and the veth pair; safe to call more than once. */
  remove(): Promise<void>;
}

const run = promisify(execFile);
/** Names carry the creating process' id, so namespaces left by a killed run can be told apart and swept. */
const PREFIX = 'parley-media-';
const live = new Set<NetworkNamespace>();

/** Finds `ip` and refuses clearly when this process cannot create namespaces. */
export function ipCommand(): string {
  const directories = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  const found = directories.filter(Boolean).map((directory) => path.join(directory, 'ip')).find(executable);
  if (!found) throw new Error('media tests need the `ip` command (Debian package iproute2) to create a network namespace');
  if (process.getuid?.() !== 0) throw new Error('media tests must run as root: they create a network namespace and a veth pair (`ip netns add`)');
  return found;
}

/** Creates a namespace with a unique name and a /30 subnet that no interface on this machine uses. */
export async function createNetworkNamespace(): Promise<NetworkNamespace> {
  const ip = ipCommand();
  await sweepAbandoned(ip);
  for (let attempt = 0; ; attempt++) {
    const subnet = await freeSubnet(ip);
    const tag = `${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, '0')}`;
    const namespace = namespaceFor(ip, `${PREFIX}${process.pid}-${tag}`, `pm${tag}h`, `pm${tag}n`, subnet);
    try {
      await setUp(namespace);
      return namespace;
    } catch (error) {
      await namespace.remove();
      // Another test file may have taken the same name or subnet a moment earlier.
      if (attempt >= 3) throw error;
    }
  }
}

function namespaceFor(ip: string, name: string, hostInterface: string, innerInterface: string, subnet: string): NetworkNamespace {
  let removed = false;
  const namespace: NetworkNamespace = {
    name,
    hostInterface,
    hostAddress: `${subnet}.1`,
    innerInterface,
    innerAddress: `${subnet}.2`,
    ip,
    remove: async () => {
      if (removed) return;
      removed = true;
      live.delete(namespace);
      // Deleting either end of a veth pair deletes both; the namespace may not exist if set-up failed early.
      await run(ip, ['link', 'delete', hostInterface]).catch(() => undefined);
      await run(ip, ['netns', 'delete', name]).catch(() => undefined);
    },
  };
  live.add(namespace);
  return namespace;
}

async function setUp(namespace: NetworkNamespace): Promise<void> {
  const { ip, name, hostInterface, innerInterface, hostAddress, innerAddress } = namespace;
  const steps: string[][] = [
    ['netns', 'add', name],
    ['link', 'add', hostInterface, 'type', 'veth', 'peer', 'name', innerInterface],
    ['link', 'set', innerInterface, 'netns', name],
    ['address', 'add', `${hostAddress}/30`, 'dev', hostInterface],
    ['link', 'set', hostInterface, 'up'],
    ['-n', name, 'address', 'add', `${innerAddress}/30`, 'dev', innerInterface],
    ['-n', name, 'link', 'set', innerInterface, 'up'],
    ['-n', name, 'link', 'set', 'lo', 'up'],
  ];
  for (const step of steps) {
    await run(ip, step).catch((error: Error & { stderr?: string }) => {
      throw new Error(`ip ${step.join(' ')} failed: ${error.stderr?.trim() || error.message}`);
    });
  }
}

/** A random 10.x.y.0/30 (as "10.x.y") whose 10.x.0.0/16 no interface on this machine has an address in. */
async function freeSubnet(ip: string): Promise<string> {
  const { stdout } = await run(ip, ['-4', '-o', 'address', 'show']);
  for (;;) {
    const second = 200 + Math.floor(Math.random() * 50);
    if (!stdout.includes(`inet 10.${second}.`)) return `10.${second}.${Math.floor(Math.random() * 256)}`;
  }
}

/** Deletes namespaces (and with them their veth pairs) left by test processes that no longer run. */
async function sweepAbandoned(ip: string): Promise<void> {
  const { stdout } = await run(ip, ['netns', 'list']);
  for (const line of stdout.split('\n')) {
    const match = new RegExp(`^(${PREFIX}(\\d+)-\\w+)`).exec(line);
    if (match && !running(Number(match[2]))) await run(ip, ['netns', 'delete', match[1]!]).catch(() => undefined);
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// A test that fails or a runner that ends the process still removes what this process created.
process.on('exit', () => {
  for (const namespace of live) {
    try {
      execFileSync(namespace.ip, ['link', 'delete', namespace.hostInterface], { stdio: 'ignore' });
    } catch {
      // Already gone with its namespace.
    }
    try {
      execFileSync(namespace.ip, ['netns', 'delete', namespace.name], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }
});
