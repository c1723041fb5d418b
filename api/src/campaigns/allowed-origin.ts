/**
 * A campaign's allowed sites: the grammar of an allowed-domains entry and the
 * check of a page's Origin against the list. Pure, no I/O.
 *
 * An entry is one of:
 * - a bare host, `example.com` or `*.example.com` (any subdomain, not the
 *   domain itself): the site on its default ports only, `https://host` (443)
 *   and `http://host` (80). Plain http on port 80 stays allowed because many
 *   small shops still serve it, and port 80 of a host is that host's website.
 * - an explicit origin, `https://shop.example.com:8443`, `http://localhost:4000`,
 *   `https://example.com`: exactly that scheme, host and port (the scheme's
 *   default port when none is written).
 * - `host:port` without a scheme means `https://host:port`.
 * Any other port or scheme must be listed: another service on the same host
 * (`http://example.com:8081`) is another site, maybe someone else's.
 */

type Scheme = 'http' | 'https';

export interface AllowedEntry {
  /** Lower-case hostname, or `*.domain` for its subdomains. */
  readonly host: string;
  /** Undefined for a bare host: https on 443 and http on 80. */
  readonly scheme?: Scheme;
  readonly port?: number;
}

const DEFAULT_PORT: Record<Scheme, number> = { http: 80, https: 443 };
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = `(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*\\.?`;
const ENTRY = new RegExp(`^(?:(https?)://)?(${HOST})(?::(\\d{1,5}))?/?$`);

/** Reads an entry as an admin may type it (any case, a trailing "/" or "."); undefined when it is not one. */
export function parseAllowedEntry(raw: string): AllowedEntry | undefined {
  if (raw.length > 300) return undefined;
  const match = ENTRY.exec(raw.trim().toLowerCase());
  if (!match) return undefined;
  const [, scheme, rawHost = '', rawPort] = match;
  const host = rawHost.replace(/\.$/, '');
  if (host.length === 0 || host.length > 253) return undefined;
  // "*.com" would allow everyone.
  if (host.startsWith('*.') && !host.slice(2).includes('.') && host.slice(2) !== 'localhost') return undefined;
  if (rawPort === undefined) return scheme === undefined ? { host } : { host, scheme: scheme as Scheme, port: DEFAULT_PORT[scheme as Scheme] };
  const port = Number(rawPort);
  if (port < 1 || port > 65535) return undefined;
  return { host, scheme: (scheme ?? 'https') as Scheme, port };
}

/** The canonical spelling stored and shown: `example.com`, `https://example.com`, `http://localhost:4000`. */
export function formatAllowedEntry(entry: AllowedEntry): string {
  if (entry.scheme === undefined) return entry.host;
  const port = entry.port === undefined || entry.port === DEFAULT_PORT[entry.scheme] ? '' : `:${entry.port}`;
  return `${entry.scheme}://${entry.host}${port}`;
}

/** An entry in canonical form, or undefined when `raw` is not an entry. */
export function normaliseAllowedEntry(raw: string): string | undefined {
  const entry = parseAllowedEntry(raw);
  return entry && formatAllowedEntry(entry);
}

const hostMatches = (pattern: string, hostname: string): boolean =>
  pattern.startsWith('*.') ? hostname.endsWith(pattern.slice(1)) && hostname.length > pattern.length - 1 : hostname === pattern;

function entryMatches(entry: AllowedEntry, scheme: Scheme, hostname: string, port: number): boolean {
  if (!hostMatches(entry.host, hostname)) return false;
  if (entry.scheme === undefined) return port === DEFAULT_PORT[scheme];
  return entry.scheme === scheme && (entry.port ?? DEFAULT_PORT[entry.scheme]) === port;
}

/**
 * Whether a page at `origin` may use a campaign's widget. An empty list
 * allows every site. Otherwise the Origin's scheme, host and port must match
 * an entry (see above). A missing, opaque ("null") or non-http(s) Origin is
 * refused, since browsers always send one for the widget's requests.
 */
export function originAllowed(origin: string | undefined, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return true;
  if (origin === undefined || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  const hostname = url.hostname.toLowerCase();
  const port = url.port === '' ? DEFAULT_PORT[scheme] : Number(url.port);
  return allowedDomains.some((raw) => {
    const entry = parseAllowedEntry(raw);
    return entry !== undefined && entryMatches(entry, scheme, hostname, port);
  });
}
