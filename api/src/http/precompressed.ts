import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Static files with the brotli and gzip variants that scripts/precompress.mjs writes beside them at
 * build time: `main-X.js.br`, `main-X.js.gz`. Nothing is compressed per request.
 */

/** Angular's output hashing (`outputHashing: all`) names files `name-HASH.ext`; their content never changes. */
const HASHED_NAME = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function cacheControlFor(file: string): string {
  const name = path.basename(file);
  if (name.endsWith('.html')) return 'no-cache';
  return HASHED_NAME.test(name) ? IMMUTABLE : 'public, max-age=3600';
}

async function fileStat(file: string) {
  try {
    const found = await stat(file);
    return found.isFile() ? found : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Brotli when the client takes it, else gzip, else the file itself. Brotli wins over gzip whatever
 * their order in Accept-Encoding (it is smaller); q=0 still refuses. A variant older than its file
 * (a rebuild without the precompress step) is never served.
 */
async function pickVariant(req: Request, file: string, mtimeMs: number): Promise<{ file: string; encoding?: 'br' | 'gzip' } | undefined> {
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (req.acceptsEncodings(encoding) !== encoding) continue;
    const variant = await fileStat(file + suffix);
    if (variant && variant.mtimeMs >= mtimeMs) return { file: file + suffix, encoding };
  }
  return undefined;
}

export interface SendOptions {
  cacheControl: string;
  headers?: Record<string, string>;
}

/** Sends `root/file` in the best encoding the client accepts, with the Content-Type of the uncompressed file. */
export async function sendPrecompressed(req: Request, res: Response, next: NextFunction, root: string, file: string, options: SendOptions): Promise<void> {
  const full = path.join(root, file);
  const original = await fileStat(full);
  if (!original) return next();
  const variant = await pickVariant(req, full, original.mtimeMs);
  const headers: Record<string, string> = { 'Cache-Control': options.cacheControl, ...options.headers };
  if (variant?.encoding) headers['Content-Encoding'] = variant.encoding;
  res.vary('Accept-Encoding');
  res.type(path.extname(file));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const sent = variant ? path.relative(root, variant.file) : file;
  // Ranges of a compressed body are rarely what a client wants; these files are small enough to send whole.
  res.sendFile(sent, { root, cacheControl: false, acceptRanges: !variant?.encoding }, (error?: Error & { status?: number }) => {
    if (!error || res.headersSent) return;
    for (const name of [...Object.keys(headers), 'Content-Type']) res.removeHeader(name);
    next(error.status === 404 ? undefined : error);
  });
}

/** Serves files under `root` by request path, like express.static, but with the precompressed variants. */
export function precompressedStatic(root: string, headersFor: (req: Request, file: string) => Record<string, string> = () => ({})): RequestHandler {
  const base = path.resolve(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let file: string;
    try {
      file = decodeURIComponent(req.path).replace(/^\/+/, '');
    } catch {
      return next();
    }
    // Nothing outside root; variants are only reached through negotiation.
    if (file === '' || file.includes('\0') || !path.join(base, file).startsWith(base + path.sep) || /\.(br|gz)$/.test(file)) return next();
    sendPrecompressed(req, res, next, base, file, { cacheControl: cacheControlFor(file), headers: headersFor(req, file) }).catch(next);
  };
}
