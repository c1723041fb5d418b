import type { ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Config } from '../config';

/**
 * Response header policies. The builders are pure: they take the public address and, when known,
 * the Host the browser used, so the console works both at PUBLIC_URL and at whatever address an
 * operator reaches it by (a CSP that forgot that host would block the console's own WebSocket).
 */

export type HeaderPolicyConfig = Pick<Config, 'publicUrl' | 'hstsMaxAge'>;

/** Hosts as browsers send them: names, IPv4, bracketed IPv6, optional port. Anything else never reaches a policy. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `connect-src`: same origin, plus the WebSocket form of PUBLIC_URL and of the requested host
 * (browsers before CSP Level 3 do not let 'self' cover ws: and wss:).
 */
export function connectSources(publicUrl: string, requestHost?: string): string[] {
  const url = new URL(publicUrl);
  const sources = ["'self'", url.origin, `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`];
  if (requestHost && HOST.test(requestHost)) {
    // The page's scheme decides ws or wss; an https page cannot open ws: anyway (mixed content).
    for (const scheme of ['ws', 'wss']) sources.push(`${scheme}://${requestHost.toLowerCase()}`);
  }
  return [...new Set(sources)];
}

function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * The console: only its own files may run. Styles allow 'unsafe-inline' because Angular puts
 * component styles in <style> elements; `base-uri 'self'` because index.html has `<base href="/">`.
 */
export function consoleCsp(config: Pick<Config, 'publicUrl'>, requestHost?: string): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'"],
    'connect-src': connectSources(config.publicUrl, requestHost),
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

/**
 * The demo page stands in for a customer's site: its own inline <style>, and the widget loaded from
 * PUBLIC_URL (which may differ from the address the page was opened at), talking back to it.
 */
export function demoCsp(config: Pick<Config, 'publicUrl'>, requestHost?: string): string {
  const parley = new URL(config.publicUrl).origin;
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'", parley],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", parley, 'data:', 'blob:'],
    'media-src': ["'self'", parley, 'blob:'],
    'connect-src': connectSources(config.publicUrl, requestHost),
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

/** The GraphQL explorer (development only): its bundled scripts and fonts, nothing from elsewhere. */
export function explorerCsp(config: Pick<Config, 'publicUrl'>, requestHost?: string): string {
  return policy({
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connectSources(config.publicUrl, requestHost),
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

/** `Strict-Transport-Security` value, or undefined when HSTS_MAX_AGE is 0. */
export function hstsHeader(maxAge: number): string | undefined {
  return maxAge > 0 ? `max-age=${maxAge}; includeSubDomains` : undefined;
}

/** Headers every response carries. Pages set their own CSP (see the builders above). */
export function mountSecurityHeaders(app: Express, config: HeaderPolicyConfig): void {
  const secure = securityHeaders(config);
  app.use((_req, res, next) => {
    secure(res);
    next();
  });
}

/** Sets the headers every response carries (mountSecurityHeaders), for answers given before express. */
export function securityHeaders(config: HeaderPolicyConfig): (res: ServerResponse) => void {
  const hsts = hstsHeader(config.hstsMaxAge);
  return (res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (hsts) res.setHeader('Strict-Transport-Security', hsts);
  };
}

/** What an HTML page that must never be framed sends along with its CSP. */
export function pageHeaders(csp: string): Record<string, string> {
  return { 'Content-Security-Policy': csp, 'X-Frame-Options': 'DENY' };
}
