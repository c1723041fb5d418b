/**
 * Whether a page at `origin` may use a campaign's widget. An empty list
 * allows every site; otherwise the Origin's hostname must equal a listed
 * domain or be a subdomain of a `*.domain` entry. A missing or opaque
 * ("null") Origin is refused, since browsers always send one for the widget.
 */
export function originAllowed(origin: string | undefined, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return true;
  if (origin === undefined || origin === 'null') return false;
  let hostname: string;
  try {
    hostname = new URL(origin).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowedDomains.some((domain) =>
    domain.startsWith('*.') ? hostname.endsWith(domain.slice(1)) && hostname.length > domain.length - 1 : hostname === domain,
  );
}
