import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Runtime configuration: the only reader of process.env, validated once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Unset: an embedded PostgreSQL is started under DATA_DIR. */
  readonly databaseUrl: string | undefined;
  /** Unset: in-process pub/sub (a single instance only). */
  readonly redisUrl: string | undefined;
  readonly dataDir: string;
  /** Port of the embedded PostgreSQL, used only when DATABASE_URL is unset. */
  readonly embeddedPostgresPort: number;
  readonly publicUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly production: boolean;
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  /** Create demo users and a demo campaign when the database has no users. */
  readonly demo: boolean;
  /** smtp(s)://user:pass@host:port for offline-message emails; unset: they wait in the outbox. */
  readonly smtpUrl: string | undefined;
  /**
   * Requests allowed per minute, counted for all instances together through Redis (in memory without it): chat starts and
   * offline messages per client IP, messages and other root fields per visitor session, root fields per API key.
   */
  readonly rateLimits: { readonly startChat: number; readonly offlineMessage: number; readonly visitorMessage: number; readonly visitor: number; readonly apiKey: number };
  /** The highest estimated cost (fields times the sizes of the lists around them) of an operation that may run. */
  readonly graphqlMaxCost: number;
  /** Largest accepted upload, in bytes. */
  readonly uploadMaxBytes: number;
  /** An agent whose sockets are all gone this long goes OFFLINE. */
  readonly agentGraceSeconds: number;
  /** How long a token's holder is answered from memory before it is read again; revocations reach every instance at once regardless. */
  readonly accessCacheSeconds: number;
  /** Every this many seconds each WebSocket is pinged; one that does not answer within as long (gone, or not reading) is dropped. */
  readonly wsPingSeconds: number;
  /** Subscriptions one WebSocket may hold at once. */
  readonly maxSubscriptionsPerSocket: number;
  /** Bearer token required on /metrics; unset: /metrics is open (keep it off the public network then). */
  readonly metricsToken: string | undefined;
  /** `Strict-Transport-Security` max-age in seconds for every response; 0: not sent (serve over HTTPS before turning it on). */
  readonly hstsMaxAge: number;
  readonly mailFrom: string;
  /** The media server for calls and screen monitoring; `off` when none is configured or found. */
  readonly media: MediaConfig;
  /** STUN/TURN URLs handed to browsers joining a call (`ICE_SERVERS`, comma-separated). */
  readonly iceServers: readonly string[];
  /** How long a call rings before it ends unanswered. */
  readonly callRingSeconds: number;
  readonly consoleDir: string;
  readonly widgetFile: string;
}

/**
 * Where Janus is: started by the API itself from the `janus` found on PATH
 * (`embedded`), an existing one (`external`, from `JANUS_URL`), or none.
 */
export type MediaConfig =
  | { readonly mode: 'off'; readonly why: string }
  | {
      readonly mode: 'embedded';
      readonly binary: string;
      /** Unset: random secrets per start. */
      readonly apiSecret: string | undefined;
      readonly adminKey: string | undefined;
      /** `ice_enforce_list`: the only interfaces Janus gathers candidates on. */
      readonly iceInterfaces: string | undefined;
      /** `nat_1_1_mapping`: the public address to announce behind a 1:1 NAT. */
      readonly nat11: string | undefined;
    }
  | { readonly mode: 'external'; readonly url: string; readonly wsUrl: string; readonly apiSecret: string; readonly adminKey: string };

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be an integer 0-65535, got "${raw}"`);
  return port;
}

function parseUrl(name: string, raw: string | undefined, protocols: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  return raw;
}

function parseBytes(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 20 * 1024 * 1024;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1024 * 1024 * 1024) throw new ConfigError('UPLOAD_MAX_BYTES must be a whole number of bytes from 1 to 1073741824');
  return value;
}

function parseCount(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new ConfigError(`${name} must be a whole number from 1 to 1000000`);
  return value;
}

function parseSeconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 86_400) throw new ConfigError(`${name} must be a whole number of seconds from 0 to 86400`);
  return value;
}

function parseMetricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16 || /\s/.test(raw)) throw new ConfigError('METRICS_TOKEN must have at least 16 characters and no spaces');
  return raw;
}

function parseHstsMaxAge(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 63_072_000) throw new ConfigError('HSTS_MAX_AGE must be a whole number of seconds from 0 to 63072000');
  return value;
}

/** The first executable `name` in the PATH's folders. */
function onPath(name: string, pathVariable: string | undefined): string | undefined {
  for (const folder of (pathVariable ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function parseSecret(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\w.:,/@+=-]{16,200}$/.test(raw)) throw new ConfigError(`${name} must have 16 to 200 characters among letters, digits and . : , / @ + = - _`);
  return raw;
}

function parseMedia(env: NodeJS.ProcessEnv): MediaConfig {
  const url = parseUrl('JANUS_URL', env.JANUS_URL, ['http:', 'https:']);
  if (env.MEDIA === 'off') return { mode: 'off', why: 'MEDIA=off' };
  if (env.MEDIA !== undefined && env.MEDIA !== '' && env.MEDIA !== 'on') throw new ConfigError('MEDIA must be on or off');
  if (url !== undefined) {
    const wsUrl = parseUrl('JANUS_WS_URL', env.JANUS_WS_URL, ['ws:', 'wss:']);
    const apiSecret = parseSecret('JANUS_API_SECRET', env.JANUS_API_SECRET);
    const adminKey = parseSecret('JANUS_ADMIN_KEY', env.JANUS_ADMIN_KEY);
    if (!wsUrl || !apiSecret || !adminKey) throw new ConfigError('JANUS_URL needs JANUS_WS_URL, JANUS_API_SECRET and JANUS_ADMIN_KEY (the VideoRoom admin_key) too');
    return { mode: 'external', url: url.replace(/\/+$/, ''), wsUrl, apiSecret, adminKey };
  }
  const binary = onPath('janus', env.PATH);
  if (!binary) return { mode: 'off', why: 'no JANUS_URL, and no janus on PATH' };
  const iceInterfaces = env.JANUS_ICE_INTERFACES?.trim() || undefined;
  const nat11 = env.JANUS_NAT_1_1?.trim() || undefined;
  for (const [name, value] of [['JANUS_ICE_INTERFACES', iceInterfaces], ['JANUS_NAT_1_1', nat11]] as const) {
    if (value !== undefined && !/^[\w.:,-]+$/.test(value)) throw new ConfigError(`${name} must be a comma-separated list of interface names or addresses`);
  }
  return { mode: 'embedded', binary, apiSecret: parseSecret('JANUS_API_SECRET', env.JANUS_API_SECRET), adminKey: parseSecret('JANUS_ADMIN_KEY', env.JANUS_ADMIN_KEY), iceInterfaces, nat11 };
}

function parseIceServers(raw: string | undefined): string[] {
  const urls = (raw ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  for (const url of urls) if (!/^(stun|stuns|turn|turns):[^\s]+$/.test(url)) throw new ConfigError(`ICE_SERVERS: "${url}" is not a stun:, stuns:, turn: or turns: URL`);
  return urls;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env.PORT);
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const adminEmail = env.PARLEY_ADMIN_EMAIL ?? '';
  const adminPassword = env.PARLEY_ADMIN_PASSWORD ?? '';
  if ((adminEmail === '') !== (adminPassword === '')) {
    throw new ConfigError('PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== '' && adminPassword.length < 10) throw new ConfigError('PARLEY_ADMIN_PASSWORD must have at least 10 characters');
  const repoRoot = path.resolve(__dirname, '../..');
  const publicUrl = parseUrl('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:']) ?? `http://localhost:${port}`;
  return Object.freeze({
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    redisUrl: parseUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    embeddedPostgresPort: env.EMBEDDED_POSTGRES_PORT ? parsePort(env.EMBEDDED_POSTGRES_PORT) : 54329,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, '.data')),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    logLevel,
    production: env.NODE_ENV === 'production',
    admin: adminEmail === '' ? undefined : Object.freeze({ email: adminEmail, password: adminPassword }),
    demo: env.PARLEY_DEMO === '1' || env.PARLEY_DEMO === 'true',
    agentGraceSeconds: parseSeconds('AGENT_GRACE_SECONDS', env.AGENT_GRACE_SECONDS, 60),
    accessCacheSeconds: parseSeconds('ACCESS_CACHE_SECONDS', env.ACCESS_CACHE_SECONDS, 60),
    uploadMaxBytes: parseBytes(env.UPLOAD_MAX_BYTES),
    wsPingSeconds: Math.max(1, parseSeconds('WS_PING_SECONDS', env.WS_PING_SECONDS, 12)),
    maxSubscriptionsPerSocket: parseCount('WS_MAX_SUBSCRIPTIONS', env.WS_MAX_SUBSCRIPTIONS, 100),
    hstsMaxAge: parseHstsMaxAge(env.HSTS_MAX_AGE),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    rateLimits: Object.freeze({
      startChat: parseCount('RATE_LIMIT_START_CHAT', env.RATE_LIMIT_START_CHAT, 600),
      offlineMessage: parseCount('RATE_LIMIT_OFFLINE_MESSAGE', env.RATE_LIMIT_OFFLINE_MESSAGE, 20),
      visitorMessage: parseCount('RATE_LIMIT_VISITOR_MESSAGE', env.RATE_LIMIT_VISITOR_MESSAGE, 120),
      visitor: parseCount('RATE_LIMIT_VISITOR', env.RATE_LIMIT_VISITOR, 300),
      apiKey: parseCount('RATE_LIMIT_API_KEY', env.RATE_LIMIT_API_KEY, 600),
    }),
    // The console's costliest operation, an agent's view of a contact's history, is about 31,000.
    graphqlMaxCost: parseCount('GRAPHQL_MAX_COST', env.GRAPHQL_MAX_COST, 50_000),
    smtpUrl: parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM ?? 'Parley <no-reply@parley.local>',
    media: Object.freeze(parseMedia(env)),
    iceServers: Object.freeze(parseIceServers(env.ICE_SERVERS)),
    callRingSeconds: Math.max(1, parseSeconds('CALL_RING_SECONDS', env.CALL_RING_SECONDS, 45)),
    consoleDir: path.join(repoRoot, 'console/dist/console/browser'),
    widgetFile: path.join(repoRoot, 'widget/dist/widget.js'),
  });
}
