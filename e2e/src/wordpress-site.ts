import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@parley/api/testing/api-process';
import { until } from './stack';

const run = promisify(execFile);

/** Debian's `wordpress` package: the WordPress code, whose own wp-config.php reads /etc/wordpress. */
const WORDPRESS = '/usr/share/wordpress';

/**
 * A throwaway real WordPress on loopback: Debian's WordPress copied into a
 * temporary folder with its own wp-config.php, a private MariaDB on a unix
 * socket of its own (not the system service), served by PHP's built-in
 * server, installed and with an administrator.
 */
export interface WordPressSite {
  /** `http://127.0.0.1:<port>`, the site's home and its origin. */
  readonly url: string;
  readonly admin: { readonly username: string; readonly password: string };
  /** What PHP logged while serving the site (WP_DEBUG_LOG): notices, warnings, errors. */
  phpLog(): string;
  /** Rows of a query on the site's database, each a list of column values. */
  query(statement: string): Promise<string[][]>;
  stop(): Promise<void>;
}

/** Installs Debian's WordPress (with its default theme), MariaDB and PHP's MySQL driver when one of them is missing (needs root). */
export async function ensureWordPressPackages(): Promise<void> {
  const missing: string[] = [];
  if (!existsSync(path.join(WORDPRESS, 'wp-settings.php'))) missing.push('wordpress');
  // WordPress 6.1's default theme: only recommended by the wordpress package.
  if (!existsSync(path.join(WORDPRESS, 'wp-content/themes/twentytwentythree'))) missing.push('wordpress-theme-twentytwentythree');
  if (!mariadbServer() || !findExecutable(['mariadb-install-db', 'mysql_install_db'])) missing.push('mariadb-server');
  if (!findExecutable(['mariadb', 'mysql'])) missing.push('mariadb-client');
  if (!findExecutable(['php'])) missing.push('php-cli', 'php-mysql');
  else if (!(await run('php', ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).then(() => true, () => false))) missing.push('php-mysql');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`a WordPress site needs Debian's ${missing.join(', ')}: run apt-get install ${missing.join(' ')} as root`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '-qq', ...missing], { env, maxBuffer: 64 * 1024 * 1024 });
  try {
    await install();
  } catch {
    // Package lists may be missing or stale on a fresh machine.
    await run('apt-get', ['update', '-qq'], { env });
    await install();
  }
}

export async function startWordPressSite(options: { title: string }): Promise<WordPressSite> {
  await ensureWordPressPackages();
  const dir = await mkdtemp(path.join(tmpdir(), 'wordpress-site-'));
  const processes: Service[] = [];
  const killAll = () => {
    for (const service of processes) signal(service, 'SIGKILL');
  };
  process.once('exit', killAll);
  const stop = async () => {
    process.removeListener('exit', killAll);
    for (const service of processes.reverse()) await stopService(service);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const root = path.join(dir, 'site');
    const [started, copied] = await Promise.allSettled([startMariaDb(dir, processes), copyWordPress(root)]);
    if (started.status === 'rejected') throw started.reason;
    if (copied.status === 'rejected') throw copied.reason;
    const database = started.value;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const phpLog = path.join(dir, 'php-errors.log');
    await writeFile(path.join(root, 'wp-config.php'), wpConfig({ url, socket: database.socket, phpLog }));

    const serverLog = openSync(path.join(dir, 'php-server.log'), 'a');
    // Its own process group: the built-in server's workers go with it on stop.
    const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', root], {
      cwd: root,
      detached: true,
      stdio: ['ignore', serverLog, serverLog],
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    });
    closeSync(serverLog);
    processes.push({ child: server, group: true });
    await until('PHP to serve WordPress', async () => exited(server) || (await fetch(`${url}/wp-login.php`).then(() => true, () => false)), 15_000);
    if (exited(server)) throw new Error(`php -S exited: ${readFileSync(path.join(dir, 'php-server.log'), 'utf8')}`);

    const admin = { username: 'northwind', password: `Wp-${randomBytes(12).toString('base64url')}` };
    await installWordPress(url, options.title, admin);
    return {
      url,
      admin,
      phpLog: () => (existsSync(phpLog) ? readFileSync(phpLog, 'utf8') : ''),
      query: async (statement) => {
        const { stdout } = await database.sql(statement, 'wordpress');
        return stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A copy, not the package's folder: its wp-config.php is ours, and WordPress writes plugins and uploads into it.
 * Debian links some scripts (underscore.js) to /usr/share/javascript by relative paths: they are copied as files.
 */
async function copyWordPress(root: string): Promise<void> {
  await mkdir(root);
  await run('cp', ['-R', '-L', `${WORDPRESS}/.`, root]);
  for (const unused of ['wp-config.php', '.htaccess', 'wp-content/languages']) await rm(path.join(root, unused), { recursive: true, force: true });
}

/** Runs WordPress' own installer (wp-admin/install.php, step 2), as the first visitor would. */
async function installWordPress(url: string, title: string, admin: { username: string; password: string }): Promise<void> {
  const form = new URLSearchParams({
    weblog_title: title,
    user_name: admin.username,
    admin_password: admin.password,
    admin_password2: admin.password,
    admin_email: 'owner@northwind.example',
    blog_public: '0',
    language: '',
  });
  const response = await fetch(`${url}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
  const html = await response.text();
  if (response.status !== 200 || !html.includes('WordPress has been installed')) {
    throw new Error(`WordPress did not install (HTTP ${response.status}): ${html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`);
  }
}

/** A MariaDB server of its own: its data folder and socket in `dir`, no TCP port, a `wordpress` database. */
async function startMariaDb(dir: string, processes: Service[]): Promise<{ socket: string; sql(statement: string, database?: string): Promise<{ stdout: string }> }> {
  const server = mariadbServer();
  const installDb = findExecutable(['mariadb-install-db', 'mysql_install_db']);
  const client = findExecutable(['mariadb', 'mysql']);
  if (!server || !installDb || !client) throw new Error('MariaDB is not installed');
  const datadir = path.join(dir, 'mysql');
  const socket = path.join(dir, 'mysqld.sock');
  const errorLog = path.join(dir, 'mysqld.err');
  // Small InnoDB files: the site holds a few rows.
  const small = ['--innodb-log-file-size=4M', '--innodb-buffer-pool-size=16M', '--innodb-data-file-path=ibdata1:4M:autoextend', '--innodb-temp-data-file-path=ibtmp1:4M:autoextend'];
  // --user=root lets the server start as root (the test machines' user); as anyone else it is ignored.
  await run(installDb, ['--no-defaults', `--datadir=${datadir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve', ...small]);
  const mariadbd = spawn(
    server,
    ['--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, '--skip-networking', '--skip-log-bin', '--user=root', `--pid-file=${path.join(dir, 'mysqld.pid')}`, `--log-error=${errorLog}`, ...small],
    { stdio: 'ignore' },
  );
  processes.push({ child: mariadbd, group: false });
  const sql = (statement: string, database?: string) =>
    run(client, ['--no-defaults', `--socket=${socket}`, '--user=root', '--batch', '--skip-column-names', ...(database ? [`--database=${database}`] : []), '--execute', statement]);
  await until('MariaDB to accept connections', async () => exited(mariadbd) || (await sql('SELECT 1').then(() => true, () => false)), 30_000);
  if (exited(mariadbd)) throw new Error(`mariadbd exited: ${existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-2000) : ''}`);
  await sql('CREATE DATABASE wordpress CHARACTER SET utf8mb4');
  return { socket, sql };
}

/** wp-config.php for the site: the private database, fixed addresses, nothing fetched from outside, PHP problems logged. */
function wpConfig(site: { url: string; socket: string; phpLog: string }): string {
  const php = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const constants: [string, string | boolean][] = [
    ['DB_NAME', 'wordpress'],
    ['DB_USER', 'root'],
    ['DB_PASSWORD', ''],
    ['DB_HOST', `localhost:${site.socket}`],
    ['DB_CHARSET', 'utf8mb4'],
    ['DB_COLLATE', ''],
    ['WP_HOME', site.url],
    ['WP_SITEURL', site.url],
    ...['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map(
      (name): [string, string] => [name, randomBytes(32).toString('base64')],
    ),
    // Loopback only: no update checks or news from wordpress.org on a machine without the internet.
    ['WP_HTTP_BLOCK_EXTERNAL', true],
    ['AUTOMATIC_UPDATER_DISABLED', true],
    ['WP_AUTO_UPDATE_CORE', false],
    ['DISABLE_WP_CRON', true],
    ['FS_METHOD', 'direct'],
    ['WP_DEBUG', true],
    ['WP_DEBUG_LOG', site.phpLog],
    ['WP_DEBUG_DISPLAY', false],
  ];
  return `<?php
${constants.map(([name, value]) => `define( '${name}', ${typeof value === 'boolean' ? String(value) : php(value)} );`).join('\n')}
$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

function mariadbServer(): string | undefined {
  return findExecutable(['mariadbd', 'mysqld'], ['/usr/sbin']);
}

function findExecutable(names: string[], extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...extraDirs];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** A server the site started; `group` when it leads a process group of its own (PHP and its workers). */
interface Service {
  readonly child: ChildProcess;
  readonly group: boolean;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function signal({ child, group }: Service, name: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (group) process.kill(-child.pid, name);
    else if (!exited(child)) child.kill(name);
  } catch {
    // Already gone.
  }
}

function stopService(service: Service): Promise<void> {
  const { child } = service;
  if (exited(child)) {
    signal(service, 'SIGTERM');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => signal(service, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signal(service, 'SIGTERM');
  });
}
