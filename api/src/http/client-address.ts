import type { IncomingMessage } from 'node:http';

/** Whether the address at `hop` (0: the socket's peer) is a proxy whose X-Forwarded-For is believed: express' compiled `trust proxy`. */
export type TrustedProxy = (address: string | undefined, hop: number) => boolean;

/**
 * The client's address as express' `req.ip` gives it (proxy-addr): the
 * socket's peer, then X-Forwarded-For from its last entry back, for as long
 * as each hop is a trusted proxy. For requests answered before express.
 */
export function clientAddress(req: IncomingMessage, trust: TrustedProxy): string | undefined {
  const header = req.headers['x-forwarded-for'];
  // Node joins repeated X-Forwarded-For lines into one string.
  const addresses = [req.socket.remoteAddress, ...(typeof header === 'string' && header !== '' ? forwardedFor(header) : [])];
  for (let hop = 0; hop < addresses.length - 1; hop += 1) if (!trust(addresses[hop], hop)) return addresses[hop];
  return addresses[addresses.length - 1];
}

/** X-Forwarded-For's entries, last first, split on commas with spaces trimmed: as the `forwarded` package reads it. */
function forwardedFor(header: string): string[] {
  const list: string[] = [];
  let end = header.length;
  let start = header.length;
  for (let i = header.length - 1; i >= 0; i -= 1) {
    const code = header.charCodeAt(i);
    if (code === 0x20) {
      if (start === end) start = end = i;
    } else if (code === 0x2c) {
      if (start !== end) list.push(header.substring(start, end));
      start = end = i;
    } else start = i;
  }
  if (start !== end) list.push(header.substring(start, end));
  return list;
}
